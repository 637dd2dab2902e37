package dev.fontgan.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The classifier's network: a shared convolutional body (a strided 4x4 conv stem, then three
 * conv-BN-ReLU-maxpool stages: four halvings in all; then a fully connected embedding with BN
 * and ReLU) and two linear heads, one
 * over characters (content) and one over fonts (style). Forward returns
 * {@code (contentLogits (N, K_content), styleLogits (N, K_style), embedding (N, E))}.
 */
final class ClassifierNet extends AbstractBlock {
    /** The body halves the image this many times; the input side must be a multiple of 2^STAGES. */
    static final int STAGES = 4;

    private final SequentialBlock body;
    private final Linear content;
    private final Linear style;
    private final ClassifierArch arch;

    ClassifierNet(ClassifierArch arch, int contentClasses, int styleClasses) {
        this.arch = arch;
        SequentialBlock b = new SequentialBlock();
        int[] channels = arch.stageChannels();
        // stem: a strided 4x4 conv halves the image at once (cheaper than conv + pool at full size)
        b.add(Conv2d.builder().setKernelShape(new Shape(4, 4)).optStride(new Shape(2, 2)).optPadding(new Shape(1, 1))
                        .setFilters(channels[0]).optBias(false).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
        for (int i = 1; i < channels.length; i++) {
            b.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                            .setFilters(channels[i]).optBias(false).build())
                    .add(BatchNorm.builder().build())
                    .add(Activation.reluBlock())
                    .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        }
        b.add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(arch.embedDim()).optBias(false).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
        this.body = addChildBlock("body", b);
        this.content = addChildBlock("content", Linear.builder().setUnits(contentClasses).build());
        this.style = addChildBlock("style", Linear.builder().setUnits(styleClasses).build());
    }

    ClassifierArch arch() {
        return arch;
    }

    /**
     * @param inputs one array (N, 1, S, S) in [-1, 1]
     * @return content logits (N, K_content), style logits (N, K_style), embedding (N, E)
     */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray embedding = body.forward(ps, inputs, training, params).singletonOrThrow();
        NDList e = new NDList(embedding);
        NDArray c = content.forward(ps, e, training, params).singletonOrThrow();
        NDArray s = style.forward(ps, e, training, params).singletonOrThrow();
        return new NDList(c, s, embedding);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape emb = body.getOutputShapes(inputShapes)[0];
        return new Shape[] {content.getOutputShapes(new Shape[] {emb})[0],
                style.getOutputShapes(new Shape[] {emb})[0], emb};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        body.initialize(manager, dataType, inputShapes);
        Shape emb = body.getOutputShapes(inputShapes)[0];
        content.initialize(manager, dataType, emb);
        style.initialize(manager, dataType, emb);
    }
}
