package dev.fontgan.render;

import dev.fontgan.glyph.GlyphImage;
import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;

/**
 * Draws a small glyph image (ink coverage) onto a page-sized coverage mask through any affine
 * transform. Resampling uses a cubic (Catmull-Rom) kernel, widened when the glyph is made
 * smaller so that it averages instead of aliasing. When the glyph is made larger, the soft
 * edges that cubic interpolation leaves (about one source pixel wide, so several page pixels)
 * are re-sharpened with a smoothstep contrast curve on the coverage to an edge of about two
 * page pixels, so enlarged 64 px glyphs look smooth rather than blocky or blurred.
 */
final class InkResampler {
    /** Coverage below this (of 255) counts as paper when measuring a glyph's ink. */
    static final int INK_THRESHOLD = 64;
    /** Faintest coverage that counts towards an ink edge (lighter values are noise of a generator). */
    private static final int EDGE_THRESHOLD = 40;
    /** Width of an edge after sharpening, in page pixels. */
    private static final double EDGE_PX = 1.8;

    private final boolean sharpen;

    InkResampler(boolean sharpen) {
        this.sharpen = sharpen;
    }

    /**
     * Adds the glyph's coverage into {@code mask} (row-major, {@code width * height}, 0..255),
     * combining like paint over paint: {@code m + a - m * a}.
     *
     * @param imageToPage glyph image pixels (x right, y down, pixel centers at +0.5) to page pixels
     */
    void draw(GlyphImage glyph, AffineTransform imageToPage, byte[] mask, int width, int height) {
        AffineTransform pageToImage;
        try {
            pageToImage = imageToPage.createInverse();
        } catch (NoninvertibleTransformException e) {
            return;
        }
        int[] box = inkBox(glyph);
        if (box == null) {
            return;
        }
        Rectangle2D src = new Rectangle2D.Double(box[0] - 2, box[1] - 2, box[2] - box[0] + 5, box[3] - box[1] + 5);
        Rectangle2D dst = imageToPage.createTransformedShape(src).getBounds2D();
        int x0 = Math.max(0, (int) Math.floor(dst.getMinX()));
        int y0 = Math.max(0, (int) Math.floor(dst.getMinY()));
        int x1 = Math.min(width, (int) Math.ceil(dst.getMaxX()));
        int y1 = Math.min(height, (int) Math.ceil(dst.getMaxY()));
        double magnification = Math.sqrt(Math.abs(imageToPage.getDeterminant()));
        double support = Math.max(1, 1 / magnification);
        double contrast = sharpen && magnification > EDGE_PX ? magnification / EDGE_PX : 1;

        int n = glyph.sizePx();
        byte[] px = glyph.pixels();
        double[] pt = new double[2];
        double m00 = pageToImage.getScaleX();
        double m10 = pageToImage.getShearY();
        int radius = (int) Math.ceil(2 * support);
        double[] wx = new double[2 * radius + 2];
        double[] wy = new double[2 * radius + 2];
        for (int y = y0; y < y1; y++) {
            pt[0] = x0 + 0.5;
            pt[1] = y + 0.5;
            pageToImage.transform(pt, 0, pt, 0, 1);
            double sx = pt[0] - 0.5;
            double sy = pt[1] - 0.5;
            for (int x = x0; x < x1; x++, sx += m00, sy += m10) {
                int cx = (int) Math.floor(sx);
                int cy = (int) Math.floor(sy);
                if (cx < -radius || cy < -radius || cx > n + radius || cy > n + radius) {
                    continue;
                }
                double sumW = 0;
                int ix0 = cx - radius + 1;
                int iy0 = cy - radius + 1;
                for (int k = 0; k < 2 * radius; k++) {
                    wx[k] = cubic((sx - (ix0 + k)) / support);
                    wy[k] = cubic((sy - (iy0 + k)) / support);
                }
                double sum = 0;
                for (int ky = 0; ky < 2 * radius; ky++) {
                    int iy = iy0 + ky;
                    double rowW = wy[ky];
                    if (rowW == 0) {
                        continue;
                    }
                    for (int kx = 0; kx < 2 * radius; kx++) {
                        double w = wx[kx] * rowW;
                        sumW += w;
                        int ix = ix0 + kx;
                        if (ix >= 0 && iy >= 0 && ix < n && iy < n) {
                            sum += w * (px[iy * n + ix] & 0xff);
                        }
                    }
                }
                double a = sumW == 0 ? 0 : sum / sumW / 255.0;
                if (contrast != 1) {
                    a = smoothstep((a - 0.5) * contrast + 0.5);
                }
                if (a <= 0.5 / 255) {
                    continue;
                }
                a = Math.min(1, a);
                int i = y * width + x;
                double m = (mask[i] & 0xff) / 255.0;
                mask[i] = (byte) Math.round((m + a - m * a) * 255);
            }
        }
    }

    /** Pixel box {minX, minY, maxX, maxY} of coverage at or above the ink threshold, or null. */
    static int[] inkBox(GlyphImage g) {
        int n = g.sizePx();
        byte[] px = g.pixels();
        int minX = n, minY = n, maxX = -1, maxY = -1;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                if ((px[y * n + x] & 0xff) >= INK_THRESHOLD) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return maxX < 0 ? null : new int[] {minX, minY, maxX, maxY};
    }

    /**
     * The glyph's ink in the units of the font its placement refers to (y up), or null when the
     * image has no ink. Edges are found to a fraction of a pixel: the outermost row or column
     * with ink counts by how much ink it holds at most.
     */
    static Rectangle2D inkInFontUnits(GlyphImage g) {
        int n = g.sizePx();
        byte[] px = g.pixels();
        int[] colMax = new int[n];
        int[] rowMax = new int[n];
        boolean any = false;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int v = px[y * n + x] & 0xff;
                if (v >= INK_THRESHOLD) {
                    any = true;
                }
                colMax[x] = Math.max(colMax[x], v);
                rowMax[y] = Math.max(rowMax[y], v);
            }
        }
        if (!any) {
            return null;
        }
        double left = edge(colMax, true);
        double right = edge(colMax, false);
        double top = edge(rowMax, true);
        double bottom = edge(rowMax, false);
        Point2D a = toFontUnits(g.placement(), left, bottom);
        Point2D b = toFontUnits(g.placement(), right, top);
        return new Rectangle2D.Double(a.getX(), a.getY(), b.getX() - a.getX(), b.getY() - a.getY());
    }

    /** Sub-pixel position of the first (or last) edge of ink along a profile of maxima. */
    private static double edge(int[] profile, boolean first) {
        int n = profile.length;
        for (int k = 0; k < n; k++) {
            int i = first ? k : n - 1 - k;
            if (profile[i] >= EDGE_THRESHOLD) {
                double covered = Math.min(1, profile[i] / 255.0);
                return first ? i + 1 - covered : i + covered;
            }
        }
        return first ? 0 : n;
    }

    /** Image pixel coordinates to font units through a placement. */
    static Point2D toFontUnits(GlyphImage.Placement p, double xPx, double yPx) {
        return new Point2D.Double((xPx - p.originXPx()) / p.pxPerUnit(), (p.baselinePx() - yPx) / p.pxPerUnit());
    }

    /** Font units (y up) to image pixels through a placement. */
    static AffineTransform fontToImage(GlyphImage.Placement p) {
        return new AffineTransform(p.pxPerUnit(), 0, 0, -p.pxPerUnit(), p.originXPx(), p.baselinePx());
    }

    /** Catmull-Rom cubic kernel (a = -0.5), support [-2, 2]. */
    private static double cubic(double t) {
        t = Math.abs(t);
        if (t < 1) {
            return (1.5 * t - 2.5) * t * t + 1;
        }
        if (t < 2) {
            return ((-0.5 * t + 2.5) * t - 4) * t + 2;
        }
        return 0;
    }

    private static double smoothstep(double t) {
        if (t <= 0) {
            return 0;
        }
        if (t >= 1) {
            return 1;
        }
        return t * t * (3 - 2 * t);
    }
}
