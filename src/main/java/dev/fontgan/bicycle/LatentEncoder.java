package dev.fontgan.bicycle;

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
import dev.fontgan.nn.ResidualBlock;

/**
 * BicycleGAN's latent encoder E, VAE style: per level a stride-2 4x4 conv, LeakyReLU and a
 * residual block; then a global average pool and two linear heads. Input: glyphs (N, 1, H, W) in
 * [-1, 1]. Outputs: (mu (N, nz), log variance (N, nz)).
 */
final class LatentEncoder extends AbstractBlock {
    private final SequentialBlock body;
    private final Linear mean;
    private final Linear logVariance;

    LatentEncoder(BicycleArch arch) {
        body = new SequentialBlock();
        for (int c : arch.encoderChannels()) {
            body.add(Layers.down(c, true)).add(Layers.leakyRelu(0.2f)).add(new ResidualBlock(c, arch.encoderNorm()));
        }
        body.add(Layers.leakyRelu(0.2f));
        addChildBlock("body", body);
        mean = addChildBlock("mu", Layers.linear(arch.latentSize(), true));
        logVariance = addChildBlock("logvar", Layers.linear(arch.latentSize(), true));
        Layers.initNormal(this);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = body.forward(ps, inputs, training).singletonOrThrow();
        Shape s = h.getShape();
        NDArray pooled = h.reshape(s.get(0), s.get(1), -1).mean(new int[] {2});
        NDList flat = new NDList(pooled);
        return new NDList(mean.forward(ps, flat, training).singletonOrThrow(),
                logVariance.forward(ps, flat, training).singletonOrThrow());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        body.initialize(manager, dataType, inputShapes[0]);
        Shape out = body.getOutputShapes(new Shape[] {inputShapes[0]})[0];
        Shape pooled = new Shape(out.get(0), out.get(1));
        mean.initialize(manager, dataType, pooled);
        logVariance.initialize(manager, dataType, pooled);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long n = inputShapes[0].get(0);
        Shape z = mean.getOutputShapes(new Shape[] {new Shape(n, 1)})[0];
        return new Shape[] {z, z};
    }
}
