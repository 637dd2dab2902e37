package dev.fontgan.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * Light, seeded distortions of rendered glyphs: stroke thickness (a blend with a grayscale
 * dilation or erosion), scale, rotation, sub-pixel shift, a slight blur and faint noise, in the
 * ranges of a {@link Distortions} preset. One instance per thread (it keeps scratch buffers).
 */
public final class GlyphAugmenter {
    /**
     * How strongly to distort. Stroke blend amounts are given for 64 px and scaled with the size.
     * @param strokeChance share of draws whose strokes get thicker or thinner
     * @param strokeMin64 least blend toward the dilated or eroded image, at 64 px
     * @param strokeMax64 most blend, at 64 px (capped at 1)
     * @param scaleMin least scale about the centre
     * @param scaleMax most scale
     * @param degrees rotation up to plus or minus this many degrees
     * @param shiftPx shift up to plus or minus this many pixels on each axis
     * @param blurChance share of draws blurred slightly
     * @param noiseChance share of draws with faint Gaussian noise
     */
    public record Distortions(float strokeChance, float strokeMin64, float strokeMax64, double scaleMin, double scaleMax,
            double degrees, double shiftPx, float blurChance, float noiseChance) {
        /** For training the glyph classifier, so it also reads GAN outputs (blur and noise included). */
        public static final Distortions CLASSIFIER = new Distortions(0.5f, 0.1f, 0.5f, 0.9, 1.1, 3, 2, 0.3f, 0.2f);
    }

    private final int sizePx;
    private final Distortions d;
    private final float[] a;
    private final float[] b;
    private final float[] scratch;

    /** With the classifier's distortions. */
    public GlyphAugmenter(int sizePx) {
        this(sizePx, Distortions.CLASSIFIER);
    }

    public GlyphAugmenter(int sizePx, Distortions distortions) {
        this.sizePx = sizePx;
        this.d = distortions;
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

    /**
     * Distorted copies of the listed glyphs of {@code src} (uint8 ink, one glyph per sizePx^2 bytes)
     * as a float32 (N, 1, sizePx, sizePx) batch in the glyph tensors' [-1, 1]; drawn in list order
     * from {@code random}.
     */
    public NDArray augmentedBatch(NDManager manager, byte[] src, int[] samples, Random random) {
        int area = sizePx * sizePx;
        float[] batch = new float[samples.length * area];
        for (int i = 0; i < samples.length; i++) {
            augment(src, samples[i] * area, batch, i * area, random);
        }
        for (int i = 0; i < batch.length; i++) {
            batch[i] = batch[i] * 2f - 1f; // ink [0, 1] -> [-1, 1], as GlyphTensors
        }
        return manager.create(batch, new Shape(samples.length, 1, sizePx, sizePx));
    }

    /** Writes a distorted copy of a uint8 ink glyph as ink in [0, 1]; all randomness from {@code random}. */
    public void augment(byte[] src, int srcOff, float[] dst, int dstOff, Random random) {
        int area = sizePx * sizePx;
        copy(src, srcOff, a, 0);
        if (random.nextFloat() < d.strokeChance()) {
            boolean dilate = random.nextBoolean();
            // the same share of a stroke's width at every size: less blend on smaller images
            float at64 = d.strokeMin64() + (d.strokeMax64() - d.strokeMin64()) * random.nextFloat();
            float amount = Math.min(1f, at64 * sizePx / 64f);
            morph(a, b, dilate);
            for (int i = 0; i < area; i++) {
                a[i] += amount * (b[i] - a[i]);
            }
        }
        double scale = d.scaleMin() + (d.scaleMax() - d.scaleMin()) * random.nextDouble();
        double angle = Math.toRadians(d.degrees() * (2 * random.nextDouble() - 1));
        double dx = d.shiftPx() * (2 * random.nextDouble() - 1);
        double dy = d.shiftPx() * (2 * random.nextDouble() - 1);
        warp(a, b, scale, angle, dx, dy);
        if (random.nextFloat() < d.blurChance()) {
            blur(b, a, 0.3 + 0.6 * random.nextDouble());
        } else {
            System.arraycopy(b, 0, a, 0, area);
        }
        float noise = random.nextFloat() < d.noiseChance() ? 0.02f + 0.03f * random.nextFloat() : 0f;
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
