package dev.fontgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.SequentialBlock;
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
     * Halves height and width by 2x2 averaging (sum over two axes works on this engine, mean does not).
     * @param x (N, C, H, W) with even H, W
     */
    public static NDArray halve(NDArray x) {
        Shape s = x.getShape();
        long n = s.get(0), c = s.get(1), h = s.get(2), w = s.get(3);
        return x.reshape(n, c, h / 2, 2, w / 2, 2).sum(new int[] {3, 5}).mul(0.25f);
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
