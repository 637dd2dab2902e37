package dev.fontgan.ocr;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;

import dev.fontgan.glyph.GlyphImage;
import dev.fontgan.style.Hand;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Shrinks a hand's generated glyph images (OpenCV area resize) to about the size dataset lines
 * draw them at; {@link CachedHand#forLineSize} keeps the results. A 64 px generated glyph set in a
 * 32 px line is drawn at about a third of its size, where the renderer's cubic filter widens to some 100 taps per page
 * pixel and scans 64 x 64 pixels per glyph and line; at {@link #MARGIN} times the page scale it
 * interpolates with 16 taps. The result depends only on the glyph and the size (deterministic).
 * Outlines (plain fonts) pass through untouched.
 */
final class LineSizeShrink {
    /** Image pixels per page pixel after shrinking: above 1 so glyphs the jitter makes 20% smaller still interpolate. */
    static final double MARGIN = 1.25;

    private final Hand hand;
    private final int pxPerEm;

    LineSizeShrink(Hand hand, int pxPerEm) {
        this.hand = hand;
        this.pxPerEm = pxPerEm;
    }

    /** The glyph at {@link #MARGIN} times the line's scale, its placement scaled alike; as it is when already small. */
    GlyphImage shrink(GlyphImage g) {
        GlyphImage.Placement p = g.placement() != null ? g.placement()
                : Hand.inkPlacement(hand.metrics(), g.codePoint(), g.sizePx());
        if (p == null) {
            return g;
        }
        double imagePxPerEm = p.pxPerUnit() * hand.metrics().unitsPerEm();
        int n = g.sizePx();
        int size = Math.max(4, (int) Math.ceil(n * MARGIN * pxPerEm / imagePxPerEm));
        if (size >= n) {
            return g;
        }
        byte[] pixels = new byte[size * size];
        try (PointerScope scope = new PointerScope()) {
            Mat src = new Mat(n, n, CV_8UC1);
            src.data().put(g.pixels());
            Mat dst = new Mat(size, size, CV_8UC1);
            opencv_imgproc.resize(src, dst, new Size(size, size), 0, 0, INTER_AREA);
            dst.data().get(pixels);
        }
        double s = (double) size / n;
        return new GlyphImage(g.codePoint(), size, pixels,
                new GlyphImage.Placement(p.pxPerUnit() * s, p.originXPx() * s, p.baselinePx() * s));
    }
}
