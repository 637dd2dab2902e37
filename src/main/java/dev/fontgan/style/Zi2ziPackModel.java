package dev.fontgan.style;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.fontgan.FontganException;
import dev.fontgan.nn.UNetInference;
import dev.fontgan.nn.Weights;
import dev.fontgan.zi2zi.Zi2ziGenerator;
import dev.fontgan.zi2zi.Zi2ziGeneratorSpec;

/** A zi2zi pack's generator: the style table is its learned style embedding. */
final class Zi2ziPackModel implements PackModel {
    private final NDManager manager;
    private final ParameterStore parameters;
    private final Zi2ziGenerator generator;
    /** The generator's eval pass with folded weights; null when its configuration has none. */
    private final UNetInference folded;

    Zi2ziPackModel(PackManifest manifest, byte[] generatorParams, String where) {
        Zi2ziGeneratorSpec spec = Zi2ziGeneratorSpec.fromJson(manifest.generator(), where);
        if (manifest.sizePx() >> spec.channels().length < 1 || Integer.bitCount(manifest.sizePx()) != 1) {
            throw new FontganException(where, "size_px " + manifest.sizePx() + " does not fit a generator with "
                    + spec.channels().length + " levels");
        }
        this.manager = NDManager.newBaseManager();
        try {
            this.parameters = new ParameterStore(manager, false);
            this.generator = new Zi2ziGenerator(spec, manifest.styles().size());
            generator.initialize(manager, DataType.FLOAT32, new Shape(1, 1, manifest.sizePx(), manifest.sizePx()),
                    new Shape(1));
            long expectedBytes = 4 * Weights.count(generator) + (1 << 20);
            if (generatorParams.length > 2 * expectedBytes + (4L << 20)) {
                throw new FontganException(where, StylePack.GENERATOR_ENTRY + " is " + generatorParams.length
                        + " bytes, far more than this generator's " + expectedBytes);
            }
            Weights.load(generator, manager, generatorParams, where);
            this.folded = UNetInference.supports(generator.unet().config())
                    ? new UNetInference(generator.unet(), manager) : null;
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public NDArray styleTable() {
        return generator.styleTable();
    }

    @Override
    public NDArray forward(NDArray source, NDArray styleVectors) {
        return folded != null ? folded.forward(source, styleVectors) : forwardUnfolded(source, styleVectors);
    }

    @Override
    public NDArray forwardUnfolded(NDArray source, NDArray styleVectors) {
        return generator.forward(parameters, new NDList(source, styleVectors), false).get(0);
    }

    @Override
    public boolean folded() {
        return folded != null;
    }

    @Override
    public long generatorParameterCount() {
        return Weights.count(generator);
    }

    @Override
    public void close() {
        manager.close();
    }
}
