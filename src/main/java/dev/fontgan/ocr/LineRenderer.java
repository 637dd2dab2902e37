package dev.fontgan.ocr;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_RECT;

import dev.fontgan.render.Handwriting;
import dev.fontgan.render.InkPage;
import dev.fontgan.render.Page;
import dev.fontgan.render.PaperTexture;
import dev.fontgan.render.RenderOptions;
import dev.fontgan.render.Renderer;
import dev.fontgan.render.ShippedFonts;
import java.awt.geom.Rectangle2D;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Makes the picture of a {@link LinePlan}: the project's {@link Renderer} sets the text with the
 * style's hand (jitter, slant, letter and word spacing are layout's), the ink is cut to the line
 * band plus padding, then thickened or thinned, warped (rotation and perspective composed with
 * the scaling to the output height in one OpenCV warp), distorted (sine or elastic, one remap),
 * put on paper in ink colour, blurred, noised and JPEG-degraded. Native matrices live in a
 * {@link PointerScope} per line. One instance per thread; the result depends only on the plan.
 */
public final class LineRenderer {
    /** Ascent and descent of the line band, em (as layout frames a line). */
    private static final double BAND_ASCENT_EM = 0.92;
    private static final double BAND_DESCENT_EM = 0.3;
    /** Output height over pixels per em at which text is rendered: the band plus some padding. */
    private static final double HEIGHT_PER_EM = 1.35;

    private final StyleMix styles;
    private final ShippedFonts fallbacks;

    /** @param fallbacks fonts for characters a style lacks when a plan asks for substitution */
    public LineRenderer(StyleMix styles, ShippedFonts fallbacks) {
        this.styles = styles;
        this.fallbacks = fallbacks;
    }

    /** Renders the plan. Throws {@link IllegalStateException} if a labelled character came out blank. */
    public LineImage render(LinePlan plan) {
        Style style = styles.named(plan.style());
        if (style == null) {
            throw new dev.fontgan.FontganException("style", "no style named '" + plan.style() + "' in this dataset");
        }
        Augmentation a = plan.aug();
        int pxPerEm = Math.max(8, (int) Math.round(plan.heightPx() / HEIGHT_PER_EM));
        Handwriting hw = Handwriting.natural(a.jitter()).withSlantDeg(a.slantDeg()).withTrackingEm(a.trackingEm())
                .withWordSpacing(a.wordSpacing());
        RenderOptions options = new RenderOptions(pxPerEm, 0, 1.45, hw, plan.seed(), 0, dev.fontgan.render.Background.WHITE,
                true, false);
        Renderer renderer = new Renderer(style.handFor(plan.styleSeed()), plan.substitute() ? fallbacks : ShippedFonts.none());
        InkPage ink = renderer.renderInk(plan.text(), options);
        if (!ink.unwritable().isEmpty() || !plan.substitute() && !ink.fallbacks().isEmpty()) {
            throw new IllegalStateException(style.name() + " left characters of '" + plan.text() + "' undrawn: "
                    + ink.unwritable() + " " + ink.fallbacks());
        }
        try (PointerScope scope = new PointerScope()) {
            Mat mask = cropBand(ink, pxPerEm, a);
            mask = stroke(mask, a.strokePx());
            mask = warp(mask, a, plan.heightPx());
            mask = distort(mask, a);
            int w = mask.cols();
            int h = mask.rows();
            byte[] coverage = new byte[w * h];
            mask.data().get(coverage);
            byte[] bgr = composite(coverage, w, h, a);
            if (a.blurSigma() > 0) {
                Mat img = new Mat(h, w, CV_8UC3);
                img.data().put(bgr);
                opencv_imgproc.GaussianBlur(img, img, new Size(0, 0), a.blurSigma());
                img.data().get(bgr);
            }
            if (a.noiseSigma() > 0) {
                addNoise(bgr, a.noiseSigma(), a.noiseSeed());
            }
            if (a.jpegQuality() > 0) {
                bgr = jpegRoundTrip(bgr, w, h, a.jpegQuality());
            }
            return new LineImage(w, h, bgr);
        }
    }

    /** The ink of the line band (ascent to descent, widened to all ink) plus padding, as a mask. */
    private static Mat cropBand(InkPage ink, int pxPerEm, Augmentation a) {
        Page.Line line = ink.page().lines().get(0);
        double baseline = line.baselinePx();
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = baseline - BAND_ASCENT_EM * pxPerEm;
        double maxY = baseline + BAND_DESCENT_EM * pxPerEm;
        for (Page.PlacedGlyph g : line.glyphs()) {
            Rectangle2D r = g.inkPx();
            if (r != null) {
                minX = Math.min(minX, r.getMinX());
                maxX = Math.max(maxX, r.getMaxX());
                minY = Math.min(minY, r.getMinY());
                maxY = Math.max(maxY, r.getMaxY());
            }
        }
        double[] pad = a.paddingEm();
        // room for the wave and the elastic field to move ink without cutting it
        double wobble = (a.sineAmplitude() + a.elasticAmplitude()) * (maxY - minY);
        int x0 = clamp((int) Math.floor(minX - pad[3] * pxPerEm), 0, ink.widthPx() - 1);
        int x1 = clamp((int) Math.ceil(maxX + pad[1] * pxPerEm), x0 + 1, ink.widthPx());
        int y0 = clamp((int) Math.floor(minY - pad[0] * pxPerEm - wobble), 0, ink.heightPx() - 1);
        int y1 = clamp((int) Math.ceil(maxY + pad[2] * pxPerEm + wobble), y0 + 1, ink.heightPx());
        int w = x1 - x0;
        int h = y1 - y0;
        byte[] crop = new byte[w * h];
        byte[] src = ink.coverage();
        for (int y = 0; y < h; y++) {
            System.arraycopy(src, (y0 + y) * ink.widthPx() + x0, crop, y * w, w);
        }
        Mat m = new Mat(h, w, CV_8UC1);
        m.data().put(crop);
        return m;
    }

    /** Dilates (positive) or thins (negative: half of an erosion, so thin strokes fade, never vanish). */
    private static Mat stroke(Mat mask, int strokePx) {
        if (strokePx == 0) {
            return mask;
        }
        int k = Math.abs(strokePx) + 1;
        Mat kernel = opencv_imgproc.getStructuringElement(MORPH_RECT, new Size(k, k));
        Mat out = new Mat();
        if (strokePx > 0) {
            opencv_imgproc.dilate(mask, out, kernel);
            return out;
        }
        opencv_imgproc.erode(mask, out, kernel);
        opencv_core.addWeighted(mask, 0.5, out, 0.5, 0, out);
        return out;
    }

    /** Rotation and perspective about the crop, then scaling to the output height, in one warp. */
    private static Mat warp(Mat mask, Augmentation a, int heightPx) {
        double w = mask.cols();
        double h = mask.rows();
        if (a.rotateDeg() == 0 && a.perspective() == null) {
            int outW = Math.max(1, (int) Math.round(w * heightPx / h));
            Mat out = new Mat();
            opencv_imgproc.resize(mask, out, new Size(outW, heightPx), 0, 0, INTER_AREA);
            return out;
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
        Mat m = new Mat(Homography.between(src, dst)).reshape(1, 3);
        Mat out = new Mat();
        opencv_imgproc.warpPerspective(mask, out, m, new Size(outW, heightPx), INTER_LINEAR,
                opencv_core.BORDER_CONSTANT, new Scalar(0.0));
        return out;
    }

    /** Sine wave and elastic field, one remap. */
    private static Mat distort(Mat mask, Augmentation a) {
        if (a.sineAmplitude() == 0 && a.elasticAmplitude() == 0) {
            return mask;
        }
        int w = mask.cols();
        int h = mask.rows();
        float[] map = new float[w * h * 2];
        double sineAmp = a.sineAmplitude() * h;
        double k = 2 * Math.PI / (a.sineWavelength() * h);
        double[] waveY = new double[w];
        for (int x = 0; x < w; x++) {
            waveY[x] = sineAmp * Math.sin(k * x + a.sinePhase());
        }
        ElasticField field = a.elasticAmplitude() > 0 ? new ElasticField(w, h, a.elasticAmplitude() * h, a.elasticSeed()) : null;
        for (int y = 0, i = 0; y < h; y++) {
            for (int x = 0; x < w; x++, i += 2) {
                double dx = 0;
                double dy = waveY[x];
                if (field != null) {
                    dx += field.dx(x, y);
                    dy += field.dy(x, y);
                }
                map[i] = (float) (x + dx);
                map[i + 1] = (float) (y + dy);
            }
        }
        Mat maps = new Mat(h, w, CV_32FC2);
        new FloatPointer(maps.data()).put(map);
        Mat out = new Mat();
        opencv_imgproc.remap(mask, out, maps, new Mat(), INTER_LINEAR, opencv_core.BORDER_CONSTANT, new Scalar(0.0));
        return out;
    }

    /** Ink over the background (white, flat, grainy or paper), with an optional ruled line; BGR bytes. */
    static byte[] composite(byte[] coverage, int w, int h, Augmentation a) {
        int n = w * h;
        int[] bg;
        switch (a.background()) {
            case "paper" -> bg = PaperTexture.generate(w, h, a.backgroundSeed());
            case "noise" -> {
                bg = new int[n];
                SplittableRandom r = new SplittableRandom(a.backgroundSeed());
                int base = a.paperRgb() & 0xff;
                for (int i = 0; i < n; i++) {
                    int g = clamp(base + (int) Math.round((r.nextDouble() + r.nextDouble() - 1) * 28), 0, 255);
                    bg[i] = (g << 16) | (g << 8) | g;
                }
            }
            case "flat" -> {
                bg = new int[n];
                java.util.Arrays.fill(bg, a.paperRgb());
            }
            default -> bg = null;
        }
        if (a.ruledAt() >= 0) {
            if (bg == null) {
                bg = new int[n];
                java.util.Arrays.fill(bg, 0xffffff);
            }
            int y = clamp((int) Math.round(a.ruledAt() * (h - 1)), 0, h - 1);
            for (int x = 0; x < w; x++) {
                bg[y * w + x] = mix(bg[y * w + x], a.ruledRgb(), 200);
            }
        }
        int ink = a.inkRgb();
        int inkR = (ink >> 16) & 0xff;
        int inkG = (ink >> 8) & 0xff;
        int inkB = ink & 0xff;
        byte[] out = new byte[n * 3];
        for (int i = 0, o = 0; i < n; i++, o += 3) {
            int p = bg == null ? 0xffffff : bg[i];
            int c = coverage[i] & 0xff;
            int r = (p >> 16) & 0xff;
            int g = (p >> 8) & 0xff;
            int b = p & 0xff;
            if (c != 0) {
                r = (r * (255 - c) + inkR * c + 127) / 255;
                g = (g * (255 - c) + inkG * c + 127) / 255;
                b = (b * (255 - c) + inkB * c + 127) / 255;
            }
            out[o] = (byte) b;
            out[o + 1] = (byte) g;
            out[o + 2] = (byte) r;
        }
        return out;
    }

    private static int mix(int under, int over, int alpha) {
        int r = (((under >> 16) & 0xff) * (255 - alpha) + ((over >> 16) & 0xff) * alpha) / 255;
        int g = (((under >> 8) & 0xff) * (255 - alpha) + ((over >> 8) & 0xff) * alpha) / 255;
        int b = ((under & 0xff) * (255 - alpha) + (over & 0xff) * alpha) / 255;
        return (r << 16) | (g << 8) | b;
    }

    /**
     * Grey (luminance) noise, the same on all channels: the sum of three uniforms (21 bits each,
     * from one xorshift step) scaled to {@code sigma}: close to Gaussian, bounded at 3.5 sigma.
     */
    static void addNoise(byte[] bgr, double sigma, long seed) {
        long s = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
        // each uniform in [0, 2^21); their sum has mean 3 * 2^20 and sigma 2^21 / 2
        double scale = sigma / (1 << 20);
        for (int o = 0; o < bgr.length; o += 3) {
            s ^= s << 13;
            s ^= s >>> 7;
            s ^= s << 17;
            long sum = (s & 0x1FFFFF) + ((s >>> 21) & 0x1FFFFF) + ((s >>> 42) & 0x1FFFFF) - 3L * (1 << 20);
            int d = (int) Math.round(sum * scale);
            for (int c = 0; c < 3; c++) {
                int v = (bgr[o + c] & 0xff) + d;
                bgr[o + c] = (byte) (v < 0 ? 0 : v > 255 ? 255 : v);
            }
        }
    }

    private static byte[] jpegRoundTrip(byte[] bgr, int w, int h, int quality) {
        Mat img = new Mat(h, w, CV_8UC3);
        img.data().put(bgr);
        byte[] jpeg = encodeJpeg(img, quality);
        Mat back = opencv_imgcodecs.imdecode(new Mat(jpeg), opencv_imgcodecs.IMREAD_COLOR);
        byte[] out = new byte[w * h * 3];
        back.data().get(out);
        return out;
    }

    /** JPEG bytes of a BGR image (deterministic: the same pixels and quality give the same bytes). */
    static byte[] encodeJpeg(Mat bgr, int quality) {
        BytePointer buf = new BytePointer();
        IntPointer params = new IntPointer(opencv_imgcodecs.IMWRITE_JPEG_QUALITY, quality);
        if (!opencv_imgcodecs.imencode(".jpg", bgr, buf, params)) {
            throw new IllegalStateException("OpenCV could not encode a JPEG");
        }
        byte[] out = new byte[(int) buf.limit()];
        buf.get(out);
        buf.deallocate();
        return out;
    }

    /** JPEG bytes of a finished line. */
    public static byte[] jpeg(LineImage image, int quality) {
        try (PointerScope scope = new PointerScope()) {
            Mat img = new Mat(image.heightPx(), image.widthPx(), CV_8UC3);
            img.data().put(image.bgr());
            return encodeJpeg(img, quality);
        }
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** A smooth random displacement field: random vectors on a coarse grid, bicubically interpolated. */
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
