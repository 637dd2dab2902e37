package dev.fontgan.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.fontgan.data.GlyphAugmenter;
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
}
