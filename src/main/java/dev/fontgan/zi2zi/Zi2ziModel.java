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

    /**
     * A copy of this model with one more style slot (id = {@link #styleCount()}): every parameter
     * and running statistic copied bit for bit, the style embedding table and the discriminator's
     * category head grown by one row. The new embedding row and category row are copies of style
     * {@code initFrom}'s, or the means of all rows when {@code initFrom} is -1. This model is left
     * as it was (close it when done).
     */
    public Zi2ziModel withExtraStyle(int initFrom) {
        if (initFrom < -1 || initFrom >= styles) {
            throw new IllegalArgumentException("initFrom " + initFrom + " outside -1.." + (styles - 1));
        }
        Zi2ziModel grown = new Zi2ziModel(arch, styles + 1, sizePx, 0);
        try {
            copyGrowing(generator, grown.generator, initFrom);
            copyGrowing(discriminator, grown.discriminator, initFrom);
        } catch (RuntimeException e) {
            grown.close();
            throw e;
        }
        return grown;
    }

    /** Copies parameters by position; a parameter whose first dimension grew by one gets a new last row. */
    private void copyGrowing(ai.djl.nn.Block from, ai.djl.nn.Block to, int initFrom) {
        java.util.List<ai.djl.nn.Parameter> src = from.getParameters().values();
        java.util.List<ai.djl.nn.Parameter> dst = to.getParameters().values();
        if (src.size() != dst.size()) {
            throw new IllegalStateException("parameter lists differ: " + src.size() + " vs " + dst.size());
        }
        for (int i = 0; i < src.size(); i++) {
            NDArray a = src.get(i).getArray();
            NDArray b = dst.get(i).getArray();
            Shape sa = a.getShape();
            Shape sb = b.getShape();
            float[] values = a.toFloatArray();
            if (sa.equals(sb)) {
                Weights.assign(b, values);
                continue;
            }
            if (sa.dimension() == 0 || sb.dimension() != sa.dimension() || sb.get(0) != sa.get(0) + 1
                    || sb.size() / sb.get(0) != sa.size() / sa.get(0)) {
                throw new IllegalStateException("cannot grow parameter " + sa + " to " + sb);
            }
            int rows = (int) sa.get(0);
            int width = (int) (sa.size() / rows);
            float[] out = java.util.Arrays.copyOf(values, values.length + width);
            for (int k = 0; k < width; k++) {
                float v = 0;
                if (initFrom >= 0) {
                    v = values[initFrom * width + k];
                } else {
                    for (int r = 0; r < rows; r++) {
                        v += values[r * width + k];
                    }
                    v /= rows;
                }
                out[rows * width + k] = v;
            }
            Weights.assign(b, out);
        }
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
