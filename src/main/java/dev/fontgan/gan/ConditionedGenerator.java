package dev.fontgan.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.fontgan.nn.LabelEmbedding;

/**
 * A generator body behind the conditioning of {@link Conditioning}: for labels, a learned class
 * embedding is concatenated to the noise; for images the body gets the source glyph alone.
 * Inputs: (z (N, Z)) | (z (N, Z), labels (N)) | (source (N, 1, H, W)). Output: (N, 1, H, W) in [-1, 1].
 */
public final class ConditionedGenerator extends AbstractBlock {
    private final Conditioning conditioning;
    private final LabelEmbedding embedding;
    private final Block body;

    /**
     * @param body maps (N, Z + embeddingDim) noise to images, or source images to images
     * @param classes number of classes for label conditioning (ignored otherwise)
     */
    public ConditionedGenerator(Conditioning conditioning, Block body, int classes, int embeddingDim) {
        this.conditioning = conditioning;
        this.embedding = conditioning.generatorTakesLabels()
                ? addChildBlock("embedding", new LabelEmbedding(classes, embeddingDim)) : null;
        this.body = addChildBlock("body", body);
    }

    public Conditioning conditioning() {
        return conditioning;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        if (embedding != null) {
            x = x.concat(embedding.forward(ps, new NDList(inputs.get(1)), training).singletonOrThrow(), 1);
        }
        return body.forward(ps, new NDList(x), training);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        if (embedding != null) {
            embedding.initialize(manager, dataType, inputShapes[1]);
            in = new Shape(in.get(0), in.get(1) + embedding.dim());
        }
        body.initialize(manager, dataType, in);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        if (embedding != null) {
            in = new Shape(in.get(0), in.get(1) + embedding.dim());
        }
        return new Shape[] {body.getOutputShapes(new Shape[] {in})[0]};
    }
}
