package dev.fontgan.cli;

import dev.fontgan.Json;
import dev.fontgan.ocr.DatasetBenchmark;
import dev.fontgan.ocr.LabelFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fontgan bench dataset}: OCR dataset lines per second (see {@link DatasetBenchmark}). */
@Command(name = "dataset", description = "OCR dataset speed: 32 px lines, Latin 4-10 words and Chinese 10 characters, "
        + "skew + blur + noise + distortion, plain fonts, written to a temporary folder (removed afterwards).")
final class BenchDatasetCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin CommonOptions common;

    @Option(names = "--count", defaultValue = "4000", description = "Timed lines (default ${DEFAULT-VALUE}).")
    long count;

    @Option(names = "--workers", defaultValue = "2", description = "Threads (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--height", defaultValue = "32", description = "Line height in px (default ${DEFAULT-VALUE}).")
    int heightPx;

    @Option(names = "--styles", defaultValue = "fonts:all",
            description = "Styles, as for dataset (default ${DEFAULT-VALUE}; e.g. default:all for the shipped pack, glyphs cached).")
    String styles;

    @Option(names = "--format", defaultValue = LabelFormat.DEFAULT_SPEC, paramLabel = "paddleocr|tesstrain|jsonl|lmdb|mmocr|all",
            description = "Label formats, as for dataset (default ${DEFAULT-VALUE}; tesstrain adds a .gt.txt file per line, lmdb a second copy of each image).")
    String format;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Write in a new temporary folder inside DIR, to time that disk (default: the system's temporary folder).")
    Path dir;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        DatasetBenchmark.Result r;
        try (var progress = common.progress()) {
            r = DatasetBenchmark.run(count, workers, heightPx, styles, LabelFormat.parse(format), dir, progress);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(r.toJson()));
        } else {
            out.printf(Locale.ROOT, "%d lines of %d px, %d workers: %.0f lines/s (%.1f s; %.0f lines per CPU second, "
                    + "%.1f of %.1f CPU s in the kernel), %s written to %s (%s), peak RSS %.0f MB, load %.1f -> %.1f on %d cores%n",
                    r.count(), r.heightPx(), r.workers(), r.linesPerS(), r.seconds(), r.count() / r.cpuSeconds(),
                    r.kernelCpuSeconds(), r.cpuSeconds(), r.formats(), r.dir(), r.fileSystem(), r.peakRssMb(), r.loadBefore(),
                    r.loadAfter(), r.cores());
        }
        return 0;
    }
}
