package dev.fontgan.cli;

import dev.fontgan.AtomicFile;
import dev.fontgan.Progress;
import dev.fontgan.gan.GanRun;
import dev.fontgan.gan.variants.Variants;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fontgan gan sample RUN -o grid.png}. */
@Command(name = "sample", description = "Write a sample grid of a trained run: 5x5, one row per class, or input|output|target rows.")
final class GanSampleCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "Run folder.") Path run;
    @Option(names = "--class", defaultValue = "-1", description = "Only this class (or code value): a 5x5 grid.") int classId;
    @Option(names = "--seed", defaultValue = "20240", description = "Seed of the noise.") int seed;
    @Option(names = {"-o", "--out"}, required = true, description = "PNG file to write.") Path out;

    @Override
    public Integer call() {
        try (GanRun r = GanRun.open(run, Variants::named, Progress.NONE)) {
            BufferedImage grid = r.grid(classId, seed);
            AtomicFile.write(out, o -> {
                if (!ImageIO.write(grid, "png", o)) {
                    throw new IOException("no PNG writer");
                }
            });
        }
        return 0;
    }
}
