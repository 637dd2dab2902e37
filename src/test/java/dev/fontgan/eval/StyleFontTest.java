package dev.fontgan.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fontgan.FontganException;
import dev.fontgan.TestFonts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StyleFontTest {
    @Test
    void fontsAreNamedByTheirCatalogNameUnlessNamedExplicitly() {
        Path comic = TestFonts.path(TestFonts.COMIC_NEUE);
        assertEquals("comic", StyleFont.parse(comic.toString()).name());
        assertEquals("mine", StyleFont.parse("mine=" + comic).name());
    }

    @Test
    void catalogNamesStylesAndRefusesDuplicates(@TempDir Path dir) throws Exception {
        Path sans = TestFonts.path(TestFonts.DEJAVU_SANS);
        Path serif = TestFonts.path(TestFonts.LIBERATION_SERIF);
        Path catalog = dir.resolve("catalog.json");
        Files.writeString(catalog, "{\"fonts\":[{\"file\":\"" + sans + "\",\"name\":\"a\"},"
                + "{\"file\":\"" + serif + "\",\"name\":\"b\"}]}");
        List<StyleFont> fonts = StyleFont.fromCatalog(catalog);
        assertEquals(List.of("a", "b"), fonts.stream().map(StyleFont::name).toList());
        Files.writeString(catalog, "{\"fonts\":[{\"file\":\"" + sans + "\",\"name\":\"a\"},"
                + "{\"file\":\"" + serif + "\",\"name\":\"a\"}]}");
        FontganException e = assertThrows(FontganException.class, () -> StyleFont.fromCatalog(catalog));
        assertTrue(e.problem().contains("two fonts are named 'a'"), e.problem());
        assertThrows(FontganException.class, () -> StyleFont.fromCatalog(dir.resolve("other.json")));
    }

    @Test
    void heldOutPairsFollowTheFractionAndTheSeed() {
        HeldOutPairs split = new HeldOutPairs(5, 0.1);
        int held = 0;
        for (int cp = 0x4E00; cp < 0x4E00 + 5000; cp++) {
            held += split.isHeldOut("song", cp) ? 1 : 0;
            assertEquals(split.isHeldOut("song", cp), new HeldOutPairs(5, 0.1).isHeldOut("song", cp));
        }
        assertTrue(held > 400 && held < 600, "held out " + held + " of 5000");
        int differ = 0;
        for (int cp = 0x4E00; cp < 0x4E00 + 1000; cp++) {
            differ += split.isHeldOut("song", cp) != split.isHeldOut("kai", cp) ? 1 : 0;
        }
        assertTrue(differ > 100, "fonts share the held-out characters: " + differ);
    }
}
