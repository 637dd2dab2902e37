package dev.fontgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StrokeWeightTest {
    private static final int SIZE = 32;

    /** A vertical bar of the given width and ink level, 20 px long. */
    private static float[] bar(int width, float level) {
        float[] ink = new float[SIZE * SIZE];
        for (int y = 6; y < 26; y++) {
            for (int x = 10; x < 10 + width; x++) {
                ink[y * SIZE + x] = level;
            }
        }
        return ink;
    }

    @Test
    void widthEstimateReadsABarsWidth() {
        StrokeWeight w = new StrokeWeight(SIZE, 2f);
        // 2 * ink / edge = 2 * 20 w / (2 * 20 + 2 w): close to w for a long bar
        assertEquals(2 * 20 * 1 / (40f + 2), w.width(bar(1, 1f)), 1e-4);
        assertEquals(2 * 20 * 4 / (40f + 8), w.width(bar(4, 1f)), 1e-4);
        assertEquals(0f, w.width(new float[SIZE * SIZE]));
    }

    @Test
    void thinAndHeavyStrokesMeetTheTargetAndGrayStrokesTurnBlack() {
        StrokeWeight w = new StrokeWeight(SIZE, 2.3f);
        for (float[] glyph : new float[][] {bar(1, 1f), bar(6, 1f), bar(2, 0.4f)}) {
            float[] out = w.normalize(glyph);
            assertEquals(2.3f, w.width(out), 0.01f);
            float max = 0;
            for (float v : out) {
                assertTrue(v >= 0 && v <= 1, "ink stays in [0, 1]");
                max = Math.max(max, v);
            }
            assertEquals(1f, max, 1e-6f, "full black after the contrast stretch");
        }
        // the thin bar got ink, the heavy one lost some
        assertTrue(sum(w.normalize(bar(1, 1f))) > sum(bar(1, 1f)));
        assertTrue(sum(w.normalize(bar(6, 1f))) < sum(bar(6, 1f)));
    }

    @Test
    void blankGlyphsStayBlankAndBytesAreNormalizedInPlace() {
        StrokeWeight w = new StrokeWeight(SIZE, 2f);
        float[] blank = new float[SIZE * SIZE];
        assertArrayEquals(blank, w.normalize(blank));
        byte[] two = new byte[2 * SIZE * SIZE];
        float[] thin = bar(1, 1f);
        for (int i = 0; i < thin.length; i++) {
            two[SIZE * SIZE + i] = (byte) Math.round(thin[i] * 255);
        }
        w.normalizeAll(two);
        float[] second = new float[SIZE * SIZE];
        for (int i = 0; i < second.length; i++) {
            assertEquals(0, two[i], "the blank first glyph is untouched");
            second[i] = (two[SIZE * SIZE + i] & 0xFF) / 255f;
        }
        assertEquals(2f, w.width(second), 0.02f);
        assertThrows(IllegalArgumentException.class, () -> new StrokeWeight(SIZE, 0f));
    }

    private static double sum(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s;
    }
}
