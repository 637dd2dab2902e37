package dev.fontgan.cli;

import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.gan.GanBenchmark;
import dev.fontgan.gan.variants.Variants;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fontgan bench memory --variant NAME --steps N}: resident memory over many training iterations. */
@Command(name = "memory", description = "Resident memory (RSS) over many training iterations of a GAN variant on "
        + "synthetic data: it should stay flat.")
final class BenchMemoryCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Option(names = "--variant", required = true, description = "A variant from `fontgan gan list`.") String variant;
    @Option(names = "--steps", defaultValue = "10000", description = "Iterations (default ${DEFAULT-VALUE}).") long steps;
    @Option(names = "--every", defaultValue = "1000", description = "Log RSS every N iterations (default ${DEFAULT-VALUE}).")
    long every;
    @Option(names = "--batch", defaultValue = "16") int batch;
    @Option(names = "--size", defaultValue = "32") int size;
    @Option(names = "--width", defaultValue = "8", description = "Base channel count (default ${DEFAULT-VALUE}).") int width;
    @Option(names = "--json", description = "Print one JSON object.") boolean json;

    @Override
    public Integer call() {
        if (steps < 1 || every < 1 || batch < 1 || width < 1) {
            throw new FontganException("--steps/--every/--batch/--width", "must be positive");
        }
        Map<String, Object> r = GanBenchmark.memory(Variants.named(variant), size, batch, width, steps, every,
                json ? dev.fontgan.Progress.NONE : common.progress());
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(r));
        } else {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows = (List<Map<String, Object>>) r.get("rss_mb");
            for (Map<String, Object> row : rows) {
                out.printf("step %6d  RSS %7.1f MB  %8.1f s%n", ((Number) row.get("step")).longValue(),
                        (Double) row.get("rss_mb"), (Double) row.get("elapsed_s"));
            }
            out.printf("%s: start %.0f MB, middle %.0f MB, end %.0f MB%n", variant, (Double) r.get("start_rss_mb"),
                    (Double) r.get("middle_rss_mb"), (Double) r.get("end_rss_mb"));
        }
        out.flush();
        return 0;
    }
}
