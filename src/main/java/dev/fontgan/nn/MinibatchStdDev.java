package dev.fontgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Minibatch standard deviation (Karras et al. 2018), a minibatch-discrimination helper for D:
 * appends one channel holding the batch's mean per-feature standard deviation, so a critic can
 * see a collapsed batch (all samples alike: the channel is near 0). No parameters.
 * Input (N, C, H, W); output (N, C + 1, H, W).
 */
public final class MinibatchStdDev extends AbstractBlock {
    private static final float EPSILON = 1e-8f;

    /**
     * @param x (N, C, H, W), N >= 1
     * @return (N, C + 1, H, W)
     */
    public static NDArray append(NDArray x) {
        Shape s = x.getShape();
        long n = s.get(0);
        NDArray flat = x.reshape(n, -1);
        NDArray centered = flat.sub(flat.mean(new int[] {0}, true));
        NDArray std = centered.square().mean(new int[] {0}).add(EPSILON).sqrt(); // per feature
        NDArray channel = std.mean().reshape(1, 1, 1, 1).broadcast(new Shape(n, 1, s.get(2), s.get(3)));
        return x.concat(channel, 1);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(append(inputs.singletonOrThrow()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), s.get(1) + 1, s.get(2), s.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // no parameters
    }
}
