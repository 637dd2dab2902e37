package dev.fontgan.ocr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fontgan.FontganException;
import dev.fontgan.TorchRuntime;
import dev.fontgan.glyph.GlyphImage;
import dev.fontgan.style.TinyPacks;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackStylesTest {
    @TempDir Path tmp;

    @Test
    void packGlyphsDoNotDependOnWhatElseWasAskedFor() {
        TorchRuntime.configure();
        Path pack = TinyPacks.pack(tmp);
        int[] text = "的一是不了人我在有他".codePoints().toArray();
        List<Style> first = PackStyles.files().resolve(pack + ":all", 1.0);
        List<Style> second = PackStyles.files().resolve(pack + ":all", 1.0);
        assertEquals(3, first.size(), "one style per pack style");
        GlyphImage[] together = first.get(0).hand().write(text);
        for (int i = text.length - 1; i >= 0; i--) {
            GlyphImage alone = second.get(0).hand().write(new int[] {text[i]})[0];
            assertNotNull(alone);
            assertArrayEquals(together[i].pixels(), alone.pixels(), "same pixels for " + Character.toString(text[i]));
        }
    }

    @Test
    void unknownPackStyleIsAOneLineError() {
        TorchRuntime.configure();
        Path pack = TinyPacks.pack(tmp);
        assertThrows(FontganException.class, () -> PackStyles.files().resolve(pack + ":nosuchstyle", 1.0));
        assertThrows(FontganException.class, () -> PackStyles.files().resolve("no-colon", 1.0));
    }
}
