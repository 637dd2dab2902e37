package dev.fontgan.eval;

import java.util.Random;

/**
 * Light, seeded distortions of rendered glyphs so a classifier trained on clean renders also
 * reads GAN outputs: stroke thickness (a blend with a grayscale dilation or erosion), scale
 * 0.9-1.1, rotation ±3°, sub-pixel shift ±2 px, a slight blur and faint noise.
 * One instance per thread (it keeps scratch buffers).
 */
public final class GlyphAugmenter {
    private final int sizePx;
    private final float[] a;
    private final float[] b;
    private final float[] scratch;

    public GlyphAugmenter(int sizePx) {
        this.sizePx = sizePx;
        this.a = new float[sizePx * sizePx];
        this.b = new float[sizePx * sizePx];
        this.scratch = new float[sizePx * sizePx];
    }

    /** Copies a uint8 ink glyph to ink in [0, 1] without distortion. */
    public void copy(byte[] src, int srcOff, float[] dst, int dstOff) {
        int area = sizePx * sizePx;
        for (int i = 0; i < area; i++) {
            dst[dstOff + i] = (src[srcOff + i] & 0xff) / 255f;
        }
    }

    /** Writes a distorted copy of a uint8 ink glyph as ink in [0, 1]; all randomness from {@code random}. */
    public void augment(byte[] src, int srcOff, float[] dst, int dstOff, Random random) {
        int area = sizePx * sizePx;
        copy(src, srcOff, a, 0);
        if (random.nextFloat() < 0.5f) {
            boolean dilate = random.nextBoolean();
            // up to about half a pixel of stroke width per side at 64 px, less on smaller images
            float amount = Math.min(1f, (0.1f + 0.4f * random.nextFloat()) * sizePx / 64f);
            morph(a, b, dilate);
            for (int i = 0; i < area; i++) {
                a[i] += amount * (b[i] - a[i]);
            }
        }
        double scale = 0.9 + 0.2 * random.nextDouble();
        double angle = Math.toRadians(-3 + 6 * random.nextDouble());
        double dx = -2 + 4 * random.nextDouble();
        double dy = -2 + 4 * random.nextDouble();
        warp(a, b, scale, angle, dx, dy);
        if (random.nextFloat() < 0.3f) {
            blur(b, a, 0.3 + 0.6 * random.nextDouble());
        } else {
            System.arraycopy(b, 0, a, 0, area);
        }
        float noise = random.nextFloat() < 0.2f ? 0.02f + 0.03f * random.nextFloat() : 0f;
        for (int i = 0; i < area; i++) {
            float v = a[i];
            if (noise > 0) {
                v += noise * (float) random.nextGaussian();
            }
            dst[dstOff + i] = Math.min(1f, Math.max(0f, v));
        }
    }

    /** 4-neighbour grayscale dilation (max) or erosion (min) of {@code in} into {@code out}. */
    private void morph(float[] in, float[] out, boolean dilate) {
        int s = sizePx;
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                int i = y * s + x;
                float v = in[i];
                float up = y > 0 ? in[i - s] : 0f;
                float down = y < s - 1 ? in[i + s] : 0f;
                float left = x > 0 ? in[i - 1] : 0f;
                float right = x < s - 1 ? in[i + 1] : 0f;
                out[i] = dilate
                        ? Math.max(v, Math.max(Math.max(up, down), Math.max(left, right)))
                        : Math.min(v, Math.min(Math.min(up, down), Math.min(left, right)));
            }
        }
    }

    /** Bilinear resampling of {@code in} scaled and rotated about the centre, then shifted; paper outside. */
    private void warp(float[] in, float[] out, double scale, double angle, double dx, double dy) {
        int s = sizePx;
        double c = s / 2.0;
        double cos = Math.cos(angle) / scale;
        double sin = Math.sin(angle) / scale;
        for (int y = 0; y < s; y++) {
            double py = y + 0.5 - c - dy;
            for (int x = 0; x < s; x++) {
                double px = x + 0.5 - c - dx;
                // inverse rotation and scale: source position of this output pixel
                double sx = cos * px + sin * py + c - 0.5;
                double sy = -sin * px + cos * py + c - 0.5;
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                double fx = sx - x0;
                double fy = sy - y0;
                double v = (1 - fy) * ((1 - fx) * at(in, x0, y0) + fx * at(in, x0 + 1, y0))
                        + fy * ((1 - fx) * at(in, x0, y0 + 1) + fx * at(in, x0 + 1, y0 + 1));
                out[y * s + x] = (float) v;
            }
        }
    }

    private float at(float[] img, int x, int y) {
        return x < 0 || y < 0 || x >= sizePx || y >= sizePx ? 0f : img[y * sizePx + x];
    }

    /** Separable 3-tap Gaussian blur of {@code in} into {@code out}. */
    private void blur(float[] in, float[] out, double sigma) {
        int s = sizePx;
        double side = Math.exp(-1 / (2 * sigma * sigma));
        float w0 = (float) (1 / (1 + 2 * side));
        float w1 = (float) (side / (1 + 2 * side));
        float[] tmp = scratch;
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                int i = y * s + x;
                float l = x > 0 ? in[i - 1] : 0f;
                float r = x < s - 1 ? in[i + 1] : 0f;
                tmp[i] = w0 * in[i] + w1 * (l + r);
            }
        }
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                int i = y * s + x;
                float u = y > 0 ? tmp[i - s] : 0f;
                float d = y < s - 1 ? tmp[i + s] : 0f;
                out[i] = w0 * tmp[i] + w1 * (u + d);
            }
        }
    }
}
