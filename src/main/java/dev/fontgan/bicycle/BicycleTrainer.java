package dev.fontgan.bicycle;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.Progress;
import dev.fontgan.data.PairBatches;
import dev.fontgan.gan.Adam;
import dev.fontgan.gan.UpdateGuard;
import dev.fontgan.gan.AdversarialLoss;
import dev.fontgan.gan.Checkpoints;
import dev.fontgan.gan.Losses;
import dev.fontgan.nn.Scalars;
import dev.fontgan.gan.SampleGrid;
import dev.fontgan.gan.StopSignal;
import dev.fontgan.gan.Trainable;
import dev.fontgan.gan.TrainingLoop;
import dev.fontgan.nn.Layers;
import dev.fontgan.nn.MultiScaleDiscriminator;
import dev.fontgan.nn.Weights;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Trains a BicycleGAN. Per iteration, on a batch of (source A, target B) pairs whose first half
 * feeds the encoded branch and second half the random branch:
 * <ol>
 *   <li>E encodes B_enc to (mu, log var); z_enc = mu + eps * sigma; z_rand ~ N(0, 1); G makes each
 *       half's outputs in its own pass; E, frozen, encodes the random half's outputs to mu2.</li>
 *   <li>D (on (A, B) pairs of the encoded half) and D2 (random half) each take an LSGAN step on
 *       real vs detached outputs, summed over their scales.</li>
 *   <li>With D and D2 frozen, G and E take one step on: LSGAN of D and D2, L1 to B_enc, KL, TV,
 *       the optional feature, style and mode-seeking terms, and the latent regression |mu2 - z_rand|, which
 *       reaches G only because E's weights did not require gradients when mu2 was computed.</li>
 * </ol>
 * Every iteration runs in its own NDManager and re-seeds the engine with (seed, iteration), and the
 * data order is a function of the iteration, so a resumed run repeats an uninterrupted one exactly.
 */
public final class BicycleTrainer implements Trainable {
    private static final AdversarialLoss ADVERSARIAL = AdversarialLoss.LEAST_SQUARES;
    /** Style seeds of the random-z rows in sample grids. */
    private static final long[] GRID_STYLE_SEEDS = {1, 2, 3};

    private final BicycleConfig config;
    private final PairBatches data;
    private final BicycleModel model;
    private final UnaryOperator<NDArray> features;
    private final Adam generatorOptimizer;
    private final Adam encoderOptimizer;
    private final Adam discriminatorOptimizer;
    private final Adam discriminator2Optimizer;
    /** Auxiliary style classifier on mu (only when its weight is positive). */
    private final Linear styleHead;
    private final Adam styleOptimizer;
    private long step;
    /** Restore weights and step but not the optimizers' moments (see {@link #train}). */
    private boolean resetOptimizers;
    /** Skips updates with a non-finite gradient; stops the run after many in a row. */
    private final UpdateGuard guard = new UpdateGuard("train bicycle");

    /**
     * @param features glyph features for the feature loss, (N, 1, S, S) in [-1, 1] -> (N, F),
     *     differentiable with respect to its input and with its own weights frozen; null turns the
     *     feature loss off
     */
    public BicycleTrainer(BicycleConfig config, PairBatches data, UnaryOperator<NDArray> features) {
        this.config = config;
        this.data = data;
        this.features = config.weights().feature() > 0 ? features : null;
        this.model = BicycleModel.create(config.arch(), data.sizePx(), config.seed());
        NDManager m = model.manager();
        generatorOptimizer = new Adam(model.generator(), m, 0.5f, 0.999f);
        encoderOptimizer = new Adam(model.encoder(), m, 0.5f, 0.999f);
        discriminatorOptimizer = new Adam(model.discriminator(), m, 0.5f, 0.999f);
        discriminator2Optimizer = new Adam(model.discriminator2(), m, 0.5f, 0.999f);
        if (config.weights().style() > 0) {
            styleHead = Layers.initNormal(Layers.linear(data.styleNames().size(), true));
            styleHead.initialize(m, DataType.FLOAT32, new Shape(1, model.latentSize()));
            styleOptimizer = new Adam(styleHead, m, 0.5f, 0.999f);
        } else {
            styleHead = null;
            styleOptimizer = null;
        }
    }

    public BicycleModel model() {
        return model;
    }

    public BicycleConfig config() {
        return config;
    }

    /** The auxiliary style head, null when the style loss is off (tests). */
    Linear styleHead() {
        return styleHead;
    }

    @Override
    public long step() {
        return step;
    }

    /** Runs one iteration (D and D2 step, then one G and E step) and returns its losses. */
    @Override
    public Map<String, Float> runIteration() {
        float lr = config.schedule().at(step);
        ParameterStore ps = model.parameters();
        LatentEncoder e = model.encoder();
        Map<String, Float> out = new LinkedHashMap<>();
        BicycleConfig.LossWeights w = config.weights();
        try (NDManager sub = model.manager().newSubManager()) {
            PairBatches.Batch b = data.batch(step, config.batchSize(), sub);
            Engine.getInstance().setRandomSeed((int) (config.seed() * 1_000_003L + step));
            int n = config.batchSize();
            String enc = "0:" + config.encodedPerBatch();
            String rnd = config.encodedPerBatch() + ":";
            NDArray srcE = b.source().get(enc);
            NDArray tgtE = b.target().get(enc);
            NDArray srcR = b.source().get(rnd);
            NDArray tgtR = b.target().get(rnd);
            // mode seeking compares two z on one source: the random half's second half repeats its first
            // half's sources (D2's real pairs keep all of them)
            long msPairs = w.modeSeeking() > 0 ? srcR.getShape().get(0) / 2 : 0;
            NDArray srcRFake = msPairs == 0 ? srcR : pairedSources(srcR, msPairs);

            NDArray mu;
            NDArray logVar;
            NDArray logVarRaw;
            NDArray zRandom;
            NDArray fakeE;
            NDArray fakeR;
            NDArray mu2 = null;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDList posterior = e.forward(ps, new NDList(tgtE), true);
                mu = posterior.get(0);
                logVarRaw = posterior.get(1);
                logVar = config.encoder().boundLogVariance(logVarRaw);
                NDArray zEncoded = mu.add(sub.randomNormal(mu.getShape()).mul(Scalars.times(logVar, 0.5f).exp()));
                zRandom = sub.randomNormal(new Shape(n - config.encodedPerBatch(), model.latentSize()));
                // two G passes, not one: batch norm would couple the halves and let the latent term's
                // gradient reach E through the encoded half's share of the batch statistics
                fakeE = model.generator().forward(ps, new NDList(srcE, zEncoded), true).get(0);
                fakeR = model.generator().forward(ps, new NDList(srcRFake, zRandom), true).get(0);
                if (w.latent() > 0) {
                    // E's weights require no gradient while mu2 is recorded: the latent term trains G only
                    Weights.freezeLearned(e, true);
                    try {
                        mu2 = e.forward(ps, new NDList(fakeR), true).get(0);
                    } finally {
                        Weights.freezeLearned(e, false);
                    }
                }
                NDArray d = discriminatorLoss(ps, model.discriminator(), srcE, tgtE, srcE, fakeE.stopGradient());
                NDArray d2 = discriminatorLoss(ps, model.discriminator2(), srcR, tgtR, srcRFake, fakeR.stopGradient());
                gc.backward(d.add(d2));
                out.put("d", d.getFloat());
                out.put("d2", d2.getFloat());
            }
            guard.apply(lr, discriminatorOptimizer, discriminator2Optimizer);

            // G and E step; D and D2 frozen, or G's backward would fill their gradients
            Weights.freezeLearned(model.discriminator(), true);
            Weights.freezeLearned(model.discriminator2(), true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray gan = generatorAdversarial(ps, model.discriminator(), srcE, fakeE);
                NDArray gan2 = generatorAdversarial(ps, model.discriminator2(), srcRFake, fakeR);
                NDArray l1 = Losses.l1(fakeE, tgtE);
                NDArray kl = Losses.klToStandardNormal(mu, logVar);
                float freeBits = config.encoder().klFreeBits();
                NDArray klTerm = freeBits > 0 ? Losses.klToStandardNormalFreeBits(mu, logVar, freeBits) : kl;
                NDArray tv = Scalars.times(Losses.totalVariation(fakeE).add(Losses.totalVariation(fakeR)), 0.5f);
                NDArray total = Scalars.times(gan, w.gan()).add(Scalars.times(gan2, w.gan2())).add(Scalars.times(l1, w.l1()))
                        .add(Scalars.times(klTerm, w.kl())).add(Scalars.times(tv, w.tv()));
                out.put("g", 0f);
                out.put("l1", l1.getFloat());
                out.put("gan", gan.getFloat());
                out.put("gan2", gan2.getFloat());
                out.put("kl", kl.getFloat());
                out.put("mu_max", mu.abs().max().getFloat());
                out.put("logvar_max", logVar.abs().max().getFloat());
                if (config.encoder().logVarBound() > 0) {
                    out.put("logvar_raw_max", logVarRaw.abs().max().getFloat());
                }
                out.put("tv", tv.getFloat());
                if (mu2 != null) {
                    NDArray latent = Losses.l1(mu2, zRandom);
                    total = total.add(Scalars.times(latent, w.latent()));
                    out.put("z_l1", latent.getFloat());
                }
                if (features != null) {
                    NDArray feature = Losses.l1(features.apply(fakeE), features.apply(tgtE).stopGradient());
                    total = total.add(Scalars.times(feature, w.feature()));
                    out.put("feature", feature.getFloat());
                }
                if (msPairs > 0) {
                    String first = "0:" + msPairs;
                    String second = msPairs + ":" + 2 * msPairs;
                    NDArray ratio = Losses.l1(fakeR.get(first), fakeR.get(second))
                            .div(Losses.l1(zRandom.get(first), zRandom.get(second)));
                    NDArray modeSeeking = ratio.add(1e-5f).pow(Scalars.of(ratio, -1f));
                    total = total.add(Scalars.times(modeSeeking, w.modeSeeking()));
                    out.put("ms_ratio", ratio.getFloat());
                }
                if (styleHead != null) {
                    NDArray logits = styleHead.forward(ps, new NDList(mu), true).singletonOrThrow();
                    NDArray style = Losses.crossEntropy(logits, b.styles().get(enc));
                    total = total.add(Scalars.times(style, w.style()));
                    out.put("style", style.getFloat());
                }
                gc.backward(total);
                out.put("g", total.getFloat());
            } finally {
                Weights.freezeLearned(model.discriminator(), false);
                Weights.freezeLearned(model.discriminator2(), false);
            }
            float eScale = config.encoder().rateScale();
            if (styleOptimizer == null) {
                guard.apply(lr, new float[] {1f, eScale}, generatorOptimizer, encoderOptimizer);
            } else {
                guard.apply(lr, new float[] {1f, eScale, config.encoder().styleHeadScale()}, generatorOptimizer,
                        encoderOptimizer, styleOptimizer);
            }
            if (!guard.endIteration(step + 1)) {
                // the weights are untouched, so the loop must not stop on this iteration's NaN losses
                out.values().removeIf(v -> !Float.isFinite(v));
            }
            out.put("lr", lr);
            if (eScale != 1f) {
                out.put("lr_e", lr * eScale);
            }
            if (styleOptimizer != null) {
                out.put("lr_style", lr * config.encoder().styleHeadScale());
            }
            if (guard.skipped() > 0) {
                out.put("skipped", (float) guard.skipped()); // since this process started
            }
        }
        step++;
        return out;
    }

    /** The first {@code pairs} sources twice, then any rest: rows i and pairs + i share a source. */
    private static NDArray pairedSources(NDArray src, long pairs) {
        NDArray head = src.get("0:" + pairs);
        NDArray paired = head.concat(head, 0);
        long n = src.getShape().get(0);
        return 2 * pairs == n ? paired : paired.concat(src.get(2 * pairs + ":"), 0);
    }

    /**
     * LSGAN discriminator loss summed over scales, real and fake pairs in one pass (D has no batch
     * norm); the real pairs are (srcReal, real), the fake ones (srcFake, fake).
     */
    private static NDArray discriminatorLoss(ParameterStore ps, MultiScaleDiscriminator d, NDArray srcReal,
            NDArray real, NDArray srcFake, NDArray fake) {
        NDArray pairs = srcReal.concat(real, 1).concat(srcFake.concat(fake, 1), 0);
        long half = srcReal.getShape().get(0);
        NDList scores = d.forward(ps, new NDList(pairs), true);
        NDArray loss = null;
        for (NDArray s : scores) {
            NDArray l = ADVERSARIAL.discriminator(s.get("0:" + half), s.get(half + ":"));
            loss = loss == null ? l : loss.add(l);
        }
        return loss;
    }

    private static NDArray generatorAdversarial(ParameterStore ps, MultiScaleDiscriminator d, NDArray src,
            NDArray fake) {
        NDArray loss = null;
        for (NDArray s : d.forward(ps, new NDList(src.concat(fake, 1)), true)) {
            NDArray l = ADVERSARIAL.generator(s);
            loss = loss == null ? l : loss.add(l);
        }
        return loss;
    }

    /** Everything needed to resume: weights, optimizer moments, step, config. */
    @Override
    public Map<String, byte[]> checkpointParts() {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("state.json", Json.pretty(Json.obj("kind", "bicycle", "step", step, "arch", config.arch().toJson(),
                "size_px", model.sizePx(), "seed", config.seed(), "styles", data.styleNames().size()))
                .getBytes(StandardCharsets.UTF_8));
        parts.put("generator.params", model.saveGenerator());
        parts.put("encoder.params", model.saveEncoder());
        parts.put("discriminators.params", model.saveDiscriminators());
        parts.put("generator.optimizer", generatorOptimizer.save());
        parts.put("encoder.optimizer", encoderOptimizer.save());
        parts.put("discriminator.optimizer", discriminatorOptimizer.save());
        parts.put("discriminator2.optimizer", discriminator2Optimizer.save());
        if (styleHead != null) {
            parts.put("style-head.params", Weights.save(styleHead));
            parts.put("style-head.optimizer", styleOptimizer.save());
        }
        return parts;
    }

    /** Restores a checkpoint written by {@link #checkpointParts()} for the same arch and image size. */
    @Override
    public void restore(Map<String, byte[]> parts, Path file) {
        String where = file.toString();
        Map<String, Object> state = Json.parseObject(
                new String(Checkpoints.part(parts, "state.json", file), StandardCharsets.UTF_8), where);
        if (!"bicycle".equals(state.get("kind"))) {
            throw new FontganException(file, "not a BicycleGAN checkpoint");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> arch = state.get("arch") instanceof Map<?, ?> a ? (Map<String, Object>) a : Map.of();
        if (!config.arch().equals(BicycleArch.fromJson(arch, where))) {
            throw new FontganException(file, "checkpoint is for arch " + Json.write(arch) + ", this run uses "
                    + Json.write(config.arch().toJson()));
        }
        if (!(state.get("size_px") instanceof Number px) || px.intValue() != model.sizePx()) {
            throw new FontganException(file, "checkpoint is for " + state.get("size_px") + " px; the data has "
                    + model.sizePx());
        }
        model.loadGenerator(Checkpoints.part(parts, "generator.params", file), where);
        model.loadEncoder(Checkpoints.part(parts, "encoder.params", file), where);
        model.loadDiscriminators(Checkpoints.part(parts, "discriminators.params", file), where);
        // a checkpoint of a run without the auxiliary style loss: its head starts fresh, so the loss can be turned on later
        boolean headSaved = parts.containsKey("style-head.params");
        if (styleHead != null && headSaved) {
            Weights.load(styleHead, model.manager(), Checkpoints.part(parts, "style-head.params", file), where);
        }
        if (!resetOptimizers) {
            generatorOptimizer.load(Checkpoints.part(parts, "generator.optimizer", file), where);
            encoderOptimizer.load(Checkpoints.part(parts, "encoder.optimizer", file), where);
            discriminatorOptimizer.load(Checkpoints.part(parts, "discriminator.optimizer", file), where);
            discriminator2Optimizer.load(Checkpoints.part(parts, "discriminator2.optimizer", file), where);
            if (styleHead != null && headSaved) {
                styleOptimizer.load(Checkpoints.part(parts, "style-head.optimizer", file), where);
            }
            UpdateGuard.requireFiniteState(file, "resume with --reset-optimizers", generatorOptimizer,
                    encoderOptimizer, discriminatorOptimizer, discriminator2Optimizer, styleOptimizer);
        }
        step = ((Number) state.get("step")).longValue();
    }

    /**
     * Up to 8 fixed samples (unseen characters when the data has them), rows: source, target, output
     * with the target's encoded mean, then one row per fixed style seed (same z across a row).
     */
    @Override
    public BufferedImage sampleGrid() {
        try (NDManager sub = model.manager().newSubManager()) {
            PairBatches.Batch b = data.samples(8, sub);
            long n = b.source().getShape().get(0);
            List<NDArray> rows = new ArrayList<>();
            rows.add(b.source());
            rows.add(b.target());
            rows.add(model.generate(b.source(), model.encodeMean(b.target())));
            for (long seed : GRID_STYLE_SEEDS) {
                float[] z = BicycleModel.latentForSeed(seed, model.latentSize());
                NDArray zs = sub.create(z, new Shape(1, z.length)).repeat(0, n);
                rows.add(model.generate(b.source(), zs));
            }
            return SampleGrid.of(rows);
        }
    }

    /**
     * Trains into a run folder until {@code steps} iterations are done, writing config, metrics,
     * samples and checkpoints; with {@code resume} it continues from the newest checkpoint.
     */
    public static TrainingLoop.Result train(BicycleConfig config, PairBatches data, UnaryOperator<NDArray> features,
            Path runDir, long steps, boolean resume, Map<String, Object> extraConfig, Progress progress,
            StopSignal stop) {
        return train(config, data, features, runDir, steps, resume, false, extraConfig, progress, stop);
    }

    /**
     * As above; with {@code resetOptimizers} a resumed run takes the checkpoint's weights and step
     * but starts every optimizer afresh (zero moments, bias correction from its first update), the
     * way out of moments that overflowed.
     */
    public static TrainingLoop.Result train(BicycleConfig config, PairBatches data, UnaryOperator<NDArray> features,
            Path runDir, long steps, boolean resume, boolean resetOptimizers, Map<String, Object> extraConfig,
            Progress progress, StopSignal stop) {
        return train(config, data, features, runDir, steps, resume, resetOptimizers, null, extraConfig, progress, stop);
    }

    /**
     * As above; {@code init}, when not null, loads a trained generator and encoder (weights as
     * {@link BicycleModel#saveGenerator} and {@link BicycleModel#saveEncoder} write them) into a
     * new run before its first step. A resumed run's checkpoint replaces them.
     */
    public static TrainingLoop.Result train(BicycleConfig config, PairBatches data, UnaryOperator<NDArray> features,
            Path runDir, long steps, boolean resume, boolean resetOptimizers, InitWeights init,
            Map<String, Object> extraConfig, Progress progress, StopSignal stop) {
        TrainingLoop.Schedule schedule = new TrainingLoop.Schedule(config.logEvery(), config.sampleEvery(),
                config.checkpointEvery(), config.keepCheckpoints());
        TrainingLoop loop = new TrainingLoop(runDir, schedule, progress, stop);
        if (resume && java.nio.file.Files.isRegularFile(loop.runDirectory().configFile())
                && !"bicycle".equals(loop.runDirectory().readConfig().get("kind"))) {
            throw new FontganException(loop.runDirectory().configFile(), "not a BicycleGAN run");
        }
        return loop.run("bicycle", steps, resume, () -> {
            BicycleTrainer t = starting(config, data, features, init);
            t.resetOptimizers = resetOptimizers;
            return t;
        }, t -> {
            Map<String, Object> cfg = new LinkedHashMap<>();
            cfg.put("kind", "bicycle");
            cfg.putAll(config.toJson());
            cfg.put("size_px", data.sizePx());
            cfg.put("styles", data.styleNames());
            cfg.put("latent_size", t.model().latentSize());
            cfg.put("feature_loss", t.features != null);
            cfg.put("g_params", t.model().generatorParameterCount());
            cfg.put("e_params", t.model().encoderParameterCount());
            cfg.put("d_params", t.model().discriminatorParameterCount());
            cfg.putAll(extraConfig);
            return cfg;
        });
    }

    /** A new trainer whose G and E hold {@code init}'s weights (fresh ones when it is null). */
    static BicycleTrainer starting(BicycleConfig config, PairBatches data, UnaryOperator<NDArray> features,
            InitWeights init) {
        BicycleTrainer t = new BicycleTrainer(config, data, features);
        if (init != null) {
            try {
                t.model.loadGenerator(init.generator(), init.where());
                t.model.loadEncoder(init.encoder(), init.where());
            } catch (RuntimeException e) {
                t.close();
                throw e;
            }
        }
        return t;
    }

    /** A trained generator's and encoder's weights to start a run from; {@code where} names their origin in errors. */
    public record InitWeights(byte[] generator, byte[] encoder, String where) {}

    @Override
    public void close() {
        generatorOptimizer.close();
        encoderOptimizer.close();
        discriminatorOptimizer.close();
        discriminator2Optimizer.close();
        if (styleOptimizer != null) {
            styleOptimizer.close();
        }
        model.close();
    }
}
