package dev.fontgan.cli;

import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.data.PairBatches;
import dev.fontgan.data.PairData;
import dev.fontgan.gan.StopSignal;
import dev.fontgan.style.PackWarmStart;
import dev.fontgan.zi2zi.Zi2ziArch;
import dev.fontgan.zi2zi.Zi2ziConfig;
import dev.fontgan.zi2zi.Zi2ziTrainer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "zi2zi", description = "Train zi2zi (one source font -> many target styles).")
final class TrainZi2ziCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--data", required = true, description = "Glyph dataset folder (fontgan glyphs build).")
    Path data;

    @Option(names = "--steps", required = true, description = "Total training iterations (1 D + 2 G steps each).")
    long steps;

    @Option(names = "--out", required = true, description = "Run folder, e.g. runs/NAME.")
    Path out;

    @Option(names = "--resume", description = "Continue from the newest checkpoint in --out.")
    boolean resume;

    @Option(names = "--arch", defaultValue = "default", description = "default | slim | wide | reference (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--init", paramLabel = "PACK", description = "Start the generator from a zi2zi pack of the same "
            + "styles and depth: wider levels start as exactly its function, narrower decoder levels keep its "
            + "strongest channels.")
    Path init;

    @Option(names = "--batch", defaultValue = "16", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    float lr;

    @Option(names = "--lr-halve-every", defaultValue = "4000", description = "Halve the rate every N steps, 0 = never.")
    long halveEvery;

    @Option(names = "--lr-floor", defaultValue = "2e-4", description = "Lowest learning rate (default: ${DEFAULT-VALUE}).")
    float lrFloor;

    @Option(names = "--tv", defaultValue = "1e-4", description = "Total-variation weight (default: ${DEFAULT-VALUE}).")
    float tv;

    @Option(names = "--dropout", defaultValue = "0.5", description = "Dropout rate of the generator's three inner "
            + "decoder levels in training, 0 = none (default: ${DEFAULT-VALUE}).")
    float dropout;

    @Option(names = "--shuffle-labels", description = "Add zi2zi's label-shuffling (no-target) branch.")
    boolean shuffleLabels;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for init, data order and dropout.")
    long seed;

    @Option(names = "--sample-every", defaultValue = "500") int sampleEvery;
    @Option(names = "--checkpoint-every", defaultValue = "500") int checkpointEvery;
    @Option(names = "--log-every", defaultValue = "10") int logEvery;

    @Override
    public Integer call() {
        if (steps < 1) {
            throw new FontganException("--steps", "must be at least 1");
        }
        if (batch < 1 || batch > 1024) {
            throw new FontganException("--batch", "must be between 1 and 1024");
        }
        if (!(lr > 0) || lr > 1) {
            throw new FontganException("--lr", "must be in (0, 1]");
        }
        if (!(dropout >= 0) || dropout >= 1) {
            throw new FontganException("--dropout", "must be in [0, 1)");
        }
        if (sampleEvery < 0 || checkpointEvery < 0 || logEvery < 1) {
            throw new FontganException("--sample-every/--checkpoint-every/--log-every", "must not be negative");
        }
        Zi2ziConfig config = Zi2ziConfig.defaults().withArch(Zi2ziArch.parse(arch)).withBatchSize(batch)
                .withLearningRate(lr, halveEvery, Math.min(lrFloor, lr)).withSeed(seed)
                .withSchedule(sampleEvery, checkpointEvery, logEvery).withLosses(tv, shuffleLabels).withDropout(dropout);
        PairBatches pairs = PairData.open(data, seed);
        StopSignal stop = new StopSignal().onShutdown(120);
        Zi2ziTrainer.Result r;
        try {
            Map<String, Object> extra = Json.obj("data", data.toString());
            if (init == null) {
                r = Zi2ziTrainer.train(config, pairs, out, steps, resume, extra, common.progress(), stop);
            } else {
                extra.put("init", init.toString());
                r = Zi2ziTrainer.train(() -> new Zi2ziTrainer(config, pairs, PackWarmStart.model(init, config.arch(),
                        pairs.styleNames(), pairs.sizePx(), seed), false), config, pairs, out, steps, resume, extra,
                        common.progress(), stop);
            }
        } finally {
            stop.finished(); // also on errors, or the hook would hold the JVM's exit
        }
        spec.commandLine().getOut().println((r.stopped() ? "stopped" : "trained") + " zi2zi to step " + r.endStep()
                + (r.last() == null ? "" : String.format(" (L1 %.4f)", r.last().l1()))
                + (r.checkpoint() == null ? "" : "; checkpoint " + r.checkpoint()));
        return 0;
    }
}
