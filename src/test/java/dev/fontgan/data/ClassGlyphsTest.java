package dev.fontgan.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.fontgan.Progress;
import dev.fontgan.TestFonts;
import dev.fontgan.TorchRuntime;
import dev.fontgan.font.FontFile;
import dev.fontgan.glyph.Normalization;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassGlyphsTest {
    @Test
    void digitsInTwoFontsGiveLabelledBatches() {
        TorchRuntime.configure();
        List<FontFile> fonts = List.of(FontFile.open(TestFonts.path(TestFonts.DEJAVU_SANS)),
                FontFile.open(TestFonts.path(TestFonts.COMIC_NEUE)));
        ClassGlyphs c = ClassGlyphs.render(fonts, "0123456789".codePoints().toArray(), 32, Normalization.INK, Progress.NONE);
        assertEquals(10, c.classCount());
        assertEquals(20, c.size());
        assertEquals(2, c.fontCount());
        assertEquals('7', c.codePoint(7));
        ClassGlyphs.Batch b = c.epoch(6, 1).next();
        assertEquals(6, b.count());
        for (int i = 0; i < 6; i++) {
            assertTrue(b.labels()[i] >= 0 && b.labels()[i] < 10);
            assertTrue(b.fontIds()[i] == 0 || b.fontIds()[i] == 1);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            assertEquals(new Shape(6, 1, 32, 32), b.imageArray(m).getShape());
            assertEquals(new Shape(6), b.labelArray(m).getShape());
        }
    }
}
