package dev.fontgan.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Conversion between uint8 ink pixels and the project's glyph tensors, one array per batch. */
public final class GlyphTensors {
    private static final float[] LEVELS = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            LEVELS[i] = i / 127.5f - 1f;
        }
    }

    private GlyphTensors() {}

    /** @return float32 (count, 1, sizePx, sizePx) in [-1, 1], value = ink / 127.5 - 1 */
    public static NDArray toArray(NDManager manager, byte[] pixels, int count, int sizePx) {
        int n = count * sizePx * sizePx;
        if (pixels.length < n) {
            throw new IllegalArgumentException("need " + n + " pixels, have " + pixels.length);
        }
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = LEVELS[pixels[i] & 0xff];
        }
        return manager.create(f, new Shape(count, 1, sizePx, sizePx));
    }

    /**
     * Back to uint8 ink, clamping and rounding.
     * @param glyphs float32 (N, 1, H, W) in [-1, 1]
     */
    public static byte[] toPixels(NDArray glyphs) {
        float[] f = glyphs.toFloatArray();
        byte[] out = new byte[f.length];
        for (int i = 0; i < f.length; i++) {
            float v = (f[i] + 1f) * 127.5f;
            out[i] = (byte) Math.max(0, Math.min(255, Math.round(v)));
        }
        return out;
    }
}
