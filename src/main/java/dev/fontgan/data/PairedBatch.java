package dev.fontgan.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A host-side batch of (source glyph, target glyph, style id, code point) samples. Pixels are
 * uint8 ink coverage, {@code count * sizePx * sizePx} each, sample i at {@code i * sizePx^2}.
 */
public final class PairedBatch {
    private final int count;
    private final int sizePx;
    private final byte[] source;
    private final byte[] target;
    private final int[] styleIds;
    private final int[] codePoints;

    public PairedBatch(int sizePx, byte[] source, byte[] target, int[] styleIds, int[] codePoints) {
        int n = codePoints.length;
        int area = sizePx * sizePx;
        if (source.length != n * area || target.length != n * area || styleIds.length != n) {
            throw new IllegalArgumentException("batch arrays do not match " + n + " samples of " + sizePx + " px");
        }
        this.count = n;
        this.sizePx = sizePx;
        this.source = source;
        this.target = target;
        this.styleIds = styleIds;
        this.codePoints = codePoints;
    }

    public int count() {
        return count;
    }

    public int sizePx() {
        return sizePx;
    }

    /** Source pixels, uint8 ink (shared, do not modify). */
    public byte[] source() {
        return source;
    }

    /** Target pixels, uint8 ink (shared, do not modify). */
    public byte[] target() {
        return target;
    }

    public int[] styleIds() {
        return styleIds;
    }

    public int[] codePoints() {
        return codePoints;
    }

    /** @return source glyphs, float32 (N, 1, H, W) in [-1, 1] (paper -1, ink +1), in {@code manager} */
    public NDArray sourceArray(NDManager manager) {
        return GlyphTensors.toArray(manager, source, count, sizePx);
    }

    /** @return target glyphs, float32 (N, 1, H, W) in [-1, 1] (paper -1, ink +1), in {@code manager} */
    public NDArray targetArray(NDManager manager) {
        return GlyphTensors.toArray(manager, target, count, sizePx);
    }

    /** @return style ids, int32 (N) */
    public NDArray styleArray(NDManager manager) {
        return manager.create(styleIds);
    }
}
