package dev.fontgan.ocr;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;

import dev.fontgan.font.FontFile;
import dev.fontgan.glyph.GlyphImage;
import dev.fontgan.style.Hand;
import java.awt.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * A hand whose generated glyph images are shrunk once (OpenCV area resize) to about the size
 * dataset lines draw them at, and kept. A 64 px generated glyph set in a 32 px line is drawn at
 * about a third of its size, where the renderer's cubic filter widens to some 100 taps per page
 * pixel and scans 64 x 64 pixels per glyph and line; at {@link #MARGIN} times the page scale it
 * interpolates with 16 taps. The result depends only on the glyph and the size (deterministic).
 * Outlines (plain fonts) pass through untouched.
 */
final class LineSizeHand implements Hand {
    /** Image pixels per page pixel after shrinking: above 1 so glyphs the jitter makes 20% smaller still interpolate. */
    static final double MARGIN = 1.25;

    private final Hand hand;
    private final int pxPerEm;
    private final Map<Integer, GlyphImage> shrunk = new ConcurrentHashMap<>();

    LineSizeHand(Hand hand, int pxPerEm) {
        this.hand = hand;
        this.pxPerEm = pxPerEm;
    }

    @Override
    public String name() {
        return hand.name();
    }

    @Override
    public FontFile metrics() {
        return hand.metrics();
    }

    @Override
    public int sizePx() {
        return hand.sizePx();
    }

    @Override
    public boolean canWrite(int codePoint) {
        return hand.canWrite(codePoint);
    }

    @Override
    public Shape outline(int codePoint) {
        return hand.outline(codePoint);
    }

    @Override
    public GlyphImage[] write(int[] codePoints) {
        List<Integer> missing = new ArrayList<>();
        for (int cp : codePoints) {
            if (!shrunk.containsKey(cp)) {
                missing.add(cp);
            }
        }
        if (!missing.isEmpty()) {
            int[] batch = missing.stream().mapToInt(Integer::intValue).toArray();
            GlyphImage[] made = hand.write(batch);
            for (int i = 0; i < batch.length; i++) {
                shrunk.put(batch[i], made[i] == null ? CachedHand.NONE : shrink(made[i]));
            }
        }
        GlyphImage[] out = new GlyphImage[codePoints.length];
        for (int i = 0; i < codePoints.length; i++) {
            GlyphImage g = shrunk.get(codePoints[i]);
            out[i] = g == CachedHand.NONE ? null : g;
        }
        return out;
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

    @Override
    public void close() {
        hand.close();
    }
}
