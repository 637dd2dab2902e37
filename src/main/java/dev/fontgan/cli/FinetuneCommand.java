package dev.fontgan.cli;

import dev.fontgan.Json;
import dev.fontgan.gan.StopSignal;
import dev.fontgan.style.FineTune;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "finetune", mixinStandardHelpOptions = true,
        description = {"Fine-tune a trained zi2zi model (run folder or style pack) into a new run folder.",
            "--styles a,b: continue training those styles (encoder frozen) on --data DATA.",
            "--font NEW.ttf / --samples DIR: learn a new style from K glyphs of a font or from pictures of "
                    + "handwriting named by their character (永.png, U+6C38.png).",
            "`fontgan export OUT -o NAME.fgstyle` packages the result."})
final class FinetuneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--from", required = true, paramLabel = "RUN|PACK", description = "The trained model.")
    Path from;

    @Option(names = "--styles", split = ",", paramLabel = "NAME", description = "Styles of the model to continue training.")
    List<String> styles;

    @Option(names = "--data", paramLabel = "DATA", description = "Glyph dataset holding the --styles by name.")
    Path data;

    @Option(names = "--font", paramLabel = "FONT", description = "A new font to learn as a new style.")
    String font;

    @Option(names = "--samples", paramLabel = "DIR", description = "A folder of character pictures to learn as a new style.")
    Path samples;

    @Option(names = "--max-chars", defaultValue = "100", paramLabel = "K",
            description = "Training glyphs of the new style (default: ${DEFAULT-VALUE}).")
    int maxChars;

    @Option(names = "--name", description = "Name of the new style (default: the font's short name or the folder's name).")
    String name;

    @Option(names = "--steps", required = true, description = "Total iterations (1 D + 2 G steps each).")
    long steps;

    @Option(names = "--out", required = true, paramLabel = "RUN", description = "Run folder to write.")
    Path out;

    @Option(names = "--resume", description = "Continue from the newest checkpoint in --out.")
    boolean resume;

    @Option(names = "--unfreeze-encoder", description = "Train the encoder too (new style only; frozen by default).")
    boolean unfreezeEncoder;

    @Option(names = "--init", defaultValue = "nearest",
            description = "New style slot starts as the nearest existing style (L1 probe) or the mean (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--batch", defaultValue = "16", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "5e-4", description = "Adam learning rate, constant (default: ${DEFAULT-VALUE}).")
    float lr;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for character choice, data order and dropout.")
    long seed;

    @Option(names = "--sample-every", defaultValue = "200") int sampleEvery;
    @Option(names = "--checkpoint-every", defaultValue = "200") int checkpointEvery;
    @Option(names = "--log-every", defaultValue = "10") int logEvery;

    @Option(names = "--decoder-levels", defaultValue = "-1", paramLabel = "N",
            description = "Train only the outermost N decoder levels (0: only the new style's embedding; default: all).")
    int decoderLevels;

    @Option(names = "--dropout", defaultValue = "0.5", paramLabel = "P",
            description = "Decoder dropout rate in training (default ${DEFAULT-VALUE}).")
    float dropout;

    @Option(names = "--val-chars", defaultValue = "0", paramLabel = "V",
            description = "New style: keep V of the K glyphs out of training to validate; the best validated weights end the run.")
    int valChars;

    @Option(names = "--val-every", defaultValue = "50", paramLabel = "N",
            description = "Iterations between validations (default ${DEFAULT-VALUE}).")
    int valEvery;

    @Option(names = "--patience", defaultValue = "0", paramLabel = "P",
            description = "Stop after P validations without a gain (default: never).")
    int patience;

    @Option(names = "--replay", paramLabel = "DATA",
            description = "New style: also train on pairs of the model's own styles from this glyph dataset (rehearsal).")
    java.nio.file.Path replay;

    @Option(names = "--replay-pairs", defaultValue = "1600", paramLabel = "N",
            description = "Replayed pairs with --replay; the new glyphs are repeated to be about half (default ${DEFAULT-VALUE}).")
    int replayPairs;

    @Option(names = "--shift", defaultValue = "0", paramLabel = "PX",
            description = "Move each training pair (source and target together) by up to PX pixels each way (augmentation).")
    int shift;

    @Option(names = "--json", description = "Print the before/after report as one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        if (batch < 1 || batch > 1024) {
            throw new dev.fontgan.FontganException("--batch", "must be between 1 and 1024");
        }
        if (!(lr > 0) || lr > 1) {
            throw new dev.fontgan.FontganException("--lr", "must be in (0, 1]");
        }
        if (sampleEvery < 0 || checkpointEvery < 0 || logEvery < 1) {
            throw new dev.fontgan.FontganException("--sample-every/--checkpoint-every/--log-every", "must not be negative");
        }
        List<String> names = styles == null ? null
                : styles.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        FineTune.Request request = new FineTune.Request(from, names, data, font, samples, maxChars, name, steps, out,
                resume, unfreezeEncoder, FineTune.Init.parse(init), batch, lr, seed, sampleEvery, checkpointEvery,
                logEvery, new FineTune.Regime(decoderLevels, dropout, valChars, valEvery, patience,
                        replay, replayPairs, shift));
        StopSignal stop = new StopSignal().onShutdown(120);
        FineTune.Result r;
        try {
            r = FineTune.run(request, json ? dev.fontgan.Progress.NONE : common.progress(), stop);
        } finally {
            stop.finished();
        }
        if (json) {
            spec.commandLine().getOut().println(Json.write(r.report()));
            return 0;
        }
        spec.commandLine().getOut().println((r.stopped() ? "stopped" : "fine-tuned") + " " + String.join(", ",
                r.tunedStyles()) + " to step " + r.endStep() + heldOut(r.report()) + "; export with: fontgan export "
                + out + " -o NAME.fgstyle");
        return 0;
    }

    @SuppressWarnings("unchecked")
    private static String heldOut(Map<String, Object> report) {
        String s = "";
        for (String when : Arrays.asList("before", "after")) {
            if (report.get(when) instanceof Map<?, ?> m && m.get("held_out") instanceof Map<?, ?> h
                    && h.get("ssim") instanceof Number ssim && h.get("l1") instanceof Number l1) {
                s += String.format("; held-out %s: L1 %.4f SSIM %.3f", when, l1.doubleValue(), ssim.doubleValue());
            }
        }
        return s;
    }
}
