package dev.fontgan.cli;

import dev.fontgan.Json;
import dev.fontgan.Progress;
import dev.fontgan.eval.ClassifierArch;
import dev.fontgan.eval.ClassifierTrainer;
import dev.fontgan.eval.GlyphClassifier;
import dev.fontgan.eval.StyleFont;
import dev.fontgan.font.Charsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", description = "Train a glyph classifier on renders of fonts (one style class per font).")
final class ClassifierTrainCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    ClassifierFonts fonts;

    @Option(names = "--chars", required = true, paramLabel = "SPEC",
            description = "Content classes: a charset name, a file or a literal string.")
    String chars;

    @Option(names = "--size", defaultValue = "64", description = "Image side in px, a multiple of 16 (default ${DEFAULT-VALUE}).")
    int sizePx;

    @Option(names = "--epochs", defaultValue = "3", description = "Passes over the glyphs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of init, data order, augmentation and the held-out pairs.")
    long seed;

    @Option(names = "--width", defaultValue = "16", description = "Channels of the first stage (default ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--embed", defaultValue = "192", description = "Feature (embedding) width (default ${DEFAULT-VALUE}).")
    int embedDim;

    @Option(names = "--batch", defaultValue = "64", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.002", description = "Adam learning rate, cosine-decayed (default ${DEFAULT-VALUE}).")
    float learningRate;

    @Option(names = "--held-out", defaultValue = "0.05",
            description = "Share of (font, character) pairs kept out of training for evaluation (default ${DEFAULT-VALUE}).")
    double heldOut;

    @Option(names = "--min-per-style", defaultValue = "400",
            description = "Draws per epoch at least this many glyphs of each font (default ${DEFAULT-VALUE}).")
    int minPerStyle;

    @Option(names = "--clean", defaultValue = "0",
            description = "Share of draws shown undistorted, as the fonts' own glyphs are read (default ${DEFAULT-VALUE}).")
    double cleanShare;

    @Option(names = "--init", paramLabel = "FILE",
            description = "Start from this classifier's weights (same characters, fonts, size and architecture); "
                    + "its held-out pairs stay held out, --held-out is then ignored.")
    Path init;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE|DIR",
            description = "Classifier file to write (a folder gets glyph-classifier.zip).")
    Path out;

    @Option(names = "--json", description = "Print a JSON summary on stdout.")
    boolean json;

    @Mixin
    CommonOptions common;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<StyleFont> styleFonts = fonts.resolve();
        int[] codePoints = Charsets.resolve(chars);
        ClassifierArch arch;
        try {
            arch = new ClassifierArch(width, embedDim);
        } catch (IllegalArgumentException e) {
            throw new dev.fontgan.FontganException("--width/--embed", e.getMessage());
        }
        ClassifierTrainer.Config config = ClassifierTrainer.Config.defaults().withSize(sizePx).withEpochs(epochs)
                .withSeed(seed).withArch(arch).withBatchSize(batchSize).withLearningRate(learningRate)
                .withHeldOutFraction(heldOut).withMinSamplesPerStyle(minPerStyle).withCleanShare(cleanShare);
        Path file = Files.isDirectory(out) || out.toString().endsWith("/") ? out.resolve("glyph-classifier.zip") : out;
        GlyphClassifier start = init == null ? null : GlyphClassifier.load(init);
        ClassifierTrainer.Result r;
        try (Progress progress = common.progress()) {
            r = ClassifierTrainer.train(styleFonts, codePoints, config, start, progress);
        } catch (RuntimeException e) {
            if (start != null) {
                start.close();
            }
            throw e;
        }
        try (GlyphClassifier classifier = r.classifier()) {
            classifier.save(file);
            long bytes = file.toFile().length();
            if (json) {
                spec.commandLine().getOut().println(Json.write(Json.obj("model", file.toString(), "bytes", bytes,
                        "content_classes", codePoints.length, "styles", styleFonts.size(), "steps", r.steps(),
                        "train_pairs", r.trainPairs(), "held_out_pairs", r.heldOutPairs(), "seconds", r.seconds(),
                        "last_epoch_content_acc", r.lastEpochContentAcc(),
                        "last_epoch_style_acc", r.lastEpochStyleAcc())));
            } else {
                spec.commandLine().getOut().printf(Locale.ROOT,
                        "wrote %s (%d characters, %d styles, %.1f MB) after %d steps in %.0f s; "
                                + "last epoch: content %.3f, style %.3f (augmented training glyphs)%n",
                        file, codePoints.length, styleFonts.size(), bytes / 1e6, r.steps(), r.seconds(),
                        r.lastEpochContentAcc(), r.lastEpochStyleAcc());
            }
        }
        return 0;
    }
}
