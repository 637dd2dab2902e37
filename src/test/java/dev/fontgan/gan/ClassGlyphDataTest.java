package dev.fontgan.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.fontgan.data.GlyphAugmenter;
import dev.fontgan.data.StrokeWeight;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ClassGlyphDataTest {
    private static final GlyphAugmenter.Distortions SOME =
            new GlyphAugmenter.Distortions(0.7f, 0.2f, 1.2f, 0.9, 1.05, 5, 1.5, 0f, 0f);

    private static ClassGlyphData distorted(long seed) {
        ClassGlyphData clean = GanFixtures.classGlyphs();
        return new ClassGlyphData(clean.glyphs(), seed, clean.describe(), SOME);
    }

    @Test
    void distortedBatchesArePureFunctionsOfSeedAndIterationInRangeAndShape() {
        ClassGlyphData clean = GanFixtures.classGlyphs();
        int s = GanFixtures.SIZE;
        try (NDManager m = NDManager.newBaseManager()) {
            Batch a = distorted(1).batch(3, 8, m);
            Batch again = distorted(1).batch(3, 8, m);
            assertEquals(new Shape(8, 1, s, s), a.images().getShape());
            float[] px = a.images().toFloatArray();
            assertArrayEquals(px, again.images().toFloatArray(), "same seed and iteration, same batch");
            assertArrayEquals(clean.batch(3, 8, m).labels().toIntArray(), a.labels().toIntArray(),
                    "distortion keeps the draw order and labels");
            for (float v : px) {
                assertTrue(v >= -1f && v <= 1f, "value " + v);
            }
            assertFalse(Arrays.equals(px, clean.batch(3, 8, m).images().toFloatArray()), "left the glyphs clean");
            assertFalse(Arrays.equals(px, distorted(2).batch(3, 8, m).images().toFloatArray()), "seed ignored");
            assertArrayEquals(clean.evaluation(10, m).images().toFloatArray(),
                    distorted(1).evaluation(10, m).images().toFloatArray(), "evaluation glyphs stay clean");
        }
    }

    @Test
    void infoGansGlyphsAreBroughtToItsStrokeWidthAndOthersKeepTheFonts() {
        ClassGlyphData clean = GanFixtures.classGlyphs();
        int s = GanFixtures.SIZE;
        Variant info = dev.fontgan.gan.variants.Variants.named("infogan");
        float target = info.realStrokeWidthPx(s);
        assertTrue(target > 0, "infogan asks for one stroke width");
        ClassGlyphData normalized = ClassGlyphData.forVariant(clean.glyphs(), 1, clean.describe(), info);
        StrokeWeight weight = new StrokeWeight(s, target);
        int area = s * s;
        byte[] before = clean.glyphs().batch(new int[] {0, 11, 22}).pixels();
        byte[] after = normalized.glyphs().batch(new int[] {0, 11, 22}).pixels();
        assertFalse(Arrays.equals(before, after), "glyphs changed");
        for (int g = 0; g < 3; g++) {
            float[] ink = new float[area];
            for (int i = 0; i < area; i++) {
                ink[i] = (after[g * area + i] & 0xFF) / 255f;
            }
            // uint8 rounding of the blend moves the estimate a little
            assertEquals(target, weight.width(ink), 0.05f, "glyph " + g);
        }
        assertEquals(target, ((Number) normalized.describe().get("stroke_width_px")).floatValue(), 1e-6f);
        Variant dcgan = dev.fontgan.gan.variants.Variants.named("dcgan");
        assertArrayEquals(before, ClassGlyphData.forVariant(clean.glyphs(), 1, clean.describe(), dcgan).glyphs()
                .batch(new int[] {0, 11, 22}).pixels(), "a variant without a stroke width keeps each font's");
    }
}
