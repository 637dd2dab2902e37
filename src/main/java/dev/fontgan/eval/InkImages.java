package dev.fontgan.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.fontgan.glyph.GlyphImage;
import java.util.List;

/**
 * A batch of square glyph images on the host as ink in [0, 1] (0 = paper, 1 = full ink),
 * {@code count * sizePx * sizePx} floats, image-major then row-major. The common currency of
 * metrics and the classifier: made from stored uint8 pixels, from {@link GlyphImage}s or from
 * the NDArray convention (N, 1, H, W) in [-1, 1].
 */
public final class InkImages {
    private final int count;
    private final int sizePx;
    private final float[] ink;

    private InkImages(int count, int sizePx, float[] ink) {
        if (count < 0 || sizePx <= 0 || ink.length != (long) count * sizePx * sizePx) {
            throw new IllegalArgumentException("ink: " + ink.length + " floats for " + count + " images of "
                    + sizePx + " px");
        }
        this.count = count;
        this.sizePx = sizePx;
        this.ink = ink;
    }

    /** Wraps ink values in [0, 1] (not copied). */
    public static InkImages ofInk(float[] ink, int count, int sizePx) {
        return new InkImages(count, sizePx, ink);
    }

    /** @param pixels uint8 ink coverage (0 paper, 255 ink), {@code count * sizePx^2} bytes */
    public static InkImages ofBytes(byte[] pixels, int count, int sizePx) {
        if (pixels.length != (long) count * sizePx * sizePx) {
            throw new IllegalArgumentException("pixels: " + pixels.length + " bytes for " + count + " images of "
                    + sizePx + " px");
        }
        float[] ink = new float[pixels.length];
        for (int i = 0; i < ink.length; i++) {
            ink[i] = (pixels[i] & 0xff) / 255f;
        }
        return new InkImages(count, sizePx, ink);
    }

    /** Glyph images of one size (nulls are not allowed). */
    public static InkImages ofGlyphs(List<GlyphImage> glyphs) {
        if (glyphs.isEmpty()) {
            return new InkImages(0, 1, new float[0]);
        }
        int size = glyphs.get(0).sizePx();
        int area = size * size;
        byte[] all = new byte[glyphs.size() * area];
        for (int i = 0; i < glyphs.size(); i++) {
            GlyphImage g = glyphs.get(i);
            if (g.sizePx() != size) {
                throw new IllegalArgumentException("glyph " + i + " is " + g.sizePx() + " px, expected " + size);
            }
            System.arraycopy(g.pixels(), 0, all, i * area, area);
        }
        return ofBytes(all, glyphs.size(), size);
    }

    /**
     * Copies an NDArray to the host.
     *
     * @param glyphs (N, 1, H, H) in [-1, 1]; values outside are clamped
     */
    public static InkImages ofSigned(NDArray glyphs) {
        Shape s = glyphs.getShape();
        if (s.dimension() != 4 || s.get(1) != 1 || s.get(2) != s.get(3)) {
            throw new IllegalArgumentException("expected glyphs of shape (N, 1, H, H), got " + s);
        }
        float[] v = glyphs.toType(DataType.FLOAT32, false).toFloatArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.min(1f, Math.max(0f, (v[i] + 1f) * 0.5f));
        }
        return new InkImages((int) s.get(0), (int) s.get(2), v);
    }

    public int count() {
        return count;
    }

    public int sizePx() {
        return sizePx;
    }

    /** The backing array (not a copy). */
    public float[] ink() {
        return ink;
    }

    /** Offset of image {@code i} in {@link #ink()}. */
    public int offset(int i) {
        return i * sizePx * sizePx;
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive), copied. */
    public InkImages slice(int from, int to) {
        int area = sizePx * sizePx;
        float[] part = java.util.Arrays.copyOfRange(ink, from * area, to * area);
        return new InkImages(to - from, sizePx, part);
    }

    /** @return (N, 1, S, S) float32 in [-1, 1] on {@code manager} */
    public NDArray toSigned(NDManager manager) {
        float[] v = new float[ink.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = ink[i] * 2f - 1f;
        }
        return manager.create(v, new Shape(count, 1, sizePx, sizePx));
    }

    /**
     * The images resampled to another size: an area average when shrinking (each target pixel
     * averages the source area it covers), bilinear when growing. Same size returns this.
     */
    public InkImages resized(int targetPx) {
        if (targetPx == sizePx) {
            return this;
        }
        float[] out = new float[count * targetPx * targetPx];
        int srcArea = sizePx * sizePx;
        int dstArea = targetPx * targetPx;
        if (targetPx < sizePx) {
            double ratio = (double) sizePx / targetPx;
            double[] weights = new double[targetPx * (sizePx + 2)];
            int[] first = new int[targetPx];
            int[] last = new int[targetPx];
            for (int t = 0; t < targetPx; t++) {
                double lo = t * ratio;
                double hi = lo + ratio;
                first[t] = (int) Math.floor(lo);
                last[t] = Math.min(sizePx - 1, (int) Math.ceil(hi) - 1);
                for (int s = first[t]; s <= last[t]; s++) {
                    double w = Math.min(hi, s + 1) - Math.max(lo, s);
                    weights[t * (sizePx + 2) + (s - first[t])] = w / ratio;
                }
            }
            float[] rows = new float[sizePx * targetPx];
            for (int n = 0; n < count; n++) {
                int src = n * srcArea;
                for (int y = 0; y < sizePx; y++) {
                    for (int t = 0; t < targetPx; t++) {
                        double acc = 0;
                        for (int s = first[t]; s <= last[t]; s++) {
                            acc += weights[t * (sizePx + 2) + (s - first[t])] * ink[src + y * sizePx + s];
                        }
                        rows[y * targetPx + t] = (float) acc;
                    }
                }
                int dst = n * dstArea;
                for (int t = 0; t < targetPx; t++) {
                    for (int x = 0; x < targetPx; x++) {
                        double acc = 0;
                        for (int s = first[t]; s <= last[t]; s++) {
                            acc += weights[t * (sizePx + 2) + (s - first[t])] * rows[s * targetPx + x];
                        }
                        out[dst + t * targetPx + x] = (float) acc;
                    }
                }
            }
        } else {
            double scale = (double) sizePx / targetPx;
            for (int n = 0; n < count; n++) {
                int src = n * srcArea;
                int dst = n * dstArea;
                for (int y = 0; y < targetPx; y++) {
                    double sy = Math.min(sizePx - 1, Math.max(0, (y + 0.5) * scale - 0.5));
                    int y0 = (int) sy;
                    int y1 = Math.min(sizePx - 1, y0 + 1);
                    double fy = sy - y0;
                    for (int x = 0; x < targetPx; x++) {
                        double sx = Math.min(sizePx - 1, Math.max(0, (x + 0.5) * scale - 0.5));
                        int x0 = (int) sx;
                        int x1 = Math.min(sizePx - 1, x0 + 1);
                        double fx = sx - x0;
                        double top = ink[src + y0 * sizePx + x0] * (1 - fx) + ink[src + y0 * sizePx + x1] * fx;
                        double bottom = ink[src + y1 * sizePx + x0] * (1 - fx) + ink[src + y1 * sizePx + x1] * fx;
                        out[dst + y * targetPx + x] = (float) (top * (1 - fy) + bottom * fy);
                    }
                }
            }
        }
        return new InkImages(count, targetPx, out);
    }
}
