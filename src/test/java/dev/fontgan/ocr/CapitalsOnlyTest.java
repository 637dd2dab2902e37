package dev.fontgan.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fontgan.Json;
import dev.fontgan.Progress;
import dev.fontgan.TestFonts;
import dev.fontgan.font.FontFile;
import dev.fontgan.render.ShippedFonts;
import dev.fontgan.style.FontHand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapitalsOnlyTest {
    @TempDir
    Path temp;

    private static FontHand hand(String relative) {
        return new FontHand(relative, FontFile.open(TestFonts.path(relative)), 64);
    }

    @Test
    void allCapsAndSmallCapsHandsAreFoundAndLowercaseHandsAreNot() {
        for (String caps : List.of("fonts/tomsontalks/TomsonTalks.ttf", "fonts/bwht/BecauseWeConnect-Regular.otf",
                "fonts/bwht/BecauseWeLearn-Regular.otf", "fonts/bwht/BecauseWeOrganize-Regular.otf",
                "fonts/humor-sans/Humor-Sans.ttf")) {
            assertTrue(CapitalsOnly.test(hand(caps)), caps);
        }
        for (String lower : List.of(TestFonts.DEJAVU_SANS, "fonts/femkeklaver/femkeklaver.ttf",
                "fonts/comic-neue/ComicNeue-Regular.otf", "fonts/kristi/Kristi.ttf")) {
            assertFalse(CapitalsOnly.test(hand(lower)), lower);
        }
        // a hand without outlines is judged by what it writes: the font's own glyphs here
        FontHand tomson = hand("fonts/tomsontalks/TomsonTalks.ttf");
        assertTrue(CapitalsOnly.writesCapitals(tomson));
        assertFalse(CapitalsOnly.writesCapitals(hand(TestFonts.DEJAVU_SANS)));
    }

    @Test
    void aCapitalsOnlyStyleGetsCapitalLabelsCountedInTheSummary() throws Exception {
        Path corpus = temp.resolve("c.txt");
        Files.writeString(corpus, "the quick brown fox jumps\nover the lazy dog today\n", StandardCharsets.UTF_8);
        StyleResolver r = (selector, weight) -> List.of(new Style(selector, selector,
                selector.equals("tomson") ? hand("fonts/tomsontalks/TomsonTalks.ttf") : hand(TestFonts.DEJAVU_SANS),
                weight));
        StyleMix mix = StyleMix.parse("fonts:tomson,fonts:dejavu", Map.of("fonts", r));
        DatasetSpec spec = new DatasetSpec(CorpusText.load(corpus, CorpusText.Mode.WINDOWS, 2, 4), mix,
                AugmentConfig.none(), Uncovered.RESTYLE, ShippedFonts.none(), 20, 5, 32, 0,
                EnumSet.allOf(LabelFormat.class), false);
        Path out = temp.resolve("ds");
        Map<String, Object> summary = new DatasetExporter(spec, out, 10).run(1, Progress.NONE, -1).summary();
        long uppercased = 0;
        for (String line : Files.readAllLines(out.resolve("manifest.jsonl"))) {
            Map<String, Object> row = Json.parseObject(line, "row");
            String text = (String) row.get("text");
            if (row.get("style").equals("tomson")) {
                assertEquals(text.toUpperCase(java.util.Locale.ROOT), text, "capitals in the label: " + text);
                uppercased++;
            } else {
                assertEquals(text.toLowerCase(java.util.Locale.ROOT), text, "lowercase hands keep lowercase: " + text);
            }
        }
        assertTrue(uppercased > 0 && uppercased < 20, "both styles drew lines: " + uppercased);
        @SuppressWarnings("unchecked")
        Map<String, Object> guard = (Map<String, Object>) summary.get("coverage_guard");
        assertEquals(uppercased, ((Number) guard.get("uppercased_lines")).longValue());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> styles = (List<Map<String, Object>>) summary.get("styles");
        assertEquals(Boolean.TRUE, styles.get(0).get("capitals_only"));
        assertEquals(Boolean.FALSE, styles.get(1).get("capitals_only"));
    }

    @Test
    void aCodePointMappedToAnEmptyGlyphCountsAsMissing() {
        FontFile dejavu = FontFile.open(TestFonts.path(TestFonts.DEJAVU_SANS));
        // U+2002 EN SPACE: mapped to a real glyph id that draws nothing
        assertTrue(dejavu.glyphId(0x2002) > 0);
        assertFalse(dejavu.has(0x2002));
        Style style = new Style("dejavu", "dejavu", hand(TestFonts.DEJAVU_SANS), 1);
        assertFalse(style.covers("a\u2002b"), "the coverage guard sees an empty glyph as not drawn");
        assertTrue(style.covers("a b"));
    }
}
