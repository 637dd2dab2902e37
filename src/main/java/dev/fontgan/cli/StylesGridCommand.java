package dev.fontgan.cli;

import dev.fontgan.FontganException;
import dev.fontgan.font.Charsets;
import dev.fontgan.glyph.GlyphGrid;
import dev.fontgan.style.StyleGrid;
import dev.fontgan.style.StylePack;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "grid", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Draw many styles of a pack in one picture: rows are characters, columns are styles.",
                "For a bicycle pack the columns are random styles of the seeds S, S+1, ... (column sN writes as "
                        + "`render --z random --seed N`); --named adds the pack's named styles."})
final class StylesGridCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--pack", paramLabel = "PACK", description = "A style pack (default: the shipped one).")
    Path pack;

    @Option(names = "--chars", defaultValue = "永字八法ABCabc", paramLabel = "SPEC",
            description = "Characters, one per row: a charset name, a file or a literal string (default ${DEFAULT-VALUE}).")
    String chars;

    @Option(names = "--count", defaultValue = "8", paramLabel = "N", description = "Random styles, one per column (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the first random style (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--z-scale", paramLabel = "S",
            description = "Random styles drawn as z ~ N(0, S^2) (default: the pack's sampling.z_scale).")
    Double zScale;

    @Option(names = "--named", description = "Add one column per named style of the pack.")
    boolean named;

    @Option(names = "--cell", defaultValue = "64", paramLabel = "PX", description = "Cell size in the picture (default ${DEFAULT-VALUE}).")
    int cellPx;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "GRID.png", description = "Picture to write.")
    Path out;

    @Override
    public Integer call() {
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".png")) {
            throw new FontganException(out, "only PNG output is supported (name it .png)");
        }
        if (cellPx < 8 || cellPx > 512) {
            throw new FontganException("--cell", "expected 8 to 512 px, got " + cellPx);
        }
        int[] cps = Charsets.resolve(chars);
        try (StylePack p = pack != null ? StylePack.load(pack) : StylePack.loadDefault()) {
            if (zScale != null) {
                p.useZScale(zScale);
            }
            int columns = p.hasLatentSpace() ? count : 0;
            GlyphGrid.writePng(StyleGrid.render(p, cps, seed, columns, named || !p.hasLatentSpace(), cellPx), out);
            spec.commandLine().getOut().printf("wrote %s (%d characters x %d styles)%n", out, cps.length,
                    columns + (named || !p.hasLatentSpace() ? p.styles().size() : 0));
        }
        return 0;
    }
}
