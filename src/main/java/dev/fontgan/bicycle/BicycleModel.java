package dev.fontgan.bicycle;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.fontgan.FontganException;
import dev.fontgan.nn.MultiScaleDiscriminator;
import dev.fontgan.nn.UNet;
import dev.fontgan.nn.Weights;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * A BicycleGAN: generator G (U-Net, source glyph + style latent z -> glyph), latent encoder E
 * (glyph -> mu, log variance of z), and two multi-scale PatchGAN discriminators on (source,
 * glyph): D for the encoded-z (cVAE-GAN) branch and D2 for the random-z (cLR-GAN) branch.
 * Glyphs are (N, 1, S, S) in [-1, 1] with ink = +1, as in zi2zi. {@link #generate} and
 * {@link #encodeMean} run in eval mode (batch-norm running statistics, no gradients).
 */
public final class BicycleModel implements AutoCloseable {
    private final BicycleArch arch;
    private final int sizePx;
    private final NDManager manager;
    /** Renewed after every load: a store caches the arrays it has handed out, and loading replaces them. */
    private ParameterStore parameters;
    private final UNet generator;
    private final LatentEncoder encoder;
    private final MultiScaleDiscriminator discriminator;
    private final MultiScaleDiscriminator discriminator2;

    private BicycleModel(BicycleArch arch, int sizePx, long seed) {
        if (sizePx < arch.minSizePx() || Integer.bitCount(sizePx) != 1 || sizePx > 1024) {
            throw new FontganException("size", "BicycleGAN (" + arch + ") needs a power-of-two image size from "
                    + arch.minSizePx() + " to 1024 px, got " + sizePx);
        }
        this.arch = arch;
        this.sizePx = sizePx;
        this.manager = NDManager.newBaseManager();
        this.parameters = new ParameterStore(manager, false);
        Engine.getInstance().setRandomSeed((int) seed);
        Shape image = new Shape(2, 1, sizePx, sizePx);
        Shape pair = new Shape(2, 2, sizePx, sizePx);
        generator = new UNet(new UNet.Config(1, 1, arch.generatorChannels(), arch.latentSize(), arch.generatorNorm(),
                false, arch.up(), new int[0], true, arch.injection()));
        generator.initialize(manager, DataType.FLOAT32, image, new Shape(2, arch.latentSize()));
        // the outer decoder levels at low resolution: about 1/10 less CPU per training iteration
        // (the image layer's 1-channel 3x3 conv at full size was libtorch's slowest conv here)
        generator.usePhaseUpsampling(true);
        encoder = new LatentEncoder(arch);
        encoder.initialize(manager, DataType.FLOAT32, image);
        discriminator = newDiscriminator(arch);
        discriminator.initialize(manager, DataType.FLOAT32, pair);
        discriminator2 = newDiscriminator(arch);
        discriminator2.initialize(manager, DataType.FLOAT32, pair);
    }

    private static MultiScaleDiscriminator newDiscriminator(BicycleArch a) {
        return dev.fontgan.nn.Layers.initNormal(new MultiScaleDiscriminator(a.discriminatorScales(),
                a.discriminatorChannels(), a.discriminatorStrides(), a.discriminatorKernel(), dev.fontgan.nn.Norm.NONE));
    }

    /** A freshly initialized model; the seed fixes the initial weights. */
    public static BicycleModel create(BicycleArch arch, int sizePx, long seed) {
        return new BicycleModel(arch, sizePx, seed);
    }

    public BicycleArch arch() {
        return arch;
    }

    public int sizePx() {
        return sizePx;
    }

    /** nz, the width of the style latent. */
    public int latentSize() {
        return arch.latentSize();
    }

    public NDManager manager() {
        return manager;
    }

    ParameterStore parameters() {
        return parameters;
    }

    UNet generator() {
        return generator;
    }

    LatentEncoder encoder() {
        return encoder;
    }

    /** D, judging (source, glyph) pairs of the encoded-z branch. */
    MultiScaleDiscriminator discriminator() {
        return discriminator;
    }

    /** D2, judging (source, glyph) pairs of the random-z branch. */
    MultiScaleDiscriminator discriminator2() {
        return discriminator2;
    }

    /**
     * Generates glyphs in eval mode.
     * @param source (N, 1, S, S) in [-1, 1]
     * @param z (N, nz) style latents (N(0, 1) is the prior)
     * @return (N, 1, S, S) in [-1, 1], attached to the source's manager
     */
    public NDArray generate(NDArray source, NDArray z) {
        checkGlyphs(source, "source");
        Shape zs = z.getShape();
        if (zs.dimension() != 2 || zs.get(0) != source.getShape().get(0) || zs.get(1) != latentSize()) {
            throw new IllegalArgumentException("z must be (" + source.getShape().get(0) + ", " + latentSize()
                    + "), got " + zs);
        }
        return generator.forward(parameters, new NDList(source, z), false).get(0);
    }

    /**
     * The encoder's mean latent of glyphs in eval mode (a style read from reference glyphs).
     * @param target (N, 1, S, S) in [-1, 1]
     * @return (N, nz), attached to the target's manager
     */
    public NDArray encodeMean(NDArray target) {
        checkGlyphs(target, "target");
        return encoder.forward(parameters, new NDList(target), false).get(0);
    }

    private void checkGlyphs(NDArray a, String what) {
        Shape s = a.getShape();
        if (s.dimension() != 4 || s.get(1) != 1 || s.get(2) != sizePx || s.get(3) != sizePx) {
            throw new IllegalArgumentException(what + " must be (N, 1, " + sizePx + ", " + sizePx + "), got " + s);
        }
    }

    /**
     * The latent of a style seed: nz independent N(0, 1) values from {@link Random}'s Gaussian
     * (specified bit for bit by the JDK), so a seed names the same style in every run and JVM.
     */
    public static float[] latentForSeed(long seed, int nz) {
        Random r = new Random(seed);
        float[] z = new float[nz];
        for (int i = 0; i < nz; i++) {
            z[i] = (float) r.nextGaussian();
        }
        return z;
    }

    /**
     * Re-estimates G's batch-norm running statistics, which eval mode uses. Training keeps them as
     * an exponential average (momentum 0.9) over half batches of 8, its encoded-z and random-z
     * passes alternating, so they trail the weights and carry the noise of small batches; here
     * they start from (0, 1) and follow big batches through the same two kinds of passes, with the
     * weights fixed. Nothing else changes.
     * @param batches how many batches to run
     * @param batch batch k as (source, target) glyphs, each (N, 1, S, S) in [-1, 1], made in the
     *     given manager (closed after the batch); even-numbered batches take z from E's posterior of
     *     their targets, odd ones z ~ N(0, 1)
     * @param seed the noise of z
     */
    public void recalibrateBatchNorm(int batches, BiFunction<Integer, NDManager, NDList> batch, long seed) {
        Weights.resetRunningStatistics(generator);
        Engine.getInstance().setRandomSeed((int) seed);
        for (int k = 0; k < batches; k++) {
            try (NDManager step = manager.newSubManager()) {
                NDList pair = batch.apply(k, step);
                NDArray source = pair.get(0);
                NDArray target = pair.get(1);
                checkGlyphs(source, "source");
                checkGlyphs(target, "target");
                NDArray z;
                if (k % 2 == 0) {
                    NDList posterior = encoder.forward(parameters, new NDList(target), false);
                    NDArray mu = posterior.get(0);
                    // number operand: no gradient (no collector here)
                    z = mu.add(step.randomNormal(mu.getShape()).mul(posterior.get(1).mul(0.5f).exp()));
                } else {
                    z = step.randomNormal(new Shape(source.getShape().get(0), latentSize()));
                }
                // training mode outside any gradient collector: batch statistics, running averages updated
                generator.forward(parameters, new NDList(source, z), true);
            }
        }
    }

    /** The generator's weights alone (for style packs). */
    public byte[] saveGenerator() {
        return Weights.save(generator);
    }

    /** Loads generator weights written by {@link #saveGenerator()} for the same arch. */
    public void loadGenerator(byte[] data, String where) {
        Weights.load(generator, manager, data, where);
        parameters = new ParameterStore(manager, false);
    }

    public byte[] saveEncoder() {
        return Weights.save(encoder);
    }

    public void loadEncoder(byte[] data, String where) {
        Weights.load(encoder, manager, data, where);
        parameters = new ParameterStore(manager, false);
    }

    /** D then D2 in one array. */
    public byte[] saveDiscriminators() {
        return Weights.saveAll(List.of(discriminator, discriminator2));
    }

    public void loadDiscriminators(byte[] data, String where) {
        Weights.loadAll(List.of(discriminator, discriminator2), manager, data, where);
        parameters = new ParameterStore(manager, false);
    }

    /** Trainable scalars in G. */
    public long generatorParameterCount() {
        return Weights.count(generator);
    }

    /** Trainable scalars in E. */
    public long encoderParameterCount() {
        return Weights.count(encoder);
    }

    /** Trainable scalars in D and D2 together. */
    public long discriminatorParameterCount() {
        return Weights.count(discriminator) + Weights.count(discriminator2);
    }

    @Override
    public void close() {
        manager.close();
    }
}
