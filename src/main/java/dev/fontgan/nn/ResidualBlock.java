package dev.fontgan.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** x + conv3-norm-relu-conv3-norm(x), channels and size preserved. */
public final class ResidualBlock extends AbstractBlock {
    private final SequentialBlock body;

    public ResidualBlock(int channels, Norm norm) {
        body = addChildBlock("body", new SequentialBlock()
                .add(Layers.conv3(channels, norm == Norm.NONE)).add(norm.block()).add(Layers.relu())
                .add(Layers.conv3(channels, norm == Norm.NONE)).add(norm.block()));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(inputs.singletonOrThrow().add(body.forward(ps, inputs, training).singletonOrThrow()));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        body.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
