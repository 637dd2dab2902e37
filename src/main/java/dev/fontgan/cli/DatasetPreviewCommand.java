package dev.fontgan.cli;

import dev.fontgan.font.ShippedFiles;
import dev.fontgan.ocr.DatasetPreview;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "preview", mixinStandardHelpOptions = true,
        description = "A PNG sheet of random lines of a dataset with their labels and styles.")
final class DatasetPreviewCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "A finished dataset folder.")
    Path dir;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "OUT.png")
    Path out;

    @Option(names = "--lines", defaultValue = "40", description = "Lines to show (default ${DEFAULT-VALUE}).")
    int lines;

    @Option(names = "--columns", defaultValue = "2", description = "Columns (default ${DEFAULT-VALUE}).")
    int columns;

    @Option(names = "--seed", defaultValue = "1", description = "Which lines (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        if (lines < 1 || columns < 1) {
            throw new dev.fontgan.FontganException("--lines", "expected at least 1 line and 1 column");
        }
        DatasetPreview.write(dir, lines, columns, seed, java.util.List.of(
                ShippedFiles.resolve("fonts/dejavu/DejaVuSans.ttf"),
                ShippedFiles.resolve("fonts/droid-fallback/DroidSansFallbackFull.ttf")), out);
        spec.commandLine().getOut().println("wrote " + out);
        return 0;
    }
}
