package dev.fontgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GlyphAugmenterTest {
    private static byte[] cross(int size) {
        byte[] px = new byte[size * size];
        for (int y = 8; y < size - 8; y++) {
            for (int x = size / 2 - 3; x < size / 2 + 3; x++) {
                px[y * size + x] = (byte) 255;
                px[x * size + y] = (byte) 255;
            }
        }
        return px;
    }

    @Test
    void distortionsAreSeededSmallAndInRange() {
        int size = 64;
        byte[] src = cross(size);
        GlyphAugmenter aug = new GlyphAugmenter(size);
        float[] clean = new float[size * size];
        aug.copy(src, 0, clean, 0);
        double cleanInk = sum(clean);
        float[] a = new float[size * size];
        float[] b = new float[size * size];
        for (int seed = 0; seed < 50; seed++) {
            aug.augment(src, 0, a, 0, new Random(seed));
            aug.augment(src, 0, b, 0, new Random(seed));
            assertArrayEquals(a, b);
            for (float v : a) {
                assertTrue(v >= 0 && v <= 1);
            }
            double ink = sum(a);
            // scale 0.9-1.1 and thin/thicken: ink mass stays within a broad band
            assertTrue(ink > 0.6 * cleanInk && ink < 1.6 * cleanInk, "seed " + seed + ": " + ink + " vs " + cleanInk);
            assertTrue(!java.util.Arrays.equals(a, clean), "seed " + seed + " left the glyph untouched");
        }
        assertEquals(cleanInk, 2 * 48 * 6 - 36, 1e-3);
    }

    private static double sum(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s;
    }
}
