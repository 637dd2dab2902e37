package dev.fontgan.cli;

import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.style.InferenceBenchmark;
import dev.fontgan.style.StylePack;
import dev.fontgan.zi2zi.Zi2ziArch;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "infer", mixinStandardHelpOptions = true,
        description = {"Time glyph generation of a style pack (batches of source glyph rasterization + one forward pass).",
                "Without --pack: the default pack; with --arch (or when this build has no default pack) an untrained "
                        + "pack of that architecture, to time it before training."})
final class BenchInferCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--pack", paramLabel = "PACK", description = "Style pack to time.") Path pack;
    @Option(names = "--arch", description = "Time an untrained pack of this architecture (default | slim | wide | reference).") String arch;
    @Option(names = "--styles", defaultValue = "14", description = "Styles of the stand-in pack.") int styles;
    @Option(names = "--size", defaultValue = "64", description = "Image size of the stand-in pack.") int size;
    @Option(names = "--batch", defaultValue = "64") int batch;
    @Option(names = "--batches", defaultValue = "8", description = "Batches per timed run.") int batches;
    @Option(names = "--warmup", defaultValue = "2") int warmup;
    @Option(names = "--runs", defaultValue = "5") int runs;
    @Option(names = "--json", description = "Print one JSON object.") boolean json;

    @Override
    public Integer call() {
        if (batch < 1 || batches < 1 || runs < 1 || warmup < 0 || styles < 1) {
            throw new FontganException("--batch/--batches/--runs/--warmup/--styles", "must be positive");
        }
        if (pack != null && arch != null) {
            throw new FontganException("--pack/--arch", "give one of them");
        }
        try (StylePack p = pack != null ? StylePack.load(pack)
                : arch == null && StylePack.hasDefault() ? StylePack.loadDefault()
                : InferenceBenchmark.randomPack(Zi2ziArch.parse(arch == null ? "default" : arch), styles, size, 1)) {
            Map<String, Object> r = InferenceBenchmark.run(p, batch, batches, warmup, runs);
            if (json) {
                spec.commandLine().getOut().println(Json.write(r));
            } else {
                spec.commandLine().getOut().printf("%s: %.0f glyphs/s end to end, %.0f glyphs/s forward only "
                        + "(batch %d, %d px, %s%s)%n", p.where(), (Double) r.get("glyphs_per_s"),
                        (Double) r.get("forward_glyphs_per_s"), batch, p.sizePx(), r.get("arch"),
                        Boolean.TRUE.equals(r.get("trained")) ? "" : ", untrained weights");
            }
        }
        return 0;
    }
}
