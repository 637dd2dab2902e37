package dev.fontgan.cli;

import dev.fontgan.FontganException;
import dev.fontgan.Progress;
import dev.fontgan.data.GlyphDataset;
import dev.fontgan.data.GlyphStore;
import dev.fontgan.data.Split;
import dev.fontgan.font.Charsets;
import dev.fontgan.font.FontCatalog;
import dev.fontgan.font.FontFile;
import dev.fontgan.font.ShippedFiles;
import dev.fontgan.glyph.GlyphGrid;
import dev.fontgan.glyph.GlyphImage;
import dev.fontgan.glyph.GlyphRasterizer;
import dev.fontgan.glyph.Normalization;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fontgan glyphs build|preview}. */
@Command(name = "glyphs", description = "Build and preview glyph datasets.",
        subcommands = {GlyphsCommand.Build.class, GlyphsCommand.Preview.class})
final class GlyphsCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose: build or preview");
    }

    @Command(name = "build", description = "Rasterize a charset from a source and target fonts into a dataset folder.")
    static final class Build implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Mixin CommonOptions common;

        @Option(names = "--source", required = true, description = "Source font (file, file.ttc#N or file.ttc#Name).")
        String source;

        @Option(names = "--target", required = true, arity = "1..*", description = "Target font(s), one style each.")
        List<String> targets;

        @Option(names = "--chars", required = true, description = "Charset name, file or literal string.")
        String chars;

        @Option(names = "--size", defaultValue = "64", description = "Image size in px, 32..256 (default 64).")
        int sizePx;

        @Option(names = "--normalization", defaultValue = "ink", description = "ink or em (default ink).")
        String normalization;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of the train/val/test split (default 1).")
        long seed;

        @Option(names = "--out", required = true, description = "Dataset folder to write (replaced atomically).")
        Path out;

        @Override
        public Integer call() {
            if (sizePx < 32 || sizePx > 256) {
                throw new FontganException("--size", sizePx + " px outside 32..256");
            }
            long t0 = System.nanoTime();
            GlyphDataset ds;
            try (Progress p = common.progress()) {
                ds = GlyphDataset.build(new GlyphDataset.Recipe(source, targets, chars, sizePx,
                        Normalization.parse(normalization), seed), out, p);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            PrintWriter o = spec.commandLine().getOut();
            o.printf(Locale.ROOT, "%s: %d characters of %s at %d px (%s), %d styles, %.1f s%n", out,
                    ds.charsetSize(), ds.charsetSpec(), ds.sizePx(), ds.normalization().id(), ds.styleCount(), seconds);
            o.printf(Locale.ROOT, "  split: train %d, val %d, test %d characters%n", ds.codePoints(Split.TRAIN).length,
                    ds.codePoints(Split.VAL).length, ds.codePoints(Split.TEST).length);
            report(o, "source", ds.sourceEntry());
            for (GlyphDataset.FontEntry t : ds.targetEntries()) {
                report(o, "target", t);
            }
            return 0;
        }

        private static void report(PrintWriter o, String role, GlyphDataset.FontEntry e) {
            o.printf(Locale.ROOT, "  %-6s %-24s %5d glyphs, %d missing%n", role, e.name(), e.glyphs(), e.missing());
        }
    }

    @Command(name = "preview", description = "Draw a labelled grid: rows = fonts/styles, columns = characters.")
    static final class Preview implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "DATA|FONT", description = "A dataset folder, or font files.")
        List<String> inputs;

        @Option(names = "--chars", description = "Characters to show (default: the first ones of the split / 永字八法ABCabc123).")
        String chars;

        @Option(names = "--split", defaultValue = "test", description = "Split to take characters from (datasets; default test).")
        String split;

        @Option(names = "--columns", defaultValue = "16", description = "Most characters shown (default 16).")
        int columns;

        @Option(names = "--size", defaultValue = "64", description = "Cell size in px when previewing fonts (default 64).")
        int sizePx;

        @Option(names = {"-o", "--out"}, required = true, description = "PNG to write.")
        Path out;

        @Override
        public Integer call() {
            List<String> rows = new ArrayList<>();
            List<GlyphImage[]> cells = new ArrayList<>();
            int[] cps;
            int cell;
            Path first = Path.of(inputs.get(0));
            if (inputs.size() == 1 && Files.isDirectory(first)) {
                GlyphDataset ds = GlyphDataset.open(first);
                cps = chars != null ? Charsets.resolve(chars) : ds.codePoints(Split.parse(split));
                cps = Arrays.copyOf(cps, Math.min(cps.length, Math.max(1, columns)));
                cell = ds.sizePx();
                rows.add(ds.sourceName() + " (source)");
                cells.add(images(ds.sourceStore(), cps));
                for (int s = 0; s < ds.styleCount(); s++) {
                    rows.add(ds.styleNames().get(s));
                    cells.add(images(ds.targetStore(s), cps));
                }
            } else {
                cps = Charsets.resolve(chars != null ? chars : "永字八法ABCabc123");
                cps = Arrays.copyOf(cps, Math.min(cps.length, Math.max(1, columns)));
                cell = sizePx;
                GlyphRasterizer r = new GlyphRasterizer(sizePx, Normalization.INK);
                for (String in : inputs) {
                    FontFile f = FontFile.open(in);
                    rows.add(FontCatalog.shortName(f));
                    cells.add(r.rasterizeAll(f, cps, Progress.NONE));
                }
            }
            GlyphGrid grid = new GlyphGrid(cell, labelFont());
            GlyphGrid.writePng(grid.render(rows, cps, cells.toArray(new GlyphImage[0][])), out);
            spec.commandLine().getOut().printf(Locale.ROOT, "%s: %d rows x %d characters%n", out, rows.size(), cps.length);
            return 0;
        }

        private static GlyphImage[] images(GlyphStore store, int[] cps) {
            GlyphImage[] row = new GlyphImage[cps.length];
            for (int i = 0; i < cps.length; i++) {
                row[i] = store.image(cps[i]);
            }
            return row;
        }

        /** A shipped CJK-capable font for labels, or none (then the grid has no labels). */
        private static FontFile labelFont() {
            for (String p : new String[] {"fonts/wqy-microhei/wqy-microhei.ttc", "fonts/droid-fallback/DroidSansFallbackFull.ttf",
                    "fonts/dejavu/DejaVuSans.ttf"}) {
                Path f = ShippedFiles.resolve(p);
                if (Files.isRegularFile(f)) {
                    return FontFile.open(f);
                }
            }
            return null;
        }
    }
}
