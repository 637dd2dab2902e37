package dev.fontgan.render;

import java.util.SplittableRandom;

/**
 * Procedural paper: a warm off-white with soft blotches (value noise at a few scales), faint
 * horizontal fibres and per-pixel grain. The same size and seed give the same pixels.
 */
public final class PaperTexture {
    private static final int BASE_R = 247;
    private static final int BASE_G = 243;
    private static final int BASE_B = 232;

    private PaperTexture() {}

    /** RGB pixels ({@code 0xRRGGBB}), row-major. */
    public static int[] generate(int width, int height, long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5EED_9A9E_5L);
        ValueNoise coarse = new ValueNoise(width, height, 180, r.split());
        ValueNoise medium = new ValueNoise(width, height, 45, r.split());
        ValueNoise fibre = new ValueNoise(width, height, 0, r.split());
        int[] out = new int[width * height];
        SplittableRandom grain = r.split();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double v = 5.0 * coarse.at(x, y) + 2.5 * medium.at(x, y) + 1.6 * fibre.at(x, y)
                        + 1.4 * (grain.nextDouble() * 2 - 1);
                int shade = (int) Math.round(v);
                out[y * width + x] = (clamp(BASE_R + shade) << 16) | (clamp(BASE_G + shade) << 8)
                        | clamp(BASE_B + shade - (int) Math.round(1.5 * coarse.at(x, y)));
            }
        }
        return out;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    /**
     * Smoothly interpolated random values in [-1, 1] on a lattice of {@code cellPx}; a cell of
     * 0 makes fibres: cells 60 px wide and 2 px high.
     */
    private static final class ValueNoise {
        private final double cellX;
        private final double cellY;
        private final int cols;
        private final double[] lattice;

        ValueNoise(int width, int height, int cellPx, SplittableRandom r) {
            this.cellX = cellPx == 0 ? 60 : cellPx;
            this.cellY = cellPx == 0 ? 2 : cellPx;
            this.cols = (int) Math.ceil(width / cellX) + 2;
            int rows = (int) Math.ceil(height / cellY) + 2;
            this.lattice = new double[cols * rows];
            for (int i = 0; i < lattice.length; i++) {
                lattice[i] = r.nextDouble() * 2 - 1;
            }
        }

        double at(int x, int y) {
            double fx = x / cellX;
            double fy = y / cellY;
            int ix = (int) fx;
            int iy = (int) fy;
            double tx = fade(fx - ix);
            double ty = fade(fy - iy);
            double a = lattice[iy * cols + ix];
            double b = lattice[iy * cols + ix + 1];
            double c = lattice[(iy + 1) * cols + ix];
            double d = lattice[(iy + 1) * cols + ix + 1];
            return (a + (b - a) * tx) * (1 - ty) + (c + (d - c) * tx) * ty;
        }

        private static double fade(double t) {
            return t * t * (3 - 2 * t);
        }
    }
}
