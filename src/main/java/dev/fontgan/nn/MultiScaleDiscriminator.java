package dev.fontgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * PatchGAN discriminators at several scales (pix2pixHD / BicycleGAN): scale k sees the input
 * average-pooled by 2^k, so the coarse one judges whole-glyph shape and the fine one strokes.
 * Input (N, C, H, W); output one patch-logit map per scale, finest first.
 */
public final class MultiScaleDiscriminator extends AbstractBlock {
    private static final Shape HALVE = new Shape(2, 2);
    private static final Shape NO_PADDING = new Shape(0, 0);
    private final List<SequentialBlock> scales = new ArrayList<>();

    /** @param count number of scales (1 = a plain PatchGAN) */
    public MultiScaleDiscriminator(int count, int[] channels, int[] strides, int kernel, Norm norm) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one scale");
        }
        for (int k = 0; k < count; k++) {
            scales.add(addChildBlock("scale" + k, PatchDiscriminator.build(channels, strides, kernel, norm)));
        }
    }

    public int scaleCount() {
        return scales.size();
    }

    /**
     * Halves height and width by 2x2 averaging.
     * @param x (N, C, H, W) with even H, W
     */
    public static NDArray halve(NDArray x) {
        // libtorch's pooling kernel: 3x faster forward + backward than a reshape-and-sum over the
        // two interleaved axes; values equal up to float rounding
        return Pool.avgPool2d(x, HALVE, HALVE, NO_PADDING, false, true);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDList out = new NDList(scales.size());
        for (int k = 0; k < scales.size(); k++) {
            if (k > 0) {
                x = halve(x);
            }
            out.add(scales.get(k).forward(ps, new NDList(x), training).singletonOrThrow());
        }
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        for (SequentialBlock scale : scales) {
            scale.initialize(manager, dataType, s);
            s = new Shape(s.get(0), s.get(1), s.get(2) / 2, s.get(3) / 2);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        Shape[] out = new Shape[scales.size()];
        for (int k = 0; k < scales.size(); k++) {
            out[k] = scales.get(k).getOutputShapes(new Shape[] {s})[0];
            s = new Shape(s.get(0), s.get(1), s.get(2) / 2, s.get(3) / 2);
        }
        return out;
    }
}
