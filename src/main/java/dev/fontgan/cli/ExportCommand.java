package dev.fontgan.cli;

import dev.fontgan.AtomicFile;
import dev.fontgan.FontganException;
import dev.fontgan.data.GlyphDataset;
import dev.fontgan.style.PackExport;
import dev.fontgan.style.StylePack;
import java.io.IOException;
import java.nio.file.Files;
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

    @Parameters(paramLabel = "RUN", arity = "0..1", description = "Run folder of `fontgan train zi2zi` or `train bicycle`.")
    Path run;

    @Option(names = "--repack", paramLabel = "PACK.fgstyle",
            description = "Instead of a run: rewrite a bicycle pack made by an older export, re-estimating its "
                    + "generator's batch-norm statistics from --data (the data it was trained on).")
    Path repack;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "NAME.fgstyle", description = "Pack to write.")
    Path out;

    @Option(names = "--data", paramLabel = "DATA", description = "The run's glyph dataset, if it has moved since training.")
    Path data;

    @Option(names = "--metrics", paramLabel = "EVAL.json",
            description = "Output of `fontgan eval --json` to record in the manifest (default: RUN/eval.json if present).")
    Path metrics;

    @Option(names = "--z-scale", paramLabel = "S",
            description = "Bicycle runs: the pack's default spread of random styles, z ~ N(0, S^2) (default 1, the "
                    + "training prior; below 1 trades variety for readable characters).")
    Double zScale;

    @Override
    public Integer call() {
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".fgstyle")) {
            throw new FontganException(out, "style packs are named NAME.fgstyle");
        }
        if ((run == null) == (repack == null)) {
            throw new FontganException("export", "give a RUN folder or --repack PACK.fgstyle (one of them)");
        }
        if (repack != null) {
            if (data == null) {
                throw new FontganException("--repack", "needs --data DATA, the glyph dataset the pack was trained on");
            }
            byte[] pack = PackExport.recalibratedPack(readPack(repack), GlyphDataset.open(data), repack.toString());
            if (zScale != null) {
                pack = StylePack.withDefaultZScale(pack, zScale, repack.toString());
            }
            AtomicFile.write(out, pack);
            spec.commandLine().getOut().printf("wrote %s (%s re-estimated, %.1f MB)%n", out, repack,
                    pack.length / 1048576.0);
            return 0;
        }
        if (zScale == null) {
            PackExport.Result r = PackExport.export(run, out, data, metrics);
            spec.commandLine().getOut().printf("wrote %s (step %d, %d styles, %.1f MB)%n", r.pack(), r.step(),
                    r.styles(), r.bytes() / 1048576.0);
            return 0;
        }
        // the scale is set on a side copy, so a refused scale (say, for a zi2zi run) leaves no pack behind
        Path side = out.resolveSibling(out.getFileName() + ".partial");
        try {
            PackExport.Result r = PackExport.export(run, side, data, metrics);
            byte[] pack = StylePack.withDefaultZScale(readPack(side), zScale, run.toString());
            AtomicFile.write(out, pack);
            spec.commandLine().getOut().printf("wrote %s (step %d, %d styles, z scale %s, %.1f MB)%n", out, r.step(),
                    r.styles(), zScale, pack.length / 1048576.0);
            return 0;
        } finally {
            try {
                Files.deleteIfExists(side);
            } catch (IOException e) {
                spec.commandLine().getErr().println("warning: could not remove " + side + ": " + e.getMessage());
            }
        }
    }

    private static byte[] readPack(Path pack) {
        try {
            return Files.readAllBytes(pack);
        } catch (IOException e) {
            throw new FontganException(pack, "cannot read: " + AtomicFile.describe(e), e);
        }
    }
}
