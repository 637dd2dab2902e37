package dev.fontgan.glyph;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * Frames a picture of one written character (a scan or photo of handwriting, a screenshot) the
 * way {@link GlyphRasterizer} frames a font glyph with {@link Normalization#INK}: ink coverage is
 * estimated from the picture (paper level from the border, ink level from the darkest pixels;
 * dark-background pictures are inverted), the ink box is found with sub-pixel edges, scaled to fit
 * {@code sizePx - 2 * margin} keeping its aspect, and centred. Resampling averages each output
 * pixel's footprint, so large scans shrink without aliasing.
 */
public final class InkFraming {
    /** Coverage below this share of the paper-to-ink range counts as paper (texture, noise). */
    static final double PAPER_CUTOFF = 0.08;
    /** Coverage above this share counts as full ink. */
    static final double INK_CUTOFF = 0.92;

    private final int sizePx;
    private final int marginPx;

    public InkFraming(int sizePx) {
        if (sizePx < GlyphRasterizer.MIN_SIZE_PX || sizePx > GlyphRasterizer.MAX_SIZE_PX) {
            throw new IllegalArgumentException("size " + sizePx);
        }
        this.sizePx = sizePx;
        this.marginPx = new GlyphRasterizer(sizePx, Normalization.INK, 1).marginPx();
    }

    public int sizePx() {
        return sizePx;
    }

    /** The framed glyph, or null when the picture holds no ink. */
    public GlyphImage frame(BufferedImage picture, int codePoint) {
        int w = picture.getWidth();
        int h = picture.getHeight();
        float[] ink = coverage(picture);
        // ink box with sub-pixel edges: a partly inked edge column/row moves the edge inwards
        float[] colMax = new float[w];
        float[] rowMax = new float[h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = ink[y * w + x];
                colMax[x] = Math.max(colMax[x], v);
                rowMax[y] = Math.max(rowMax[y], v);
            }
        }
        double[] xs = edges(colMax);
        double[] ys = edges(rowMax);
        if (xs == null || ys == null) {
            return null;
        }
        double boxPx = sizePx - 2.0 * marginPx;
        double scale = boxPx / Math.max(xs[1] - xs[0], ys[1] - ys[0]); // output px per picture px
        double cx = (xs[0] + xs[1]) / 2;
        double cy = (ys[0] + ys[1]) / 2;
        // output pixel (u, v) covers picture [cx + (u - size/2) / scale, ... + 1 / scale)
        double step = 1 / scale;
        int samples = (int) Math.max(1, Math.min(8, Math.ceil(step * 2)));
        byte[] out = new byte[sizePx * sizePx];
        for (int v = 0; v < sizePx; v++) {
            for (int u = 0; u < sizePx; u++) {
                double sum = 0;
                for (int j = 0; j < samples; j++) {
                    double py = cy + (v + (j + 0.5) / samples - sizePx / 2.0) * step;
                    for (int i = 0; i < samples; i++) {
                        double px = cx + (u + (i + 0.5) / samples - sizePx / 2.0) * step;
                        sum += bilinear(ink, w, h, px, py);
                    }
                }
                out[v * sizePx + u] = (byte) Math.round(255 * Math.min(1, sum / (samples * samples)));
            }
        }
        return new GlyphImage(codePoint, sizePx, out);
    }

    /** Ink coverage in [0, 1] per pixel (alpha composited on white; inverted on dark paper). */
    static float[] coverage(BufferedImage picture) {
        int w = picture.getWidth();
        int h = picture.getHeight();
        float[] lum = new float[w * h];
        java.awt.image.Raster raster = picture.getRaster();
        int bands = raster.getNumBands();
        if (picture.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY && bands <= 2) {
            // gray pictures: the stored values (getRGB would pass them through a linear-to-sRGB curve)
            double max = (1 << picture.getColorModel().getComponentSize(0)) - 1;
            double maxAlpha = bands == 2 ? (1 << picture.getColorModel().getComponentSize(1)) - 1 : 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double l = raster.getSample(x, y, 0) * 255.0 / max;
                    double a = bands == 2 ? raster.getSample(x, y, 1) / maxAlpha : 1;
                    lum[y * w + x] = (float) (a * l + (1 - a) * 255);
                }
            }
        } else {
            int[] argb = picture.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < argb.length; i++) {
                int p = argb[i];
                double a = (p >>> 24) / 255.0;
                double l = 0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff);
                lum[i] = (float) (a * l + (1 - a) * 255);
            }
        }
        float paper = borderMedian(lum, w, h);
        float[] sorted = lum.clone();
        Arrays.sort(sorted);
        boolean darkPaper = paper < 128;
        // the ink level: the 1st percentile from the far side of the paper
        float inkLevel = darkPaper ? sorted[sorted.length - 1 - sorted.length / 100] : sorted[sorted.length / 100];
        float range = Math.abs(paper - inkLevel);
        float[] ink = new float[w * h];
        if (range < 16) {
            return ink; // a blank picture
        }
        for (int i = 0; i < ink.length; i++) {
            double c = (darkPaper ? lum[i] - paper : paper - lum[i]) / range;
            c = (c - PAPER_CUTOFF) / (INK_CUTOFF - PAPER_CUTOFF);
            ink[i] = (float) Math.max(0, Math.min(1, c));
        }
        return ink;
    }

    private static float borderMedian(float[] lum, int w, int h) {
        float[] border = new float[2 * w + 2 * h];
        int n = 0;
        for (int x = 0; x < w; x++) {
            border[n++] = lum[x];
            border[n++] = lum[(h - 1) * w + x];
        }
        for (int y = 0; y < h; y++) {
            border[n++] = lum[y * w];
            border[n++] = lum[y * w + w - 1];
        }
        Arrays.sort(border, 0, n);
        return border[n / 2];
    }

    /** [first, last) edges of the inked span with partial edge pixels counted by coverage, or null. */
    private static double[] edges(float[] profile) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < profile.length; i++) {
            if (profile[i] > 0) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        if (first < 0) {
            return null;
        }
        double lo = first + 1 - profile[first];
        double hi = last + profile[last];
        if (hi - lo < 0.5) {
            double mid = (lo + hi) / 2;
            lo = mid - 0.25;
            hi = mid + 0.25;
        }
        return new double[] {lo, hi};
    }

    /** Coverage at a continuous position (pixel centres at +0.5), paper outside the picture. */
    private static double bilinear(float[] ink, int w, int h, double x, double y) {
        double fx = x - 0.5;
        double fy = y - 0.5;
        int x0 = (int) Math.floor(fx);
        int y0 = (int) Math.floor(fy);
        double ax = fx - x0;
        double ay = fy - y0;
        return (1 - ay) * ((1 - ax) * at(ink, w, h, x0, y0) + ax * at(ink, w, h, x0 + 1, y0))
                + ay * ((1 - ax) * at(ink, w, h, x0, y0 + 1) + ax * at(ink, w, h, x0 + 1, y0 + 1));
    }

    private static double at(float[] ink, int w, int h, int x, int y) {
        return x < 0 || y < 0 || x >= w || y >= h ? 0 : ink[y * w + x];
    }
}
