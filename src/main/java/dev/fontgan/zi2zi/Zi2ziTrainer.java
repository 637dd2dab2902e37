package dev.fontgan.zi2zi;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.Progress;
import dev.fontgan.data.PairBatches;
import dev.fontgan.gan.Adam;
import dev.fontgan.gan.AdversarialLoss;
import dev.fontgan.gan.Checkpoints;
import dev.fontgan.gan.Losses;
import dev.fontgan.gan.SampleGrid;
import dev.fontgan.gan.StopSignal;
import dev.fontgan.gan.Trainable;
import dev.fontgan.gan.TrainingLoop;
import dev.fontgan.gan.UpdateGuard;
import dev.fontgan.nn.Scalars;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains zi2zi: per iteration one discriminator step then {@code generatorSteps} generator steps.
 * D: BCE real/fake on logits + style cross-entropy on real and fake. G: non-saturating BCE +
 * style cross-entropy + L1 to the target + encoding consistency (MSE of bottleneck codes of source
 * and output) + total variation. D is frozen during G steps. Every iteration runs in its own
 * NDManager and re-seeds the engine with (seed, iteration), so a resumed run repeats an
 * uninterrupted one exactly.
 */
public final class Zi2ziTrainer implements Trainable {
    /** Losses of one iteration (the last generator step's terms). */
    public record StepLosses(float d, float g, float l1, float constLoss, float category, float adversarial, float tv) {
        public Map<String, Object> toJson() {
            return Json.obj("d_loss", (double) d, "g_loss", (double) g, "l1", (double) l1, "const", (double) constLoss,
                    "category", (double) category, "adversarial", (double) adversarial, "tv", (double) tv);
        }

        /** The losses by their metrics.jsonl names. */
        public Map<String, Float> toMap() {
            Map<String, Float> m = new LinkedHashMap<>();
            m.put("d_loss", d);
            m.put("g_loss", g);
            m.put("l1", l1);
            m.put("const", constLoss);
            m.put("category", category);
            m.put("adversarial", adversarial);
            m.put("tv", tv);
            return m;
        }

        /** Reads back {@link #toMap()}. */
        public static StepLosses of(Map<String, Float> m) {
            return new StepLosses(m.get("d_loss"), m.get("g_loss"), m.get("l1"), m.get("const"), m.get("category"),
                    m.get("adversarial"), m.get("tv"));
        }
    }

    private final Zi2ziConfig config;
    private final PairBatches data;
    private final Zi2ziModel model;
    private final Adam generatorOptimizer;
    private final Adam discriminatorOptimizer;
    /** Skips updates with a non-finite gradient (they would freeze Adam's moments); stops after many. */
    private final UpdateGuard guard = new UpdateGuard("train zi2zi");
    private final AdversarialLoss adversarial = AdversarialLoss.NON_SATURATING;
    private long step;
    private Validator validator;
    private int validateEvery;

    /** Scores the model now and then during training; what it returns is logged with the losses. */
    @FunctionalInterface
    public interface Validator {
        /** Called after iteration {@code step} (the model in eval mode is the caller's to run). */
        Map<String, Float> validate(Zi2ziModel model, long step);
    }

    public Zi2ziTrainer(Zi2ziConfig config, PairBatches data) {
        this(config, data, Zi2ziModel.create(config.arch(), data.styleNames().size(), data.sizePx(), config.seed()),
                false);
    }

    /**
     * Trains an existing model (fine-tuning); the trainer owns it from here on and closes it. With
     * {@code freezeEncoder} the generator's encoder is frozen before the optimizers are built, so
     * its weights and running statistics stay bit-identical (zi2zi's second stage).
     */
    public Zi2ziTrainer(Zi2ziConfig config, PairBatches data, Zi2ziModel model, boolean freezeEncoder) {
        if (model.arch() != config.arch() || model.styleCount() != data.styleNames().size()
                || model.sizePx() != data.sizePx()) {
            throw new IllegalArgumentException("model (" + model.arch().id() + ", " + model.styleCount() + " styles, "
                    + model.sizePx() + " px) does not fit config/data (" + config.arch().id() + ", "
                    + data.styleNames().size() + " styles, " + data.sizePx() + " px)");
        }
        this.config = config;
        this.data = data;
        this.model = model;
        model.generator().unet().freezeEncoder(freezeEncoder);
        model.generator().unet().setDropoutRate(config.dropout());
        this.generatorOptimizer = new Adam(model.generator(), model.manager(), 0.5f, 0.999f);
        this.discriminatorOptimizer = new Adam(model.discriminator(), model.manager(), 0.5f, 0.999f);
    }

    public Zi2ziModel model() {
        return model;
    }

    /** Runs {@code v} after every {@code every}-th iteration (fine-tuning's validation and early stopping). */
    public Zi2ziTrainer validateEvery(int every, Validator v) {
        if (every < 1) {
            throw new IllegalArgumentException("validation interval must be at least 1, got " + every);
        }
        this.validateEvery = every;
        this.validator = v;
        return this;
    }

    public Zi2ziConfig config() {
        return config;
    }

    @Override
    public long step() {
        return step;
    }

    /** One iteration as the training loop logs it: the losses, then the learning rate it used. */
    @Override
    public Map<String, Float> runIteration() {
        float lr = config.schedule().at(step);
        Map<String, Float> logged = iterate().toMap();
        logged.put("lr", lr);
        if (validator != null && step % validateEvery == 0) {
            logged.putAll(validator.validate(model, step));
        }
        if (guard.skipped() > 0) {
            logged.put("skipped", (float) guard.skipped()); // since this process started
        }
        return logged;
    }

    @Override
    public String status(Map<String, Float> logged) {
        return String.format("D %.3f G %.2f L1 %.3f", logged.get("d_loss"), logged.get("g_loss"), logged.get("l1"));
    }

    /** Runs one iteration (D step, then G steps) and returns its losses. */
    public StepLosses iterate() {
        float lr = config.schedule().at(step);
        ParameterStore ps = model.parameters();
        Zi2ziGenerator g = model.generator();
        Zi2ziDiscriminator d = model.discriminator();
        StepLosses result;
        try (NDManager sub = model.manager().newSubManager()) {
            PairBatches.Batch b = data.batch(step, config.batchSize(), sub);
            Engine.getInstance().setRandomSeed((int) (config.seed() * 1_000_003L + step));
            NDArray src = b.source();
            NDArray tgt = b.target();
            NDArray styles = b.styles();
            NDArray fakeStyles = config.shuffleLabels() ? shuffled(styles, sub) : null;

            // discriminator step: the generator runs without a graph
            NDArray fake = g.forward(ps, new NDList(src, styles), true).get(0);
            NDArray shuffledFake = fakeStyles == null ? null : g.forward(ps, new NDList(src, fakeStyles), true).get(0);
            float dLoss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = discriminatorLoss(ps, d, src, tgt, fake, styles);
                if (shuffledFake != null) {
                    NDList sf = d.forward(ps, new NDList(src, shuffledFake), true);
                    loss = loss.add(Losses.bceWithLogits(sf.get(0), 0f))
                            .add(Scalars.times(Losses.crossEntropy(sf.get(1), fakeStyles), config.categoryWeight() * 0.5f));
                }
                gc.backward(loss);
                dLoss = loss.getFloat();
            }
            guard.apply(lr, discriminatorOptimizer);

            // generator steps with D frozen (G's backward would otherwise fill D's gradients)
            dev.fontgan.nn.Weights.freezeLearned(d, true);
            try {
                float[] terms = null;
                for (int k = 0; k < config.generatorSteps(); k++) {
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDList out = g.forward(ps, new NDList(src, styles), true);
                        NDArray out0 = out.get(0);
                        NDArray constLoss = Losses.mse(g.code(ps, out0, true), out.get(1));
                        NDList df = d.forward(ps, new NDList(src, out0), true);
                        NDArray adv = adversarial.generator(df.get(0));
                        NDArray cat = Losses.crossEntropy(df.get(1), styles);
                        NDArray l1 = Losses.l1(out0, tgt);
                        NDArray tv = Losses.totalVariation(out0);
                        NDArray loss = adv.add(Scalars.times(cat, config.categoryWeight())).add(Scalars.times(l1, config.l1Weight()))
                                .add(Scalars.times(constLoss, config.constWeight())).add(Scalars.times(tv, config.tvWeight()));
                        if (fakeStyles != null) {
                            NDList so = g.forward(ps, new NDList(src, fakeStyles), true);
                            NDList sd = d.forward(ps, new NDList(src, so.get(0)), true);
                            loss = loss.add(adversarial.generator(sd.get(0)))
                                    .add(Scalars.times(Losses.crossEntropy(sd.get(1), fakeStyles), config.categoryWeight()))
                                    .add(Scalars.times(Losses.mse(g.code(ps, so.get(0), true), so.get(1)), config.constWeight()));
                        }
                        gc.backward(loss);
                        terms = new float[] {loss.getFloat(), l1.getFloat(), constLoss.getFloat(), cat.getFloat(),
                            adv.getFloat(), tv.getFloat()};
                    }
                    guard.apply(lr, generatorOptimizer);
                }
                guard.endIteration(step + 1);
                result = new StepLosses(dLoss, terms[0], terms[1], terms[2], terms[3], terms[4], terms[5]);
            } finally {
                dev.fontgan.nn.Weights.freezeLearned(d, false);
            }
        }
        step++;
        return result;
    }

    private NDArray discriminatorLoss(ParameterStore ps, Zi2ziDiscriminator d, NDArray src, NDArray tgt, NDArray fake,
            NDArray styles) {
        NDArray realBinary;
        NDArray realCategory;
        NDArray fakeBinary;
        NDArray fakeCategory;
        if (config.arch().jointDiscriminator) {
            long n = src.getShape().get(0);
            NDList both = d.forward(ps, new NDList(src.concat(src, 0), tgt.concat(fake, 0)), true);
            NDList bin = both.get(0).split(new long[] {n}, 0);
            NDList cat = both.get(1).split(new long[] {n}, 0);
            realBinary = bin.get(0);
            fakeBinary = bin.get(1);
            realCategory = cat.get(0);
            fakeCategory = cat.get(1);
        } else {
            NDList real = d.forward(ps, new NDList(src, tgt), true);
            NDList fk = d.forward(ps, new NDList(src, fake), true);
            realBinary = real.get(0);
            realCategory = real.get(1);
            fakeBinary = fk.get(0);
            fakeCategory = fk.get(1);
        }
        NDArray category = Losses.crossEntropy(realCategory, styles).add(Losses.crossEntropy(fakeCategory, styles));
        return adversarial.discriminator(realBinary, fakeBinary).add(Scalars.times(category, config.categoryWeight() * 0.5f));
    }

    private NDArray shuffled(NDArray styles, NDManager sub) {
        int[] ids = styles.toIntArray();
        java.util.Random r = new java.util.Random(config.seed() * 7919 + step);
        for (int i = ids.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = ids[i];
            ids[i] = ids[j];
            ids[j] = t;
        }
        return sub.create(ids);
    }

    /** Everything needed to resume: weights, optimizer moments, step, config. */
    @Override
    public Map<String, byte[]> checkpointParts() {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("state.json", Json.pretty(Json.obj("kind", "zi2zi", "step", step, "arch", config.arch().id(),
                "styles", model.styleCount(), "size_px", model.sizePx(), "seed", config.seed()))
                .getBytes(StandardCharsets.UTF_8));
        parts.put("generator.params", model.saveGenerator());
        parts.put("discriminator.params", model.saveDiscriminator());
        parts.put("generator.optimizer", generatorOptimizer.save());
        parts.put("discriminator.optimizer", discriminatorOptimizer.save());
        return parts;
    }

    /** Restores a checkpoint written by {@link #checkpointParts()} for the same arch and styles. */
    @Override
    public void restore(Map<String, byte[]> parts, Path file) {
        String where = file.toString();
        Map<String, Object> state = Json.parseObject(
                new String(Checkpoints.part(parts, "state.json", file), StandardCharsets.UTF_8), where);
        if (!"zi2zi".equals(state.get("kind"))) {
            throw new FontganException(file, "not a zi2zi checkpoint");
        }
        if (!config.arch().id().equals(state.get("arch"))) {
            throw new FontganException(file, "checkpoint is for arch " + state.get("arch") + ", this run uses "
                    + config.arch().id());
        }
        if (!(state.get("styles") instanceof Number n) || n.intValue() != model.styleCount()
                || !(state.get("size_px") instanceof Number px) || px.intValue() != model.sizePx()) {
            throw new FontganException(file, "checkpoint has " + state.get("styles") + " styles at "
                    + state.get("size_px") + " px; the data has " + model.styleCount() + " at " + model.sizePx());
        }
        model.loadGenerator(Checkpoints.part(parts, "generator.params", file), where);
        model.loadDiscriminator(Checkpoints.part(parts, "discriminator.params", file), where);
        generatorOptimizer.load(Checkpoints.part(parts, "generator.optimizer", file), where);
        discriminatorOptimizer.load(Checkpoints.part(parts, "discriminator.optimizer", file), where);
        UpdateGuard.requireFiniteState(file, "start a new run from an exported pack with --init",
                generatorOptimizer, discriminatorOptimizer);
        step = ((Number) state.get("step")).longValue();
    }

    /** Up to 24 fixed samples, 8 per style for up to 3 styles (see {@link #sampleGrid(int)}). */
    @Override
    public java.awt.image.BufferedImage sampleGrid() {
        return sampleGrid(Math.min(24, 8 * Math.max(1, Math.min(3, data.styleNames().size()))));
    }

    /**
     * A sample grid of the fixed samples: per group of up to 8, rows source | output | target.
     */
    public java.awt.image.BufferedImage sampleGrid(int count) {
        try (NDManager sub = model.manager().newSubManager()) {
            PairBatches.Batch b = data.samples(count, sub);
            NDArray out = model.generate(b.source(), b.styles());
            List<NDArray> rows = new ArrayList<>();
            long n = b.source().getShape().get(0);
            for (long i = 0; i < n; i += 8) {
                String r = i + ":" + Math.min(n, i + 8);
                rows.add(b.source().get(r));
                rows.add(out.get(r));
                rows.add(b.target().get(r));
            }
            return SampleGrid.of(rows);
        }
    }

    /** What {@link #train} did; {@code last} is null when no iteration ran. */
    public record Result(long startStep, long endStep, StepLosses last, Path checkpoint, boolean stopped) {}

    /**
     * Trains into a run folder until {@code steps} iterations are done, writing config, metrics,
     * samples and checkpoints. With {@code resume} it continues from the newest checkpoint.
     */
    public static Result train(Zi2ziConfig config, PairBatches data, Path runDir, long steps, boolean resume,
            Map<String, Object> extraConfig, Progress progress, StopSignal stop) {
        return train(() -> new Zi2ziTrainer(config, data), config, data, runDir, steps, resume, extraConfig, progress,
                stop);
    }

    /**
     * As {@link #train(Zi2ziConfig, PairBatches, Path, long, boolean, Map, Progress, StopSignal)}
     * with a trainer made by {@code trainer} (after the run folder was checked), e.g. one over a
     * fine-tuned model.
     */
    public static Result train(java.util.function.Supplier<Zi2ziTrainer> trainer, Zi2ziConfig config,
            PairBatches data, Path runDir, long steps, boolean resume, Map<String, Object> extraConfig,
            Progress progress, StopSignal stop) {
        TrainingLoop.Schedule schedule = new TrainingLoop.Schedule(config.logEvery(), config.sampleEvery(),
                config.checkpointEvery(), config.keepCheckpoints());
        TrainingLoop.Result r = new TrainingLoop(runDir, schedule, progress, stop).run("zi2zi", steps, resume, trainer,
                t -> {
                    Map<String, Object> cfg = new LinkedHashMap<>();
                    cfg.put("kind", "zi2zi");
                    cfg.putAll(config.toJson());
                    cfg.put("size_px", data.sizePx());
                    cfg.put("styles", data.styleNames());
                    cfg.put("generator", Zi2ziGeneratorSpec.of(config.arch()).toJson()); // packs rebuild G from it
                    cfg.put("g_params", t.model().generatorParameterCount());
                    cfg.put("d_params", t.model().discriminatorParameterCount());
                    cfg.putAll(extraConfig);
                    return cfg;
                });
        return new Result(r.startStep(), r.endStep(), r.last() == null ? null : StepLosses.of(r.last()),
                r.checkpoint(), r.stopped());
    }

    @Override
    public void close() {
        generatorOptimizer.close();
        discriminatorOptimizer.close();
        model.close();
    }
}
