package dev.fontgan.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.fontgan.Json;
import dev.fontgan.TorchRuntime;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private static float[] randomGlyph(int size, long seed) {
        Random r = new Random(seed);
        float[] v = new float[size * size];
        // a few filled rectangles, like strokes
        for (int k = 0; k < 6; k++) {
            int x0 = r.nextInt(size - 8);
            int y0 = r.nextInt(size - 8);
            int w = 2 + r.nextInt(size / 2);
            int h = 2 + r.nextInt(6);
            boolean vertical = r.nextBoolean();
            for (int y = y0; y < Math.min(size, y0 + (vertical ? w : h)); y++) {
                for (int x = x0; x < Math.min(size, x0 + (vertical ? h : w)); x++) {
                    v[y * size + x] = 1f;
                }
            }
        }
        return v;
    }

    @Test
    void identicalImagesScorePerfectly() {
        float[] a = randomGlyph(64, 1);
        InkImages x = InkImages.ofInk(a, 1, 64);
        Metrics.Scores s = Metrics.compare(x, x);
        assertEquals(0.0, s.l1()[0]);
        assertEquals(0.0, s.rmse()[0]);
        assertEquals(1.0, s.ssim()[0], 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, s.psnr()[0]);
        assertEquals(1.0, s.inkRecall()[0]);
        Metrics.Summary sum = s.summary();
        assertEquals(Double.POSITIVE_INFINITY, sum.psnr());
        // infinite PSNR becomes null in JSON instead of breaking the output
        assertTrue(Json.write(sum.toJson()).contains("\"psnr\":null"));
    }

    @Test
    void inverseImageHasLowSsim() {
        float[] a = randomGlyph(64, 2);
        float[] inv = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            inv[i] = 1 - a[i];
        }
        double ssim = Metrics.ssim(a, 0, inv, 0, 64);
        assertTrue(ssim < 0, "ssim of an image and its inverse: " + ssim);
        assertEquals(1.0, Metrics.l1(a, 0, inv, 0, 64), 1e-12);
        assertEquals(0.0, Metrics.inkRecall(inv, 0, a, 0, 64));
    }

    @Test
    void handComputedSmallExample() {
        // 2x2 images: target ink at two pixels, output inks one of them and one paper pixel at 0.5
        float[] target = {1f, 1f, 0f, 0f};
        float[] output = {1f, 0f, 0.5f, 0f};
        Metrics.Scores s = Metrics.compare(InkImages.ofInk(output, 1, 2), InkImages.ofInk(target, 1, 2));
        assertEquals((0 + 1 + 0.5 + 0) / 4.0, s.l1()[0], 1e-12);
        double mse = (0 + 1 + 0.25 + 0) / 4.0;
        assertEquals(Math.sqrt(mse), s.rmse()[0], 1e-12);
        assertEquals(-10 * Math.log10(mse), s.psnr()[0], 1e-12);
        assertEquals(0.5, s.inkRecall()[0], 1e-12);
    }

    @Test
    void ssimOfConstantImagesFollowsTheFormula() {
        // constant images have zero variance: SSIM reduces to the luminance term
        int size = 16;
        float[] a = new float[size * size];
        float[] b = new float[size * size];
        java.util.Arrays.fill(a, 0.2f);
        java.util.Arrays.fill(b, 0.6f);
        double c1 = 1e-4;
        double c2 = 9e-4;
        double mx = 0.2f;
        double my = 0.6f;
        double expected = (2 * mx * my + c1) / (mx * mx + my * my + c1) * (c2 / c2);
        assertEquals(expected, Metrics.ssim(a, 0, b, 0, size), 1e-6);
    }

    @Test
    void ssimDropsWithNoise() {
        float[] a = randomGlyph(64, 3);
        Random r = new Random(4);
        float[] slight = a.clone();
        float[] heavy = a.clone();
        for (int i = 0; i < a.length; i++) {
            slight[i] = Math.min(1, Math.max(0, a[i] + (float) r.nextGaussian() * 0.05f));
            heavy[i] = Math.min(1, Math.max(0, a[i] + (float) r.nextGaussian() * 0.4f));
        }
        double s1 = Metrics.ssim(a, 0, slight, 0, 64);
        double s2 = Metrics.ssim(a, 0, heavy, 0, 64);
        assertTrue(s1 > s2 && s1 < 1 && s2 > -1, s1 + " vs " + s2);
        // symmetric in its arguments
        assertEquals(s1, Metrics.ssim(slight, 0, a, 0, 64), 1e-12);
    }

    @Test
    void ndArraysInTheSignedConventionMatchHostBytes() {
        TorchRuntime.configure();
        byte[] pixels = new byte[2 * 64 * 64];
        byte[] other = new byte[2 * 64 * 64];
        Random r = new Random(5);
        r.nextBytes(pixels);
        r.nextBytes(other);
        Metrics.Summary host = Metrics.compare(InkImages.ofBytes(pixels, 2, 64), InkImages.ofBytes(other, 2, 64))
                .summary();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = InkImages.ofBytes(pixels, 2, 64).toSigned(m);
            NDArray b = InkImages.ofBytes(other, 2, 64).toSigned(m);
            assertEquals(new Shape(2, 1, 64, 64), a.getShape());
            Metrics.Summary dev = Metrics.compare(a, b).summary();
            assertEquals(host.l1(), dev.l1(), 1e-6);
            assertEquals(host.ssim(), dev.ssim(), 1e-6);
            assertEquals(host.inkRecall(), dev.inkRecall(), 1e-9);
        }
    }

    @Test
    void resizingByAreaKeepsMeanInk() {
        float[] a = randomGlyph(64, 6);
        InkImages small = InkImages.ofInk(a, 1, 64).resized(24);
        double meanBig = 0;
        for (float v : a) {
            meanBig += v;
        }
        double meanSmall = 0;
        for (float v : small.ink()) {
            meanSmall += v;
        }
        assertEquals(meanBig / a.length, meanSmall / small.ink().length, 1e-5);
        assertEquals(24, small.sizePx());
        assertEquals(48, InkImages.ofInk(a, 1, 64).resized(32).resized(48).sizePx());
    }
}
