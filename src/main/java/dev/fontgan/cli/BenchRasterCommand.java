package dev.fontgan.cli;

import dev.fontgan.Json;
import dev.fontgan.font.Charsets;
import dev.fontgan.glyph.Normalization;
import dev.fontgan.glyph.RasterBenchmark;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fontgan bench raster}: glyphs per second rasterizing a CJK charset from one font. */
@Command(name = "raster", description = "Glyph rasterization speed (compare with bench/raster_pil.py).")
final class BenchRasterCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--font", description = "Font (default fonts/wqy-microhei/wqy-microhei.ttc).")
    String font;

    @Option(names = "--chars", description = "Charset (default common-3500, else gb2312-1, else built-in GB2312 level 1).")
    String chars;

    @Option(names = "--size", defaultValue = "64", description = "Image size in px (default 64).")
    int sizePx;

    @Option(names = "--normalization", defaultValue = "ink", description = "em or ink (default ink, as the PIL script).")
    String normalization;

    @Option(names = "--threads", description = "Threads (default: all cores).")
    Integer threads;

    @Option(names = "--repeat", defaultValue = "3", description = "Timed passes; the best counts (default 3).")
    int repeats;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        String fontSpec = font != null ? font : dev.fontgan.font.ShippedFiles.resolve("fonts/wqy-microhei/wqy-microhei.ttc").toString();
        String charsUsed = chars != null ? chars : defaultCharset();
        int[] cps = Charsets.resolve(charsUsed);
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        RasterBenchmark.Result r = RasterBenchmark.run(fontSpec, cps, sizePx, Normalization.parse(normalization),
                t, Math.max(1, repeats));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(Json.obj(
                    "glyphs_per_s", round(r.coldGlyphsPerS()),
                    "warm_glyphs_per_s", round(r.warmGlyphsPerS()),
                    "single_thread_warm_glyphs_per_s", round(r.singleThreadWarmGlyphsPerS()),
                    "chars", r.chars(), "drawn", r.drawn(), "charset", charsUsed,
                    "size", r.sizePx(), "normalization", r.normalization().id(),
                    "font", r.font(), "threads", r.threads(), "best_of", r.repeats(),
                    "font_load_ms", round(r.fontLoadMs()))));
        } else {
            out.printf(Locale.ROOT, "%s, %d chars (%s) at %d px, %s, %d threads:%n", r.font(), r.chars(), charsUsed,
                    r.sizePx(), r.normalization().id(), r.threads());
            out.printf(Locale.ROOT, "  %.0f glyphs/s first pass (outlines decoded from the font)%n", r.coldGlyphsPerS());
            out.printf(Locale.ROOT, "  %.0f glyphs/s with decoded outlines cached%n", r.warmGlyphsPerS());
            out.printf(Locale.ROOT, "  %.0f glyphs/s cached, one thread%n", r.singleThreadWarmGlyphsPerS());
            out.printf(Locale.ROOT, "  font load %.0f ms%n", r.fontLoadMs());
        }
        return 0;
    }

    private static String defaultCharset() {
        for (String name : new String[] {"common-3500", "gb2312-1"}) {
            if (Charsets.namedFile(name) != null) {
                return name;
            }
        }
        return Charsets.GB2312_LEVEL1;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
