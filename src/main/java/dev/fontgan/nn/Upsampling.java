package dev.fontgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;

/**
 * Ways to double the resolution of feature maps (the engine has no transposed convolution).
 * Each kind makes an "up" block: upsample then a 3x3 conv, or for {@link #PIXEL_SHUFFLE} a 3x3
 * conv to 4x the channels at low resolution then a depth-to-space rearrangement.
 */
public enum Upsampling {
    /** Nearest neighbour through libtorch's interpolation (slow in libtorch 2.7.1 on CPU). */
    NEAREST_INTERPOLATE,
    /** Nearest neighbour as a column-duplicating product and a row broadcast: same values, fast backward. */
    NEAREST_EXPAND,
    /** Bilinear interpolation. */
    BILINEAR,
    /** Sub-pixel convolution (conv at low resolution, then depth to space). */
    PIXEL_SHUFFLE;

    /** Fastest measured on this machine (see UpsamplingBenchmark / the model report). */
    public static final Upsampling FASTEST = NEAREST_EXPAND;

    /**
     * Doubles H and W.
     * @param x (N, C, H, W)
     * @return (N, C, 2H, 2W)
     */
    public NDArray upsample2x(NDArray x) {
        Shape s = x.getShape();
        long n = s.get(0), c = s.get(1), h = s.get(2), w = s.get(3);
        return switch (this) {
            case NEAREST_INTERPOLATE -> x.getNDArrayInternal().interpolation(new long[] {2 * h, 2 * w}, 0, false);
            case NEAREST_EXPAND -> expand2x(x, n, c, h, w);
            case BILINEAR -> x.getNDArrayInternal().interpolation(new long[] {2 * h, 2 * w}, 2, false);
            case PIXEL_SHUFFLE -> pixelShuffle(x, 2);
        };
    }

    /**
     * Nearest 2x: columns by a product with a 0/1 duplication matrix (w, 2w), then rows by a
     * broadcast. Training speed decides the form: the backward pass of a broadcast sums over its
     * axes, and libtorch 2.7.1 reduces an innermost axis of 2 (or the two interleaved axes of one
     * (n, c, h, 2, w, 2) broadcast) slowly, while the product's backward is another product and the
     * row broadcast's sum adds whole rows. Forward + backward took 1/4 of the single broadcast's
     * time; the values are exact copies (products with 1 plus exact zeros).
     */
    private static NDArray expand2x(NDArray x, long n, long c, long h, long w) {
        NDArray duplicate = x.getManager().eye((int) w).repeat(1, 2);
        NDArray wide = x.matMul(duplicate).reshape(n, c, h, 1, 2 * w);
        return wide.broadcast(n, c, h, 2, 2 * w).reshape(n, c, 2 * h, 2 * w);
    }

    /**
     * Depth to space.
     * @param x (N, C*r*r, H, W)
     * @return (N, C, r*H, r*W)
     */
    public static NDArray pixelShuffle(NDArray x, int r) {
        Shape s = x.getShape();
        long n = s.get(0), c = s.get(1) / (r * r), h = s.get(2), w = s.get(3);
        return x.reshape(n, c, r, r, h, w).transpose(0, 1, 4, 2, 5, 3).reshape(n, c, h * r, w * r);
    }

    /** An up block: doubles resolution and maps {@code outChannels} with a 3x3 convolution. */
    public SequentialBlock block(int outChannels, boolean bias) {
        SequentialBlock b = new SequentialBlock();
        if (this == PIXEL_SHUFFLE) {
            b.add(Layers.conv3(4 * outChannels, bias));
            b.add(LambdaBlock.singleton(x -> pixelShuffle(x, 2), "pixelShuffle"));
        } else {
            b.add(upsampleBlock());
            b.add(Layers.conv3(outChannels, bias));
        }
        return b;
    }

    /** The parameter-free resampling alone as a block (not for PIXEL_SHUFFLE). */
    public Block upsampleBlock() {
        if (this == PIXEL_SHUFFLE) {
            throw new IllegalStateException("pixel shuffle needs a convolution to 4x channels first");
        }
        return LambdaBlock.singleton(this::upsample2x, "upsample");
    }

    public static Upsampling parse(String s) {
        return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
}
