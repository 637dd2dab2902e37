package dev.fontgan.data;

/**
 * Brings a glyph's strokes to one weight: ink contrast stretched so strokes are full black, then a grayscale
 * dilation (thin strokes) or erosion (heavy strokes) blended in until the mean stroke width reaches
 * the target. The width estimate is 2 * ink / edge length (a stroke of width w and length L has
 * ink w * L and two edges of length L), so outline fonts read as thin and get filled toward solid.
 *
 * <p>Why: the class glyphs mix hairline, gray, outline and heavy fonts (1.0-3.7 px at 32 px), and
 * an unsupervised code (InfoGAN) can spend itself on "faint glyphs of any digit" as well as on a
 * digit; one weight leaves it the shapes.
 */
public final class StrokeWeight {
    /** Bisection steps for the blend amount: 2^-12 of two morphology passes is far below a gray level. */
    private static final int SEARCH_STEPS = 12;
    /** Ink above which a pixel counts as part of a stroke for the contrast stretch. */
    private static final float INKED = 0.1f;
    private final int sizePx;
    private final float targetPx;

    /** @param targetPx mean stroke width wanted, in pixels of a {@code sizePx} glyph */
    public StrokeWeight(int sizePx, float targetPx) {
        if (sizePx < 3 || !(targetPx > 0)) {
            throw new IllegalArgumentException("stroke weight needs size >= 3 and a positive target, got " + sizePx
                    + " / " + targetPx);
        }
        this.sizePx = sizePx;
        this.targetPx = targetPx;
    }

    /** Mean stroke width of an ink image (values in [0, 1], row-major {@code sizePx^2}); 0 for a blank one. */
    public float width(float[] ink) {
        int s = sizePx;
        double sum = 0;
        double edge = 0;
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                float v = ink[y * s + x];
                sum += v;
                // borders count as paper, so a glyph touching the edge still has its outline measured
                edge += Math.abs(v - (x + 1 < s ? ink[y * s + x + 1] : 0f));
                edge += Math.abs(v - (y + 1 < s ? ink[(y + 1) * s + x] : 0f));
                if (x == 0) {
                    edge += v;
                }
                if (y == 0) {
                    edge += v;
                }
            }
        }
        return edge == 0 ? 0f : (float) (2 * sum / edge);
    }

    /** The normalized copy of an ink image (values in [0, 1]); a blank image comes back blank. */
    public float[] normalize(float[] ink) {
        float full = fullInk(ink);
        if (full == 0) {
            return ink.clone();
        }
        float[] a = new float[ink.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.min(1f, ink[i] / full);
        }
        float w = width(a);
        if (Math.abs(w - targetPx) < 1e-3f) {
            return a;
        }
        boolean dilate = w < targetPx;
        float[] once = morph(a, dilate);
        float[] twice = morph(once, dilate);
        // amount t in [0, 2]: blend toward one pass, then from one pass toward two; width is monotone in t
        float lo = 0;
        float hi = 2;
        if (dilate == (width(blend(a, once, twice, hi)) < targetPx)) {
            return blend(a, once, twice, hi); // two passes do not reach the target: take them
        }
        for (int i = 0; i < SEARCH_STEPS; i++) {
            float mid = (lo + hi) / 2;
            if (dilate == (width(blend(a, once, twice, mid)) < targetPx)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return blend(a, once, twice, (lo + hi) / 2);
    }

    /**
     * The ink level taken as full black: the 80th percentile of the inked pixels. Solid strokes
     * give 1 (anti-aliased edges are under a fifth of a glyph's ink pixels at 32 px); a gray font
     * (hairlines rendered at partial coverage) gives its stroke level. 0 for a blank image.
     */
    static float fullInk(float[] ink) {
        float[] inked = new float[ink.length];
        int n = 0;
        for (float v : ink) {
            if (v > INKED) {
                inked[n++] = v;
            }
        }
        if (n == 0) {
            return 0f;
        }
        java.util.Arrays.sort(inked, 0, n);
        return inked[Math.min(n - 1, (int) (0.8 * n))];
    }

    /** Normalizes uint8 ink glyphs ({@code sizePx^2} bytes each) in place. */
    public void normalizeAll(byte[] glyphs) {
        int area = sizePx * sizePx;
        float[] ink = new float[area];
        for (int off = 0; off + area <= glyphs.length; off += area) {
            for (int i = 0; i < area; i++) {
                ink[i] = (glyphs[off + i] & 0xFF) / 255f;
            }
            float[] out = normalize(ink);
            for (int i = 0; i < area; i++) {
                glyphs[off + i] = (byte) Math.round(Math.min(1f, Math.max(0f, out[i])) * 255f);
            }
        }
    }

    private static float[] blend(float[] a, float[] once, float[] twice, float t) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = t <= 1 ? a[i] + t * (once[i] - a[i]) : once[i] + (t - 1) * (twice[i] - once[i]);
        }
        return out;
    }

    /** 4-neighbour grayscale dilation (max) or erosion (min); outside the image is paper. */
    private float[] morph(float[] in, boolean dilate) {
        int s = sizePx;
        float[] out = new float[in.length];
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                int i = y * s + x;
                float up = y > 0 ? in[i - s] : 0f;
                float down = y < s - 1 ? in[i + s] : 0f;
                float left = x > 0 ? in[i - 1] : 0f;
                float right = x < s - 1 ? in[i + 1] : 0f;
                out[i] = dilate
                        ? Math.max(in[i], Math.max(Math.max(up, down), Math.max(left, right)))
                        : Math.min(in[i], Math.min(Math.min(up, down), Math.min(left, right)));
            }
        }
        return out;
    }
}
