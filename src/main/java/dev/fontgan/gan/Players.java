package dev.fontgan.gan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.fontgan.nn.Weights;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The networks of one GAN with their optimizers: a generator, a discriminator ({@link Critic}),
 * optionally an auxiliary network trained with the generator (InfoGAN's Q head) and an
 * exponential moving average of the generator. Built by {@link #builder}.
 */
public final class Players implements AutoCloseable {
    private final VariantConfig config;
    private final Conditioning conditioning;
    private final NDManager manager;
    private ParameterStore parameters;
    private final ConditionedGenerator generator;
    private final Critic critic;
    private final Block auxiliary;
    private final OptimizerSpec generatorSpec;
    private final OptimizerSpec criticSpec;
    private final ParameterOptimizer generatorOptimizer;
    private final ParameterOptimizer criticOptimizer;
    private final ParameterOptimizer auxiliaryOptimizer;
    private final GeneratorAverage average;

    private Players(Builder b) {
        this.config = b.config;
        this.conditioning = b.conditioning;
        this.manager = NDManager.newBaseManager();
        this.parameters = new ParameterStore(manager, false);
        Engine.getInstance().setRandomSeed((int) config.seed());
        int size = config.sizePx();
        Shape image = new Shape(2, 1, size, size);
        Shape labels = new Shape(2);
        this.generator = new ConditionedGenerator(conditioning, b.generator, b.labelCount, config.embeddingDim());
        if (conditioning == Conditioning.IMAGE) {
            generator.initialize(manager, DataType.FLOAT32, image);
        } else if (conditioning.generatorTakesLabels()) {
            generator.initialize(manager, DataType.FLOAT32, new Shape(2, b.inputWidth), labels);
        } else {
            generator.initialize(manager, DataType.FLOAT32, new Shape(2, b.inputWidth));
        }
        this.critic = b.critic;
        switch (conditioning) {
            case LABEL, LABEL_PROJECTION -> critic.initialize(manager, DataType.FLOAT32, image, labels);
            case IMAGE -> critic.initialize(manager, DataType.FLOAT32, image, image);
            default -> critic.initialize(manager, DataType.FLOAT32, image);
        }
        this.auxiliary = b.auxiliary;
        if (auxiliary != null) {
            auxiliary.initialize(manager, DataType.FLOAT32, new Shape(2, critic.featureDims(image)));
        }
        this.generatorSpec = b.generatorSpec;
        this.criticSpec = b.criticSpec;
        this.generatorOptimizer = generatorSpec.create(generator, manager);
        this.criticOptimizer = criticSpec.create(critic, manager);
        this.auxiliaryOptimizer = auxiliary == null ? null : b.auxiliarySpec.create(auxiliary, manager);
        this.average = config.averageDecay() > 0 ? new GeneratorAverage(generator, manager, config.averageDecay()) : null;
    }

    /** Starts wiring players for a variant; the engine seed is set from the config before weights are made. */
    public static Builder builder(VariantConfig config, Conditioning conditioning) {
        return new Builder(config, conditioning);
    }

    /** Chooses the parts. */
    public static final class Builder {
        private final VariantConfig config;
        private final Conditioning conditioning;
        private Block generator;
        private Critic critic;
        private Block auxiliary;
        private OptimizerSpec generatorSpec = OptimizerSpec.adam(2e-4f, 0.5f, 0.999f);
        private OptimizerSpec criticSpec = OptimizerSpec.adam(2e-4f, 0.5f, 0.999f);
        private OptimizerSpec auxiliarySpec = OptimizerSpec.adam(2e-4f, 0.5f, 0.999f);
        private int inputWidth;
        private int labelCount;

        private Builder(VariantConfig config, Conditioning conditioning) {
            this.config = config;
            this.conditioning = conditioning;
            this.inputWidth = config.latentDim();
            this.labelCount = config.classCount();
        }

        /** Size of the generator's label table when the labels are not the data's classes (font ids). */
        public Builder labelCount(int count) {
            this.labelCount = count;
            return this;
        }

        /** Width of the generator's vector input when it is more than the noise (noise + InfoGAN codes). */
        public Builder generatorInputWidth(int width) {
            this.inputWidth = width;
            return this;
        }

        /** The generator body (noise [+ embedding] -> image, or source -> image). */
        public Builder generator(Block body) {
            this.generator = body;
            return this;
        }

        public Builder critic(Critic critic) {
            this.critic = critic;
            return this;
        }

        /** A network on the critic's features, updated together with the generator. */
        public Builder auxiliary(Block block, OptimizerSpec spec) {
            this.auxiliary = block;
            this.auxiliarySpec = spec;
            return this;
        }

        /** The same optimizer settings for both players. */
        public Builder optimizers(OptimizerSpec both) {
            return optimizers(both, both);
        }

        /** Separate optimizers (TTUR: different rates per player). */
        public Builder optimizers(OptimizerSpec generator, OptimizerSpec critic) {
            this.generatorSpec = generator;
            this.criticSpec = critic;
            return this;
        }

        public Players build() {
            if (generator == null || critic == null) {
                throw new IllegalStateException("a GAN needs a generator and a critic");
            }
            return new Players(this);
        }
    }

    public VariantConfig config() {
        return config;
    }

    public Conditioning conditioning() {
        return conditioning;
    }

    public NDManager manager() {
        return manager;
    }

    public ParameterStore parameters() {
        return parameters;
    }

    public ConditionedGenerator generator() {
        return generator;
    }

    public Critic critic() {
        return critic;
    }

    public Block auxiliary() {
        return auxiliary;
    }

    public GeneratorAverage average() {
        return average;
    }

    public ParameterOptimizer generatorOptimizer() {
        return generatorOptimizer;
    }

    public ParameterOptimizer criticOptimizer() {
        return criticOptimizer;
    }

    public ParameterOptimizer auxiliaryOptimizer() {
        return auxiliaryOptimizer;
    }

    public OptimizerSpec generatorSpec() {
        return generatorSpec;
    }

    public OptimizerSpec criticSpec() {
        return criticSpec;
    }

    /**
     * Runs the generator.
     * @param input noise (N, Z) or, for image conditioning, sources (N, 1, H, W) in [-1, 1]
     * @param labels int32 (N) for label conditioning, else ignored
     * @return (N, 1, H, W) in [-1, 1]
     */
    public NDArray generate(NDArray input, NDArray labels, boolean training) {
        NDList in = conditioning.generatorTakesLabels() ? new NDList(input, labels) : new NDList(input);
        return generator.forward(parameters, in, training).get(0);
    }

    /**
     * Runs the critic.
     * @param images (N, 1, H, W) in [-1, 1]
     * @param condition labels int32 (N) or sources (N, 1, H, W), as the conditioning needs; else null
     * @return scores, features (N, F), [class logits (N, K)]
     */
    public NDList criticize(NDArray images, NDArray condition, boolean training) {
        return critic.score(parameters, images, condition, training);
    }

    /** Runs the auxiliary network on critic features (N, F). */
    public NDArray auxiliaryOf(NDArray features, boolean training) {
        return auxiliary.forward(parameters, new NDList(features), training).singletonOrThrow();
    }

    /**
     * Generates for display and evaluation: eval mode, no dropout, averaged weights when kept.
     * @param input noise (N, Z) or sources (N, 1, H, W)
     * @param labels int32 (N) or null
     * @return (N, 1, H, W) in [-1, 1]
     */
    public NDArray sample(NDArray input, NDArray labels) {
        if (average == null) {
            return generate(input, labels, false);
        }
        return average.withAverage(() -> generate(input, labels, false));
    }

    /** Everything to resume: weights of every network, optimizer states, the average. */
    public Map<String, byte[]> save() {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("generator.params", Weights.save(generator));
        parts.put("critic.params", Weights.save(critic));
        parts.put("generator.optimizer", generatorOptimizer.save());
        parts.put("critic.optimizer", criticOptimizer.save());
        if (auxiliary != null) {
            parts.put("auxiliary.params", Weights.save(auxiliary));
            parts.put("auxiliary.optimizer", auxiliaryOptimizer.save());
        }
        if (average != null) {
            parts.put("generator-average.params", average.withAverage(() -> Weights.save(generator)));
        }
        return parts;
    }

    /** Restores what {@link #save} wrote (missing parts are an error). */
    public void load(Map<String, byte[]> parts, java.nio.file.Path file) {
        String where = file.toString();
        Weights.load(generator, manager, Checkpoints.part(parts, "generator.params", file), where);
        Weights.load(critic, manager, Checkpoints.part(parts, "critic.params", file), where);
        generatorOptimizer.load(Checkpoints.part(parts, "generator.optimizer", file), where);
        criticOptimizer.load(Checkpoints.part(parts, "critic.optimizer", file), where);
        if (auxiliary != null) {
            Weights.load(auxiliary, manager, Checkpoints.part(parts, "auxiliary.params", file), where);
            auxiliaryOptimizer.load(Checkpoints.part(parts, "auxiliary.optimizer", file), where);
        }
        if (average != null) {
            loadAverage(Checkpoints.part(parts, "generator-average.params", file), where);
        }
        // loading replaces parameter arrays; a ParameterStore keeps the arrays it first saw
        parameters = new ParameterStore(manager, false);
    }

    /** Loads generator weights only, for sampling: the average when the checkpoint has one. */
    public void loadGeneratorForSampling(Map<String, byte[]> parts, java.nio.file.Path file) {
        byte[] avg = parts.get("generator-average.params");
        Weights.load(generator, manager, avg != null ? avg : Checkpoints.part(parts, "generator.params", file),
                file.toString());
        if (average != null) {
            // sampling swaps the average in: it must hold the loaded weights, not the fresh
            // initialization it was built from (that made every EMA run sample as if untrained)
            List<NDArray> loaded = new ArrayList<>();
            for (var p : generator.getParameters()) {
                loaded.add(p.getValue().getArray());
            }
            average.set(loaded);
        }
        parameters = new ParameterStore(manager, false);
    }

    private void loadAverage(byte[] data, String where) {
        List<NDArray> trained = new ArrayList<>();
        for (var p : generator.getParameters()) {
            trained.add(p.getValue().getArray().duplicate());
        }
        Weights.load(generator, manager, data, where);
        List<NDArray> avg = new ArrayList<>();
        for (var p : generator.getParameters()) {
            avg.add(p.getValue().getArray());
        }
        average.set(avg);
        int i = 0;
        for (var p : generator.getParameters()) {
            NDArray w = p.getValue().getArray();
            w.subi(w).addi(trained.get(i));
            trained.get(i++).close();
        }
    }

    /**
     * Freezes or unfreezes the learned parameters of a block. DJL's own {@code freezeParameters(false)}
     * also marks batch-norm running statistics as requiring gradients, which breaks the next
     * forward pass; this leaves them alone.
     */
    public static void freeze(Block block, boolean frozen) {
        dev.fontgan.nn.Weights.freezeLearned(block, frozen);
    }

    /** Trainable scalars of the generator and critic (and auxiliary). */
    public Map<String, Object> parameterCounts() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("g_params", Weights.count(generator));
        m.put("d_params", Weights.count(critic));
        if (auxiliary != null) {
            m.put("aux_params", Weights.count(auxiliary));
        }
        return m;
    }

    @Override
    public void close() {
        if (average != null) {
            average.close();
        }
        generatorOptimizer.close();
        criticOptimizer.close();
        if (auxiliaryOptimizer != null) {
            auxiliaryOptimizer.close();
        }
        manager.close();
    }
}
