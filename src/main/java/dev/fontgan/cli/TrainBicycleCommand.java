package dev.fontgan.cli;

import ai.djl.ndarray.NDArray;
import dev.fontgan.FontganException;
import dev.fontgan.bicycle.BicycleArch;
import dev.fontgan.bicycle.BicycleConfig;
import dev.fontgan.bicycle.BicycleTrainer;
import dev.fontgan.data.PairBatches;
import dev.fontgan.data.PairData;
import dev.fontgan.eval.GlyphClassifier;
import dev.fontgan.gan.StopSignal;
import dev.fontgan.gan.TrainingLoop;
import dev.fontgan.style.PackWarmStart;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bicycle", description = "Train BicycleGAN (one source font -> a continuous space of styles).")
final class TrainBicycleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--data", required = true, description = "Glyph dataset folder (fontgan glyphs build).")
    Path data;

    @Option(names = "--steps", required = true, description = "Total training iterations (1 D + 1 G step each).")
    long steps;

    @Option(names = "--out", required = true, description = "Run folder, e.g. runs/NAME.")
    Path out;

    @Option(names = "--resume", description = "Continue from the newest checkpoint in --out (pass the same options).")
    boolean resume;

    @Option(names = "--reset-optimizers",
            description = "With --resume: keep the checkpoint's weights but start Adam afresh (for moments that overflowed).")
    boolean resetOptimizers;

    @Option(names = "--init", paramLabel = "PACK", description = "Start G and E from a bicycle pack of the same "
            + "--arch (D, D2 and the optimizers start fresh), e.g. to continue the shipped pack with other weights.")
    Path init;

    @Option(names = "--arch", defaultValue = "default", description = "default | tiny (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--injection", defaultValue = "all",
            description = "Where z enters G: all (every encoder level) | input (default: ${DEFAULT-VALUE}).")
    String injection;

    @Option(names = "--batch", defaultValue = "16",
            description = "Batch size; half encoded-z, half random-z (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "2e-4", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    float lr;

    @Option(names = "--lr-halve-every", defaultValue = "0", description = "Halve the rate every N steps, 0 = never.")
    long halveEvery;

    @Option(names = "--lr-floor", defaultValue = "2e-5", description = "Lowest learning rate (default: ${DEFAULT-VALUE}).")
    float lrFloor;

    @Option(names = "--gan", defaultValue = "1", description = "Weight of D's LSGAN term (encoded z).") float gan;
    @Option(names = "--gan2", defaultValue = "1", description = "Weight of D2's LSGAN term (random z).") float gan2;
    @Option(names = "--l1", defaultValue = "10", description = "Weight of L1 to the target (encoded z).") float l1;
    @Option(names = "--kl", defaultValue = "0.01", description = "Weight of the KL term.") float kl;
    @Option(names = "--latent", defaultValue = "0.5", description = "Weight of |E(G(A, z)) - z| (updates G only).") float latent;
    @Option(names = "--tv", defaultValue = "1e-4", description = "Weight of total variation.") float tv;
    @Option(names = "--feature", defaultValue = "1",
            description = "Weight of the glyph-classifier feature loss, 0 = off (default: ${DEFAULT-VALUE}).") float feature;
    @Option(names = "--style", defaultValue = "0", description = "Weight of auxiliary style classification of E's mean, 0 = off.") float style;
    @Option(names = "--mode-seeking", defaultValue = "0",
            description = "Weight of the mode-seeking term on random z (rewards outputs that move with z), 0 = off.")
    float modeSeeking;

    @Option(names = "--encoder-lr-scale", defaultValue = "1",
            description = "E's learning rate as a share of G's; below 1 steadies the encoded branch (default: ${DEFAULT-VALUE}).")
    float encoderRateScale;
    @Option(names = "--kl-free-bits", defaultValue = "0",
            description = "Per-dimension KL floor in nats: no pull toward the prior below it, 0 = off (default: ${DEFAULT-VALUE}).")
    float klFreeBits;
    @Option(names = "--log-var-bound",
            description = "Soft limit L on E's log variance, L * tanh(raw / L): caps E's noise and KL, "
                    + "0 = off (default: ${DEFAULT-VALUE}).")
    float logVarBound = BicycleConfig.EncoderStability.DEFAULT_LOG_VAR_BOUND;

    @Option(names = "--style-lr-scale", defaultValue = "0",
            description = "The --style head's learning rate as a share of G's, 0 = E's rate (default: ${DEFAULT-VALUE}).")
    float styleRateScale;

    @Option(names = "--classifier", description = "Glyph classifier for the feature loss (default: the shipped one).")
    Path classifier;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for init, data order and noise.")
    long seed;

    @Option(names = "--sample-every", defaultValue = "500") int sampleEvery;
    @Option(names = "--checkpoint-every", defaultValue = "250") int checkpointEvery;
    @Option(names = "--log-every", defaultValue = "10") int logEvery;

    @Override
    public Integer call() {
        if (resetOptimizers && !resume) {
            throw new FontganException("--reset-optimizers", "only applies with --resume");
        }
        if (steps < 1) {
            throw new FontganException("--steps", "must be at least 1");
        }
        if (batch < 2 || batch > 1024) {
            throw new FontganException("--batch", "must be between 2 and 1024");
        }
        if (!(lr > 0) || lr > 1) {
            throw new FontganException("--lr", "must be in (0, 1]");
        }
        if (sampleEvery < 0 || checkpointEvery < 0 || logEvery < 1) {
            throw new FontganException("--sample-every/--checkpoint-every/--log-every", "must not be negative");
        }
        for (float w : new float[] {gan, gan2, l1, kl, latent, tv, feature, style, modeSeeking}) {
            if (!(w >= 0) || !Float.isFinite(w)) {
                throw new FontganException("--gan/--gan2/--l1/--kl/--latent/--tv/--feature/--style/--mode-seeking",
                        "loss weights must be finite and not negative");
            }
        }
        if (!(encoderRateScale > 0) || encoderRateScale > 100 || !(klFreeBits >= 0) || klFreeBits > 100) {
            throw new FontganException("--encoder-lr-scale/--kl-free-bits",
                    "the rate scale must be in (0, 100] and the free bits in [0, 100]");
        }
        if (!(logVarBound >= 0) || logVarBound > 100) {
            throw new FontganException("--log-var-bound", "must be in [0, 100]");
        }
        if (!(styleRateScale >= 0) || styleRateScale > 1000) {
            throw new FontganException("--style-lr-scale", "must be in [0, 1000]");
        }
        BicycleArch a = BicycleArch.named(arch).withInjection(BicycleArch.injection(injection));
        BicycleConfig config = BicycleConfig.defaults().withArch(a).withBatchSize(batch)
                .withLearningRate(lr, halveEvery, Math.min(lrFloor, lr)).withSeed(seed)
                .withSchedule(sampleEvery, checkpointEvery, logEvery)
                .withWeights(new BicycleConfig.LossWeights(gan, gan2, l1, kl, latent, tv, feature, style, modeSeeking))
                .withEncoderStability(new BicycleConfig.EncoderStability(encoderRateScale, klFreeBits, logVarBound,
                        styleRateScale));
        PairBatches pairs = PairData.open(data, seed);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("data", data.toString());
        GlyphClassifier features = null;
        StopSignal stop = new StopSignal().onShutdown(120);
        TrainingLoop.Result r;
        try {
            UnaryOperator<NDArray> extractor = null;
            if (feature > 0) {
                features = classifier == null ? GlyphClassifier.loadDefault() : GlyphClassifier.load(classifier);
                if (features.sizePx() != pairs.sizePx()) {
                    throw new FontganException(classifier == null ? "--classifier" : classifier.toString(),
                            "classifier works at " + features.sizePx() + " px, the data is " + pairs.sizePx()
                                    + " px (pass --feature 0 to train without the feature loss)");
                }
                extractor = features.lossFeatures();
                extra.put("feature_classifier", classifier == null ? "shipped" : classifier.toString());
            }
            BicycleTrainer.InitWeights start = null;
            if (init != null) {
                start = PackWarmStart.bicycle(init, a, pairs.sizePx());
                extra.put("init", init.toString());
            }
            r = BicycleTrainer.train(config, pairs, extractor, out, steps, resume, resetOptimizers, start, extra,
                    common.progress(), stop);
        } finally {
            stop.finished(); // also on errors, or the hook would hold the JVM's exit
            if (features != null) {
                features.close();
            }
        }
        Float last = r.last() == null ? null : r.last().get("l1");
        spec.commandLine().getOut().println((r.stopped() ? "stopped" : "trained") + " bicycle to step " + r.endStep()
                + (last == null ? "" : String.format(" (L1 %.4f)", last))
                + (r.checkpoint() == null ? "" : "; checkpoint " + r.checkpoint()));
        return 0;
    }
}
