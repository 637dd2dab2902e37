package dev.fontgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Conditional normalization: batch or instance statistics without learned affine, then a
 * per-sample scale (1 + gamma) and shift beta computed linearly from a condition vector.
 * With {@link Norm#INSTANCE} this is AdaIN / conditional instance norm; with {@link Norm#BATCH}
 * conditional batch norm. Inputs: (x (N, C, H, W), condition (N, E)); output (N, C, H, W).
 */
public final class ConditionalNorm extends AbstractBlock {
    private final Norm kind;
    private final int channels;
    private final Block statistics;
    private final Linear affine;

    public ConditionalNorm(Norm kind, int channels) {
        if (kind == Norm.NONE) {
            throw new IllegalArgumentException("conditional norm needs batch or instance statistics");
        }
        this.kind = kind;
        this.channels = channels;
        this.statistics = kind == Norm.BATCH
                ? addChildBlock("bn", BatchNorm.builder().optScale(false).optCenter(false).optMomentum(0.9f).build())
                : null;
        this.affine = addChildBlock("affine", Layers.linear(2 * channels, true));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray cond = inputs.get(1);
        NDArray normalized = kind == Norm.BATCH
                ? statistics.forward(ps, new NDList(x), training).singletonOrThrow()
                : InstanceNorm.normalize(x);
        NDArray gb = affine.forward(ps, new NDList(cond), training).singletonOrThrow()
                .reshape(x.getShape().get(0), 2 * channels, 1, 1);
        NDList parts = gb.split(2, 1);
        return new NDList(normalized.mul(parts.get(0).add(1f)).add(parts.get(1)));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (statistics != null) {
            statistics.initialize(manager, dataType, inputShapes[0]);
        }
        affine.initialize(manager, dataType, inputShapes[1]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
