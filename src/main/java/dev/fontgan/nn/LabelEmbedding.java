package dev.fontgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/** A learned table of class vectors: int labels (N) -> (N, dim), as one-hot times the table. */
public final class LabelEmbedding extends AbstractBlock {
    private final int classes;
    private final int dim;
    private final Parameter table;

    /** Entries drawn from N(0, 1). */
    public LabelEmbedding(int classes, int dim) {
        this(classes, dim, 1f);
    }

    /** Entries drawn from N(0, std). */
    public LabelEmbedding(int classes, int dim, float std) {
        this.classes = classes;
        this.dim = dim;
        this.table = addParameter(Parameter.builder().setName("table").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(classes, dim)).optInitializer(new NormalInitializer(std)).build());
    }

    public int classes() {
        return classes;
    }

    public int dim() {
        return dim;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray labels = inputs.singletonOrThrow();
        NDArray t = ps.getValue(table, labels.getDevice(), training);
        return new NDList(labels.oneHot(classes, DataType.FLOAT32).matMul(t));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), dim)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // no children
    }
}
