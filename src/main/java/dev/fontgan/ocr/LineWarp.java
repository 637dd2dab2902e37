package dev.fontgan.ocr;

import java.util.SplittableRandom;

/**
 * Where each pixel of the finished line takes its ink from in the cropped line: rotation and
 * perspective about the crop, scaling to the output height, then a sine wave and an elastic
 * field along the result. Composed into one source position per output pixel, so the ink is
 * resampled once (one OpenCV remap) however many of them a line has.
 */
final class LineWarp {
    private final int cropW;
    private final int cropH;
    private final int outW;
    private final int outH;
    /** Output pixel to crop pixel (row-major 3x3); null when the map only scales. */
    private final double[] toCrop;
    private final Augmentation a;

    private LineWarp(int cropW, int cropH, int outW, int outH, double[] toCrop, Augmentation a) {
        this.cropW = cropW;
        this.cropH = cropH;
        this.outW = outW;
        this.outH = outH;
        this.toCrop = toCrop;
        this.a = a;
    }

    /** The map of a crop of {@code cropW x cropH} pixels to a line {@code heightPx} high. */
    static LineWarp of(int cropW, int cropH, Augmentation a, int heightPx) {
        double w = cropW;
        double h = cropH;
        if (a.rotateDeg() == 0 && a.perspective() == null) {
            int outW = Math.max(1, (int) Math.round(w * heightPx / h));
            return new LineWarp(cropW, cropH, outW, heightPx, null, a);
        }
        double[] src = {0, 0, w, 0, w, h, 0, h};
        double[] dst = src.clone();
        if (a.perspective() != null) {
            for (int i = 0; i < 8; i++) {
                dst[i] += a.perspective()[i] * h;
            }
        }
        double rad = Math.toRadians(a.rotateDeg());
        double cos = Math.cos(rad);
        double sin = Math.sin(rad);
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 4; i++) {
            double x = dst[2 * i] - w / 2;
            double y = dst[2 * i + 1] - h / 2;
            dst[2 * i] = x * cos - y * sin;
            dst[2 * i + 1] = x * sin + y * cos;
            minX = Math.min(minX, dst[2 * i]);
            maxX = Math.max(maxX, dst[2 * i]);
            minY = Math.min(minY, dst[2 * i + 1]);
            maxY = Math.max(maxY, dst[2 * i + 1]);
        }
        double scale = heightPx / (maxY - minY);
        int outW = Math.max(1, (int) Math.round((maxX - minX) * scale));
        for (int i = 0; i < 4; i++) {
            dst[2 * i] = (dst[2 * i] - minX) * scale;
            dst[2 * i + 1] = (dst[2 * i + 1] - minY) * scale;
        }
        return new LineWarp(cropW, cropH, outW, heightPx, Homography.between(dst, src), a);
    }

    int widthPx() {
        return outW;
    }

    int heightPx() {
        return outH;
    }

    /** Whether the map is a plain scaling (an area resize does it best). */
    boolean onlyScales() {
        return toCrop == null && a.sineAmplitude() == 0 && a.elasticAmplitude() == 0;
    }

    /**
     * Fills {@code map} ({@code 2 * width * height} floats: x, y per output pixel, row-major) with
     * crop positions, as OpenCV's remap reads them.
     */
    void fill(float[] map) {
        double sineAmp = a.sineAmplitude() * outH;
        double k = 2 * Math.PI / (a.sineWavelength() * outH);
        double[] waveY = new double[outW];
        if (sineAmp != 0) {
            for (int x = 0; x < outW; x++) {
                waveY[x] = sineAmp * Math.sin(k * x + a.sinePhase());
            }
        }
        ElasticField field = a.elasticAmplitude() > 0
                ? new ElasticField(outW, outH, a.elasticAmplitude() * outH, a.elasticSeed()) : null;
        // pixel centres of a plain scaling, as a resize places them
        double sx = (double) cropW / outW;
        double sy = (double) cropH / outH;
        double[] m = toCrop;
        for (int y = 0, i = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++, i += 2) {
                double px = x;
                double py = y + waveY[x];
                if (field != null) {
                    px += field.dx(x, y);
                    py += field.dy(x, y);
                }
                if (m == null) {
                    map[i] = (float) ((px + 0.5) * sx - 0.5);
                    map[i + 1] = (float) ((py + 0.5) * sy - 0.5);
                } else {
                    double z = m[6] * px + m[7] * py + m[8];
                    map[i] = (float) ((m[0] * px + m[1] * py + m[2]) / z);
                    map[i + 1] = (float) ((m[3] * px + m[4] * py + m[5]) / z);
                }
            }
        }
    }

    /** A smooth random displacement field: random vectors on a coarse grid, smoothly interpolated. */
    private static final class ElasticField {
        private final double cell;
        private final int cols;
        private final double[] gx;
        private final double[] gy;

        ElasticField(int w, int h, double amplitudePx, long seed) {
            this.cell = Math.max(4, h * 0.6);
            this.cols = (int) Math.ceil(w / cell) + 4;
            int rows = (int) Math.ceil(h / cell) + 4;
            SplittableRandom r = new SplittableRandom(seed);
            gx = new double[cols * rows];
            gy = new double[cols * rows];
            for (int i = 0; i < gx.length; i++) {
                gx[i] = (r.nextDouble() * 2 - 1) * amplitudePx;
                gy[i] = (r.nextDouble() * 2 - 1) * amplitudePx;
            }
        }

        double dx(int x, int y) {
            return at(gx, x, y);
        }

        double dy(int x, int y) {
            return at(gy, x, y);
        }

        private double at(double[] g, int x, int y) {
            double fx = x / cell + 1;
            double fy = y / cell + 1;
            int ix = (int) fx;
            int iy = (int) fy;
            double tx = fx - ix;
            double ty = fy - iy;
            double sx = tx * tx * (3 - 2 * tx);
            double sy = ty * ty * (3 - 2 * ty);
            double a = g[iy * cols + ix];
            double b = g[iy * cols + ix + 1];
            double c = g[(iy + 1) * cols + ix];
            double d = g[(iy + 1) * cols + ix + 1];
            return (a + (b - a) * sx) * (1 - sy) + (c + (d - c) * sx) * sy;
        }
    }
}
