package dev.fontgan.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StyleJitterTest {
    /** Digits drawn with Java2D's default font, (n, 1, size, size) in [-1, 1], ink high. */
    static float[] digits(int n, int size) {
        float[] v = new float[n * size * size];
        for (int i = 0; i < n; i++) {
            BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size * 3 / 4));
            g.drawString(Integer.toString(i % 10), size / 4, size * 3 / 4);
            g.dispose();
            for (int p = 0; p < size * size; p++) {
                v[i * size * size + p] = (img.getRaster().getSample(p % size, p / size, 0) / 127.5f) - 1f;
            }
        }
        return v;
    }

    @Test
    void noJitterIsTheIdentity() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(digits(4, 16), new Shape(4, 1, 16, 16));
            NDArray y = new StyleJitter(0, 0, 0, 0, 0).apply(x, new Random(1));
            assertEquals(x.getShape(), y.getShape());
            float[] a = x.toFloatArray();
            float[] b = y.toFloatArray();
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-5f, "pixel " + i);
            }
        }
    }

    @Test
    void jitterChangesPixelsKeepsRangeAndSeedRepeats() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(digits(8, 32), new Shape(8, 1, 32, 32));
            StyleJitter j = StyleJitter.standard();
            float[] y = j.apply(x, new Random(7)).toFloatArray();
            assertArrayEquals(y, j.apply(x, new Random(7)).toFloatArray());
            double diff = 0;
            float[] a = x.toFloatArray();
            for (int i = 0; i < y.length; i++) {
                assertTrue(y[i] >= -1.0001f && y[i] <= 1.0001f, "pixel " + i + " = " + y[i]);
                diff += Math.abs(y[i] - a[i]);
            }
            assertTrue(diff / y.length > 0.01, "mean change " + diff / y.length);
        }
    }

    @Test
    void gradientReachesTheImages() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(digits(4, 16), new Shape(4, 1, 16, 16));
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = StyleJitter.standard().apply(x, new Random(3));
                gc.backward(y.sum());
            }
            float[] g = x.getGradient().toFloatArray();
            double total = 0;
            for (float v : g) {
                total += Math.abs(v);
            }
            assertTrue(total > 1, "gradient mass " + total);
        }
    }
}
