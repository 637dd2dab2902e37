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
import dev.fontgan.style.Hand;
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
 * band plus padding, then thickened or thinned, and brought to the output height in one OpenCV
 * pass: an area resize, or one remap that composes rotation, perspective, scaling and the sine
 * and elastic distortions ({@link LineWarp}). Then it is put on paper in ink colour, blurred,
 * noised and JPEG-degraded. Lines that are grey by their parameters (grey ink on white, grainy or
 * grey paper) stay one channel to the end, which makes them three times cheaper to finish.
 * Native buffers are kept per instance and grown as lines need; one instance per thread. The
 * result depends only on the plan.
 */
public final class LineRenderer {
    /** Ascent and descent of the line band, em (as layout frames a line). */
    private static final double BAND_ASCENT_EM = 0.92;
    private static final double BAND_DESCENT_EM = 0.3;
    /** Output height over pixels per em at which text is rendered: the band plus some padding. */
    private static final double HEIGHT_PER_EM = 1.35;

    static {
        // lines are made in parallel by dataset workers; OpenCV's own thread pool would only compete with them
        opencv_core.setNumThreads(1);
    }

    private final StyleMix styles;
    private final ShippedFonts fallbacks;
    /** Per-instance scratch: the crop (Java and native), the output, the remap table. */
    private byte[] crop = new byte[0];
    private float[] map = new float[0];
    private BytePointer cropNative;
    private BytePointer outNative;
    private FloatPointer mapNative;

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
        int pxPerEm = pxPerEm(plan.heightPx());
        Handwriting hw = Handwriting.natural(a.jitter()).withSlantDeg(a.slantDeg()).withTrackingEm(a.trackingEm())
                .withWordSpacing(a.wordSpacing());
        RenderOptions options = new RenderOptions(pxPerEm, 0, 1.45, hw, plan.seed(), 0, dev.fontgan.render.Background.WHITE,
                true, false);
        Hand hand = style.handFor(plan.styleSeed());
        if (hand instanceof CachedHand cached) {
            hand = cached.forLineSize(pxPerEm);
        }
        Renderer renderer = new Renderer(hand, plan.substitute() ? fallbacks : ShippedFonts.none());
        InkPage ink = renderer.renderInk(plan.text(), options);
        if (!ink.unwritable().isEmpty() || !plan.substitute() && !ink.fallbacks().isEmpty()) {
            throw new IllegalStateException(style.name() + " left characters of '" + plan.text() + "' undrawn: "
                    + ink.unwritable() + " " + ink.fallbacks());
        }
        int[] box = cropBand(ink, pxPerEm, a);
        int cw = box[2];
        int ch = box[3];
        LineWarp warp = LineWarp.of(cw, ch, a, plan.heightPx());
        int w = warp.widthPx();
        int h = warp.heightPx();
        boolean grey = isGrey(a);
        int channels = grey ? 1 : 3;
        ensureCapacity(cw * ch, w * h * channels, warp.onlyScales() ? 0 : w * h * 2);
        byte[] coverage = new byte[w * h];
        try (PointerScope scope = new PointerScope()) {
            cropNative.put(crop, 0, cw * ch);
            Mat mask = stroke(new Mat(ch, cw, CV_8UC1, cropNative), a.strokePx());
            Mat shaped = new Mat(h, w, CV_8UC1, outNative);
            if (warp.onlyScales()) {
                opencv_imgproc.resize(mask, shaped, new Size(w, h), 0, 0, INTER_AREA);
            } else {
                warp.fill(map);
                mapNative.put(map, 0, w * h * 2);
                opencv_imgproc.remap(mask, shaped, new Mat(h, w, CV_32FC2, mapNative), new Mat(), INTER_LINEAR,
                        opencv_core.BORDER_CONSTANT, new Scalar(0.0));
            }
            outNative.get(coverage, 0, w * h);
            byte[] pixels = grey ? compositeGrey(coverage, w, h, a) : composite(coverage, w, h, a);
            if (a.blurSigma() > 0) {
                Mat img = new Mat(h, w, grey ? CV_8UC1 : CV_8UC3, outNative);
                outNative.put(pixels, 0, pixels.length);
                opencv_imgproc.GaussianBlur(img, img, new Size(0, 0), a.blurSigma());
                outNative.get(pixels, 0, pixels.length);
            }
            if (a.noiseSigma() > 0) {
                addNoise(pixels, channels, a.noiseSigma(), a.noiseSeed());
            }
            if (a.jpegQuality() > 0) {
                pixels = jpegRoundTrip(pixels, w, h, channels, a.jpegQuality());
            }
            boolean grainy = a.noiseSigma() > 0 || a.background().equals("noise");
            return new LineImage(w, h, channels, pixels, grainy);
        }
    }

    /** Pixels per em at which the text of a line {@code heightPx} high is set. */
    static int pxPerEm(int heightPx) {
        return Math.max(8, (int) Math.round(heightPx / HEIGHT_PER_EM));
    }

    /** Grows the scratch buffers (outside any pointer scope, so they outlive the line). */
    private void ensureCapacity(int cropBytes, int outBytes, int mapFloats) {
        if (crop.length < cropBytes) {
            crop = new byte[cropBytes * 5 / 4];
        }
        if (cropNative == null || cropNative.capacity() < cropBytes) {
            release(cropNative);
            cropNative = new BytePointer((long) cropBytes * 5 / 4);
        }
        if (outNative == null || outNative.capacity() < outBytes) {
            release(outNative);
            outNative = new BytePointer((long) Math.max(outBytes * 5 / 4, 3 << 12));
        }
        if (map.length < mapFloats) {
            map = new float[mapFloats * 5 / 4];
        }
        if (mapFloats > 0 && (mapNative == null || mapNative.capacity() < mapFloats)) {
            release(mapNative);
            mapNative = new FloatPointer((long) mapFloats * 5 / 4);
        }
    }

    private static void release(org.bytedeco.javacpp.Pointer p) {
        if (p != null) {
            p.close();
        }
    }

    /** Whether the finished line is grey by its parameters: grey ink on white, grainy or grey flat paper, no ruled line. */
    static boolean isGrey(Augmentation a) {
        boolean paper = switch (a.background()) {
            case "white", "noise" -> true;
            case "flat" -> isGrey(a.paperRgb());
            default -> false;
        };
        return paper && isGrey(a.inkRgb()) && a.ruledAt() < 0;
    }

    private static boolean isGrey(int rgb) {
        return (rgb & 0xff) == ((rgb >> 8) & 0xff) && (rgb & 0xff) == ((rgb >> 16) & 0xff);
    }

    /**
     * Copies the ink of the line band (ascent to descent, widened to all ink) plus padding into
     * {@link #crop}; returns {x, y, width, height} of the crop on the page.
     */
    private int[] cropBand(InkPage ink, int pxPerEm, Augmentation a) {
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
        if (crop.length < w * h) {
            crop = new byte[w * h * 5 / 4];
        }
        byte[] src = ink.coverage();
        for (int y = 0; y < h; y++) {
            System.arraycopy(src, (y0 + y) * ink.widthPx() + x0, crop, y * w, w);
        }
        return new int[] {x0, y0, w, h};
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

    /** Grey ink over white, flat grey or grainy grey paper; one byte per pixel. */
    static byte[] compositeGrey(byte[] coverage, int w, int h, Augmentation a) {
        int n = w * h;
        int ink = a.inkRgb() & 0xff;
        byte[] out = new byte[n];
        if (a.background().equals("noise")) {
            SplittableRandom r = new SplittableRandom(a.backgroundSeed());
            int base = a.paperRgb() & 0xff;
            for (int i = 0; i < n; i++) {
                int p = clamp(base + (int) Math.round((r.nextDouble() + r.nextDouble() - 1) * 28), 0, 255);
                int c = coverage[i] & 0xff;
                out[i] = (byte) ((p * (255 - c) + ink * c + 127) / 255);
            }
            return out;
        }
        int paper = a.background().equals("flat") ? a.paperRgb() & 0xff : 255;
        byte[] lut = new byte[256];
        for (int c = 0; c < 256; c++) {
            lut[c] = (byte) ((paper * (255 - c) + ink * c + 127) / 255);
        }
        for (int i = 0; i < n; i++) {
            out[i] = lut[coverage[i] & 0xff];
        }
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
     * Integer arithmetic: the offset is the sum times sigma in 32.32 fixed point, rounded.
     */
    static void addNoise(byte[] pixels, int channels, double sigma, long seed) {
        long s = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
        // each uniform in [0, 2^21); their sum has mean 3 * 2^20 and sigma 2^21 / 2
        long scale = Math.round(sigma * (1L << 12)); // sigma / 2^20 in 32.32
        for (int o = 0; o < pixels.length; o += channels) {
            s ^= s << 13;
            s ^= s >>> 7;
            s ^= s << 17;
            long sum = (s & 0x1FFFFF) + ((s >>> 21) & 0x1FFFFF) + ((s >>> 42) & 0x1FFFFF) - 3L * (1 << 20);
            int d = (int) ((sum * scale + (1L << 31)) >> 32);
            for (int c = 0; c < channels; c++) {
                int v = (pixels[o + c] & 0xff) + d;
                pixels[o + c] = (byte) (v < 0 ? 0 : v > 255 ? 255 : v);
            }
        }
    }

    private static byte[] jpegRoundTrip(byte[] pixels, int w, int h, int channels, int quality) {
        Mat img = new Mat(h, w, channels == 1 ? CV_8UC1 : CV_8UC3);
        img.data().put(pixels);
        byte[] jpeg = encodeJpeg(img, quality);
        Mat back = opencv_imgcodecs.imdecode(new Mat(jpeg),
                channels == 1 ? opencv_imgcodecs.IMREAD_GRAYSCALE : opencv_imgcodecs.IMREAD_COLOR);
        byte[] out = new byte[w * h * channels];
        back.data().get(out);
        return out;
    }

    /** JPEG bytes of a grey or BGR image (deterministic: the same pixels and quality give the same bytes). */
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
            Mat img = new Mat(image.heightPx(), image.widthPx(), image.channels() == 1 ? CV_8UC1 : CV_8UC3);
            img.data().put(image.pixels());
            return encodeJpeg(img, quality);
        }
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
