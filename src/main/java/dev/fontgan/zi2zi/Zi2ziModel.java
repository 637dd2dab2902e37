package dev.fontgan.zi2zi;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.fontgan.FontganException;
import dev.fontgan.nn.Weights;

/**
 * A zi2zi generator and discriminator with their parameters, for training and for inference.
 * Inference ({@link #generate}) runs in eval mode: running batch-norm statistics, no dropout.
 */
public final class Zi2ziModel implements AutoCloseable {
    private final Zi2ziArch arch;
    private final int styles;
    private final int sizePx;
    private final NDManager manager;
    private final ParameterStore parameters;
    private final Zi2ziGenerator generator;
    private final Zi2ziDiscriminator discriminator;

    private Zi2ziModel(Zi2ziArch arch, int styles, int sizePx, long seed) {
        if (sizePx < 8 || Integer.bitCount(sizePx) != 1 || (sizePx >> arch.generatorChannels.length) < 1) {
            throw new FontganException("size", "zi2zi needs a power-of-two image size >= "
                    + (1 << arch.generatorChannels.length) + " px, got " + sizePx);
        }
        if (styles < 1) {
            throw new FontganException("styles", "zi2zi needs at least one style");
        }
        this.arch = arch;
        this.styles = styles;
        this.sizePx = sizePx;
        this.manager = NDManager.newBaseManager();
        this.parameters = new ParameterStore(manager, false);
        Engine.getInstance().setRandomSeed((int) seed);
        Shape image = new Shape(2, 1, sizePx, sizePx);
        generator = new Zi2ziGenerator(arch, styles);
        generator.initialize(manager, DataType.FLOAT32, image, new Shape(2));
        discriminator = new Zi2ziDiscriminator(arch, styles);
        discriminator.initialize(manager, DataType.FLOAT32, image, image);
    }

    /** A freshly initialized model; the seed fixes the initial weights. */
    public static Zi2ziModel create(Zi2ziArch arch, int styles, int sizePx, long seed) {
        return new Zi2ziModel(arch, styles, sizePx, seed);
    }

    public Zi2ziArch arch() {
        return arch;
    }

    public int styleCount() {
        return styles;
    }

    public int sizePx() {
        return sizePx;
    }

    public NDManager manager() {
        return manager;
    }

    public ParameterStore parameters() {
        return parameters;
    }

    public Zi2ziGenerator generator() {
        return generator;
    }

    public Zi2ziDiscriminator discriminator() {
        return discriminator;
    }

    /** The style embedding table (styles, E). */
    public NDArray styleTable() {
        return generator.styleTable();
    }

    /**
     * Generates glyphs in eval mode (no gradients, running statistics, no dropout).
     * @param source (N, 1, H, W) in [-1, 1]
     * @param style int style ids (N) or style vectors (N, E)
     * @return (N, 1, H, W) in [-1, 1], attached to the source's manager
     */
    public NDArray generate(NDArray source, NDArray style) {
        Shape s = source.getShape();
        if (s.dimension() != 4 || s.get(1) != 1 || s.get(2) != sizePx || s.get(3) != sizePx) {
            throw new IllegalArgumentException("source must be (N, 1, " + sizePx + ", " + sizePx + "), got " + s);
        }
        return generator.forward(parameters, new NDList(source, style), false).get(0);
    }

    /** The generator's weights alone (for style packs). */
    public byte[] saveGenerator() {
        return Weights.save(generator);
    }

    /** Loads generator weights written by {@link #saveGenerator()} for the same arch and style count. */
    public void loadGenerator(byte[] data, String where) {
        Weights.load(generator, manager, data, where);
    }

    public byte[] saveDiscriminator() {
        return Weights.save(discriminator);
    }

    public void loadDiscriminator(byte[] data, String where) {
        Weights.load(discriminator, manager, data, where);
    }

    /** Trainable scalars in the generator. */
    public long generatorParameterCount() {
        return Weights.count(generator);
    }

    public long discriminatorParameterCount() {
        return Weights.count(discriminator);
    }

    @Override
    public void close() {
        manager.close();
    }
}
