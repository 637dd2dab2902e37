package dev.fontgan.eval;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.Progress;
import dev.fontgan.TorchRuntime;
import dev.fontgan.data.GlyphAugmenter;
import dev.fontgan.glyph.Normalization;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Trains a {@link GlyphClassifier} on real renders: every (font, character) pair of the given
 * fonts and charset except the held-out ones, freshly distorted by {@link GlyphAugmenter} each
 * time it is drawn, with the sum of the content and style cross-entropies (on logits), Adam and
 * a cosine learning-rate decay. Fonts with few characters (Latin fonts next to CJK ones) are
 * drawn repeatedly so that every style gets at least {@code minSamplesPerStyle} draws an epoch.
 */
public final class ClassifierTrainer {
    /** Training settings; {@link #defaults()} gives the ones the shipped classifier used. */
    public record Config(int sizePx, Normalization normalization, ClassifierArch arch, int epochs, int batchSize,
            float learningRate, long seed, double heldOutFraction, int minSamplesPerStyle, double cleanShare) {
        public Config {
            if (epochs < 1 || batchSize < 2) {
                throw new FontganException("--epochs", "need at least 1 epoch and a batch of 2, got " + epochs
                        + " / " + batchSize);
            }
            if (!(cleanShare >= 0 && cleanShare <= 1)) {
                throw new FontganException("--clean", "share of undistorted draws must be in [0, 1], got " + cleanShare);
            }
        }

        public static Config defaults() {
            return new Config(64, Normalization.INK, ClassifierArch.DEFAULT, 3, 64, 2e-3f, 1, 0.05, 400, 0);
        }

        public Config withSize(int px) {
            return new Config(px, normalization, arch, epochs, batchSize, learningRate, seed, heldOutFraction,
                    minSamplesPerStyle, cleanShare);
        }

        public Config withEpochs(int n) {
            return new Config(sizePx, normalization, arch, n, batchSize, learningRate, seed, heldOutFraction,
                    minSamplesPerStyle, cleanShare);
        }

        public Config withSeed(long s) {
            return new Config(sizePx, normalization, arch, epochs, batchSize, learningRate, s, heldOutFraction,
                    minSamplesPerStyle, cleanShare);
        }

        public Config withArch(ClassifierArch a) {
            return new Config(sizePx, normalization, a, epochs, batchSize, learningRate, seed, heldOutFraction,
                    minSamplesPerStyle, cleanShare);
        }

        public Config withBatchSize(int b) {
            return new Config(sizePx, normalization, arch, epochs, b, learningRate, seed, heldOutFraction,
                    minSamplesPerStyle, cleanShare);
        }

        public Config withLearningRate(float lr) {
            return new Config(sizePx, normalization, arch, epochs, batchSize, lr, seed, heldOutFraction,
                    minSamplesPerStyle, cleanShare);
        }

        public Config withHeldOutFraction(double f) {
            return new Config(sizePx, normalization, arch, epochs, batchSize, learningRate, seed, f,
                    minSamplesPerStyle, cleanShare);
        }

        public Config withMinSamplesPerStyle(int n) {
            return new Config(sizePx, normalization, arch, epochs, batchSize, learningRate, seed, heldOutFraction, n,
                    cleanShare);
        }

        /** Share of draws shown undistorted, as the fonts' own glyphs are read at evaluation. */
        public Config withCleanShare(double share) {
            return new Config(sizePx, normalization, arch, epochs, batchSize, learningRate, seed, heldOutFraction,
                    minSamplesPerStyle, share);
        }
    }

    /** What training produced: the classifier (caller closes it) and its accuracy on the last epoch's batches. */
    public record Result(GlyphClassifier classifier, int steps, int trainPairs, int heldOutPairs, double seconds,
            double lastEpochContentAcc, double lastEpochStyleAcc) {}

    private ClassifierTrainer() {}

    /** Renders the fonts' glyphs of {@code codePoints} and trains a fresh classifier on them. */
    public static Result train(List<StyleFont> fonts, int[] codePoints, Config config, Progress progress) {
        return train(fonts, codePoints, config, null, progress);
    }

    /**
     * Renders the fonts' glyphs and trains on them, starting from {@code warmStart}'s weights when
     * it is not null. A warm start must have the same characters, fonts, image size, normalization
     * and architecture, and keeps its own held-out pairs (so they stay unseen); the result's
     * classifier is then {@code warmStart} itself, trained further.
     */
    public static Result train(List<StyleFont> fonts, int[] codePoints, Config config, GlyphClassifier warmStart,
            Progress progress) {
        List<String> names = fonts.stream().map(StyleFont::name).toList();
        HeldOutPairs split = new HeldOutPairs(config.seed(), config.heldOutFraction());
        if (warmStart != null) {
            checkWarmStart(warmStart, names, codePoints, config);
            split = warmStart.heldOut();
        }
        LabelledGlyphs data = LabelledGlyphs.render(fonts, codePoints, config.sizePx(), config.normalization(),
                split, progress);
        return train(data, names, codePoints, split, config, warmStart, progress);
    }

    private static void checkWarmStart(GlyphClassifier init, List<String> names, int[] codePoints, Config config) {
        String problem = null;
        if (init.sizePx() != config.sizePx()) {
            problem = "is " + init.sizePx() + " px, training asks for " + config.sizePx();
        } else if (init.normalization() != config.normalization()) {
            problem = "uses " + init.normalization().id() + " normalization, training " + config.normalization().id();
        } else if (!init.arch().equals(config.arch())) {
            problem = "has architecture " + init.arch().toJson() + ", training asks for " + config.arch().toJson();
        } else if (!Arrays.equals(init.codePoints(), codePoints)) {
            problem = "knows " + init.codePoints().length + " characters, --chars gives " + codePoints.length
                    + " (they must be the same, in the same order)";
        } else if (!init.styleNames().equals(names)) {
            problem = "has styles " + init.styleNames() + ", the fonts are " + names;
        }
        if (problem != null) {
            throw new FontganException("--init", "the starting classifier " + problem);
        }
    }

    static Result train(LabelledGlyphs data, List<String> styleNames, int[] codePoints, HeldOutPairs split,
            Config config, Progress progress) {
        return train(data, styleNames, codePoints, split, config, null, progress);
    }

    private static Result train(LabelledGlyphs data, List<String> styleNames, int[] codePoints, HeldOutPairs split,
            Config config, GlyphClassifier warmStart, Progress progress) {
        TorchRuntime.configure();
        long started = System.nanoTime();
        int[] pairs = trainingPairs(data);
        Random random = new Random(config.seed());
        int[][] perStyle = byStyle(data, pairs, styleNames.size());
        int epochSize = epochOrder(perStyle, config.minSamplesPerStyle(), random).length;
        if (epochSize < config.batchSize()) {
            throw new FontganException("--chars", "only " + pairs.length + " training glyphs for a batch of "
                    + config.batchSize());
        }
        int stepsPerEpoch = epochSize / config.batchSize();
        int totalSteps = stepsPerEpoch * config.epochs();

        Engine.getInstance().setRandomSeed((int) config.seed());
        Map<String, Object> previousTraining = warmStart == null ? null : warmStart.training();
        // Trainer.initialize keeps parameters that already hold values, so a warm start keeps its weights
        GlyphClassifier classifier = warmStart != null ? warmStart : GlyphClassifier.create(config.arch(),
                config.sizePx(), config.normalization(), codePoints, styleNames, split);
        Loss crossEntropy = Loss.softmaxCrossEntropyLoss();
        Tracker lr = Tracker.cosine().setBaseValue(config.learningRate())
                .optFinalValue(config.learningRate() * 0.02f).setMaxUpdates(Math.max(1, totalSteps)).build();
        DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(crossEntropy)
                .optOptimizer(Optimizer.adam().optLearningRateTracker(lr).build())
                .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        int size = config.sizePx();
        int b = config.batchSize();
        GlyphAugmenter augmenter = new GlyphAugmenter(size);
        long[] contentLabels = new long[b];
        long[] styleLabels = new long[b];
        int step = 0;
        long correctContent = 0;
        long correctStyle = 0;
        long seen = 0;
        try (Trainer trainer = classifier.model().newTrainer(trainingConfig)) {
            trainer.initialize(new Shape(b, 1, size, size));
            progress.start("train classifier", totalSteps);
            for (int epoch = 0; epoch < config.epochs(); epoch++) {
                int[] order = epochOrder(perStyle, config.minSamplesPerStyle(), random);
                correctContent = 0;
                correctStyle = 0;
                seen = 0;
                double lossSum = 0;
                int lossCount = 0;
                for (int s = 0; s < stepsPerEpoch; s++) {
                    int[] samples = Arrays.copyOfRange(order, s * b, s * b + b);
                    for (int i = 0; i < b; i++) {
                        contentLabels[i] = data.content[samples[i]];
                        styleLabels[i] = data.style[samples[i]];
                    }
                    try (NDManager sub = classifier.model().getNDManager().newSubManager()) {
                        NDArray x = config.cleanShare() > 0
                                ? partlyCleanBatch(sub, augmenter, data.pixels, samples, config.cleanShare(), size,
                                        random)
                                : augmenter.augmentedBatch(sub, data.pixels, samples, random);
                        NDArray yc = sub.create(contentLabels);
                        NDArray ys = sub.create(styleLabels);
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDList out = trainer.forward(new NDList(x));
                            NDArray loss = crossEntropy.evaluate(new NDList(yc), new NDList(out.get(0)))
                                    .add(crossEntropy.evaluate(new NDList(ys), new NDList(out.get(1))));
                            collector.backward(loss);
                            lossSum += loss.getFloat();
                            lossCount++;
                            correctContent += out.get(0).argMax(1).eq(yc).sum().getLong();
                            correctStyle += out.get(1).argMax(1).eq(ys).sum().getLong();
                            seen += b;
                        }
                        trainer.step();
                    }
                    step++;
                    progress.advance(1);
                    if (step % 20 == 0) {
                        progress.status(String.format(Locale.ROOT, "ep %d loss %.3f content %.2f style %.2f",
                                epoch + 1, lossSum / lossCount, (double) correctContent / seen,
                                (double) correctStyle / seen));
                    }
                }
            }
            progress.close();
        } catch (RuntimeException e) {
            if (warmStart == null) {
                classifier.close();
            }
            throw e;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double contentAcc = seen == 0 ? Double.NaN : (double) correctContent / seen;
        double styleAcc = seen == 0 ? Double.NaN : (double) correctStyle / seen;
        Map<String, Object> facts = Json.obj("epochs", config.epochs(), "steps", step, "batch_size", b,
                "learning_rate", Double.parseDouble(Float.toString(config.learningRate())), "seed", config.seed(),
                "train_pairs", pairs.length, "held_out_pairs", data.heldOutCount(),
                "min_samples_per_style", config.minSamplesPerStyle(), "clean_share", config.cleanShare(),
                "seconds", Math.rint(seconds * 10) / 10,
                "last_epoch_content_acc", contentAcc, "last_epoch_style_acc", styleAcc);
        if (previousTraining != null) {
            facts.put("warm_start", previousTraining); // the run this one continued, with its own history
        }
        classifier.setTraining(facts);
        return new Result(classifier, step, pairs.length, data.heldOutCount(), seconds, contentAcc, styleAcc);
    }

    /** A batch where each draw is, with probability {@code cleanShare}, the glyph as rendered, else distorted. */
    private static NDArray partlyCleanBatch(NDManager manager, GlyphAugmenter augmenter, byte[] pixels, int[] samples,
            double cleanShare, int size, Random random) {
        int area = size * size;
        float[] batch = new float[samples.length * area];
        for (int i = 0; i < samples.length; i++) {
            if (random.nextDouble() < cleanShare) {
                augmenter.copy(pixels, samples[i] * area, batch, i * area);
            } else {
                augmenter.augment(pixels, samples[i] * area, batch, i * area, random);
            }
        }
        for (int i = 0; i < batch.length; i++) {
            batch[i] = batch[i] * 2f - 1f; // ink [0, 1] -> [-1, 1], as GlyphTensors
        }
        return manager.create(batch, new Shape(samples.length, 1, size, size));
    }

    private static int[] trainingPairs(LabelledGlyphs data) {
        int[] out = new int[data.count - data.heldOutCount()];
        int k = 0;
        for (int i = 0; i < data.count; i++) {
            if (!data.heldOut[i]) {
                out[k++] = i;
            }
        }
        return out;
    }

    private static int[][] byStyle(LabelledGlyphs data, int[] pairs, int styles) {
        List<List<Integer>> lists = new ArrayList<>();
        for (int s = 0; s < styles; s++) {
            lists.add(new ArrayList<>());
        }
        for (int p : pairs) {
            lists.get(data.style[p]).add(p);
        }
        int[][] out = new int[styles][];
        for (int s = 0; s < styles; s++) {
            out[s] = lists.get(s).stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    /** One epoch's draw order: every pair once, small styles topped up by repetition, shuffled. */
    static int[] epochOrder(int[][] perStyle, int minPerStyle, Random random) {
        int total = 0;
        for (int[] s : perStyle) {
            total += s.length == 0 ? 0 : Math.max(s.length, minPerStyle);
        }
        int[] order = new int[total];
        int k = 0;
        for (int[] s : perStyle) {
            if (s.length == 0) {
                continue;
            }
            int n = Math.max(s.length, minPerStyle);
            for (int i = 0; i < n; i++) {
                order[k++] = s[i % s.length];
            }
        }
        for (int i = total - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
