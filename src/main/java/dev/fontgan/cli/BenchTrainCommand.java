package dev.fontgan.cli;

import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.zi2zi.Zi2ziArch;
import dev.fontgan.zi2zi.Zi2ziBenchmark;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "train", description = "Time zi2zi training iterations on synthetic data.")
final class BenchTrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--arch", defaultValue = "default", description = "default | reference") String arch;
    @Option(names = "--batch", defaultValue = "16") int batch;
    @Option(names = "--size", defaultValue = "64") int size;
    @Option(names = "--styles", defaultValue = "40") int styles;
    @Option(names = "--warmup", defaultValue = "3") int warmup;
    @Option(names = "--iters", defaultValue = "10") int iters;
    @Option(names = "--json", description = "Print one JSON object.") boolean json;

    @Override
    public Integer call() {
        if (iters < 1 || warmup < 0 || batch < 1) {
            throw new FontganException("--iters/--warmup/--batch", "must be positive");
        }
        Map<String, Object> r = Zi2ziBenchmark.run(Zi2ziArch.parse(arch), batch, size, styles, warmup, iters);
        if (json) {
            spec.commandLine().getOut().println(Json.write(r));
        } else {
            spec.commandLine().getOut().printf("%s: %.1f images/s (%.0f ms per iteration of batch %d, %s parameters)%n",
                    arch, (Double) r.get("images_per_s"), (Double) r.get("ms_per_step"), batch, r.get("params"));
        }
        return 0;
    }
}
