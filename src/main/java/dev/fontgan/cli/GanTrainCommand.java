package dev.fontgan.cli;

import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.Progress;
import dev.fontgan.gan.GanData;
import dev.fontgan.gan.GanDataSpec;
import dev.fontgan.gan.GanTrainer;
import dev.fontgan.gan.RunDirectory;
import dev.fontgan.gan.StopSignal;
import dev.fontgan.gan.TrainingLoop;
import dev.fontgan.gan.Variant;
import dev.fontgan.gan.VariantConfig;
import dev.fontgan.gan.variants.Variants;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fontgan gan train --variant NAME --out RUN}. */
@Command(name = "train", description = "Train a GAN variant into a run folder (Ctrl-C saves a checkpoint).")
final class GanTrainCommand implements Callable<Integer> {
    @Option(names = "--variant", required = true, description = "Variant name from `fontgan gan list`.") String variant;
    @Option(names = "--steps", defaultValue = "3000", description = "Generator iterations in total (default ${DEFAULT-VALUE}; 0 saves the untrained model).") long steps;
    @Option(names = "--size", defaultValue = "32", description = "Glyph size in pixels (power of two).") int size;
    @Option(names = "--batch", defaultValue = "64") int batch;
    @Option(names = "--width", description = "Base channel count of the networks (default: the variant's, 16 for "
            + "infogan, else 32).") Integer width;
    @Option(names = "--seed", defaultValue = "1") long seed;
    @Option(names = "--ema", description = "Moving-average decay of G's weights that samples and eval use (0 = off,"
            + " e.g. 0.999; default: the variant's, 0.999 for infogan-font, else 0).") Float ema;
    @Option(names = "--out", required = true, description = "Run folder.") Path out;
    @Option(names = "--resume", description = "Continue the run in --out from its newest checkpoint.") boolean resume;
    @Option(names = "--fonts", defaultValue = "fonts", description = "Fonts folder for class glyphs.") String fonts;
    @Option(names = "--chars", description = "Characters: classes for class glyphs (default digits + Latin letters; digits for the conditional variants), pairs for paired glyphs (default ascii). --resume keeps the run's own.") String chars;
    @Option(names = "--source", defaultValue = GanDataSpec.DEFAULT_SOURCE, description = "Source font for paired glyphs.") String source;
    @Option(names = "--target", defaultValue = GanDataSpec.DEFAULT_TARGET, description = "Target font for paired glyphs.") String target;
    @Option(names = "--sample-every", defaultValue = "500") int sampleEvery;
    @Option(names = "--checkpoint-every", defaultValue = "500") int checkpointEvery;
    @Mixin CommonOptions common;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (steps < 0 || batch < 1 || (width != null && width < 1)) {
            throw new FontganException("--steps/--batch/--width", "must be positive (--steps 0 saves the untrained model)");
        }
        if (ema != null && !(ema >= 0f && ema < 1f)) {
            throw new FontganException("--ema", "the average's decay must be in [0, 1), got " + ema);
        }
        Variant v = Variants.named(variant);
        Map<String, Object> savedRun = resume ? savedRun() : null;
        VariantConfig saved = savedRun == null ? null : savedConfig(savedRun);
        Progress progress = common.progress();
        String c = chars != null ? chars : savedRun != null && savedRun.get("data") instanceof Map<?, ?> d
                && d.get("chars") instanceof String s ? s : v.defaultChars();
        int sizePx = saved != null ? saved.sizePx() : size;
        GanData data = new GanDataSpec(fonts, c, source, target, sizePx, seed).load(v, Progress.NONE);
        VariantConfig config = saved != null ? saved : VariantConfig.defaults(sizePx, data.classCount())
                .withStyleCount(data.styleCount()).withBatchSize(batch).withWidth(width != null ? width : v.defaultWidth()).withSeed(seed)
                .withAverageDecay(ema != null ? ema : v.averageDecay()).withSchedule(10, sampleEvery, checkpointEvery);
        StopSignal stop = new StopSignal().onShutdown(60);
        TrainingLoop.Result r = GanTrainer.train(v, config, data, out, steps, resume, progress, stop);
        var err = spec.commandLine().getErr();
        if (!common.quiet) {
            err.println((r.stopped() ? "stopped" : "done") + " at step " + r.endStep() + "; checkpoint "
                    + r.checkpoint() + (r.last() == null ? "" : "; last losses " + Json.write(r.last())));
            err.flush();
        }
        return 0;
    }

    /** The config.json of the run to resume, or null when there is none yet. */
    private Map<String, Object> savedRun() {
        RunDirectory run = new RunDirectory(out, 1);
        return run.exists() ? run.readConfig() : null;
    }

    private VariantConfig savedConfig(Map<String, Object> saved) {
        RunDirectory run = new RunDirectory(out, 1);
        Object c = saved.get("config");
        if (!(c instanceof Map<?, ?>)) {
            throw new FontganException(run.configFile(), "run config has no \"config\" object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) c;
        return VariantConfig.fromJson(m);
    }
}
