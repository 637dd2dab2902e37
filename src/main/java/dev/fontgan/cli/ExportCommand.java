package dev.fontgan.cli;

import dev.fontgan.FontganException;
import dev.fontgan.style.PackExport;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Package a training run's newest generator as a style pack (.fgstyle).")
final class ExportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "RUN", description = "Run folder of `fontgan train zi2zi`.")
    Path run;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "NAME.fgstyle", description = "Pack to write.")
    Path out;

    @Option(names = "--data", paramLabel = "DATA", description = "The run's glyph dataset, if it has moved since training.")
    Path data;

    @Option(names = "--metrics", paramLabel = "EVAL.json",
            description = "Output of `fontgan eval --json` to record in the manifest (default: RUN/eval.json if present).")
    Path metrics;

    @Override
    public Integer call() {
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".fgstyle")) {
            throw new FontganException(out, "style packs are named NAME.fgstyle");
        }
        PackExport.Result r = PackExport.export(run, out, data, metrics);
        spec.commandLine().getOut().printf("wrote %s (step %d, %d styles, %.1f MB)%n", r.pack(), r.step(), r.styles(),
                r.bytes() / 1048576.0);
        return 0;
    }
}
