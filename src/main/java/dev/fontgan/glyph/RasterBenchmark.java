package dev.fontgan.glyph;

import dev.fontgan.Progress;
import dev.fontgan.font.FontFile;

/**
 * Times glyph rasterization the way {@code glyphs build} uses it: a batch of characters from one
 * font on all cores. "Cold" passes parse the font afresh (outlines decoded from the file during
 * the pass, font parsing itself excluded); "warm" passes reuse decoded outlines.
 */
public final class RasterBenchmark {
    /** Timings of one benchmark run; rates in glyphs per second, best of the repeats. */
    public record Result(String font, int chars, int drawn, int sizePx, Normalization normalization,
                         int threads, int repeats, double coldGlyphsPerS, double warmGlyphsPerS,
                         double singleThreadWarmGlyphsPerS, double fontLoadMs) {}

    private RasterBenchmark() {}

    public static Result run(String fontSpec, int[] codePoints, int sizePx, Normalization normalization,
                             int threads, int repeats) {
        GlyphRasterizer parallel = new GlyphRasterizer(sizePx, normalization, threads);
        GlyphRasterizer single = new GlyphRasterizer(sizePx, normalization, 1);
        // Warm up the JIT on a throwaway instance before timing anything.
        FontFile warmup = FontFile.openUncached(fontSpec);
        parallel.rasterizeAll(warmup, codePoints, Progress.NONE);
        single.rasterizeAll(warmup, codePoints, Progress.NONE);

        double bestCold = Double.MAX_VALUE;
        double bestLoad = Double.MAX_VALUE;
        FontFile font = null;
        int drawn = 0;
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            font = FontFile.openUncached(fontSpec);
            long t1 = System.nanoTime();
            GlyphImage[] out = parallel.rasterizeAll(font, codePoints, Progress.NONE);
            long t2 = System.nanoTime();
            bestLoad = Math.min(bestLoad, (t1 - t0) / 1e6);
            bestCold = Math.min(bestCold, (t2 - t1) / 1e9);
            drawn = count(out);
        }
        double bestWarm = Double.MAX_VALUE;
        double bestSingle = Double.MAX_VALUE;
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            parallel.rasterizeAll(font, codePoints, Progress.NONE);
            long t1 = System.nanoTime();
            single.rasterizeAll(font, codePoints, Progress.NONE);
            long t2 = System.nanoTime();
            bestWarm = Math.min(bestWarm, (t1 - t0) / 1e9);
            bestSingle = Math.min(bestSingle, (t2 - t1) / 1e9);
        }
        int n = codePoints.length;
        return new Result(fontSpec, n, drawn, sizePx, normalization, parallel.threads(), repeats,
                n / bestCold, n / bestWarm, n / bestSingle, bestLoad);
    }

    private static int count(GlyphImage[] images) {
        int n = 0;
        for (GlyphImage g : images) {
            if (g != null) {
                n++;
            }
        }
        return n;
    }
}
