package dev.fontgan.zi2zi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.fontgan.nn.Layers;
import dev.fontgan.nn.PatchDiscriminator;

/**
 * zi2zi discriminator on (source, candidate) concatenated: a PatchGAN body whose patch logits feed
 * a real/fake head and a style-category head. Inputs: (source, candidate) each (N, 1, H, W) in
 * [-1, 1]. Outputs: (real/fake logit (N, 1), style logits (N, styles)).
 */
public final class Zi2ziDiscriminator extends AbstractBlock {
    private final SequentialBlock body;
    private final Linear binary;
    private final Linear category;

    public Zi2ziDiscriminator(Zi2ziArch arch, int styles) {
        body = addChildBlock("body", PatchDiscriminator.build(arch.discriminatorChannels, arch.discriminatorStrides,
                arch.discriminatorKernel, arch.discriminatorNorm));
        binary = addChildBlock("binary", Layers.linear(1, true));
        category = addChildBlock("category", Layers.linear(styles, true));
        Layers.initNormal(this);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0).concat(inputs.get(1), 1);
        NDArray patches = body.forward(ps, new NDList(x), training).singletonOrThrow();
        NDList flat = new NDList(patches.reshape(x.getShape().get(0), -1));
        return new NDList(binary.forward(ps, flat, training).singletonOrThrow(),
                category.forward(ps, flat, training).singletonOrThrow());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = new Shape(inputShapes[0].get(0), 2, inputShapes[0].get(2), inputShapes[0].get(3));
        body.initialize(manager, dataType, in);
        Shape out = body.getOutputShapes(new Shape[] {in})[0];
        Shape flat = new Shape(out.get(0), out.size() / out.get(0));
        binary.initialize(manager, dataType, flat);
        category.initialize(manager, dataType, flat);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long n = inputShapes[0].get(0);
        return new Shape[] {new Shape(n, 1), new Shape(n, category.getOutputShapes(new Shape[] {new Shape(n, 1)})[0].get(1))};
    }
}
