package dev.fontgan.ocr;

import dev.fontgan.font.FontFile;
import dev.fontgan.glyph.GlyphImage;
import dev.fontgan.style.Hand;

/**
 * Finds hands that draw lowercase letters as capitals (all-caps and small-caps handwriting fonts,
 * or a generator trained on one): a label "hello" on a picture of "HELLO" is a wrong label. It
 * compares what the hand writes for lowercase letters whose capitals look different in ordinary
 * hands with what it writes for those capitals, both ink-normalized (so small capitals match
 * too). Works from {@link Hand#write}, so fonts and generated styles are judged alike.
 */
final class CapitalsOnly {
    /** Letters whose lowercase and capital shapes differ in ordinary hands. */
    private static final String PAIRS = "abdeghnqrt";
    /** Mean absolute difference (0..1) under which two glyphs count as the same shape. */
    static final double SAME_SHAPE = 0.06;

    private CapitalsOnly() {}

    private static final String X_HEIGHT = "acemnorsuvwxz";
    private static final String ASCENDERS = "bdhkl";
    /**
     * Ascender letters at most this much taller than x-height letters: capitals. Measured on the
     * shipped fonts: lowercase hands 1.23 (femke) to 3.0, all- and small-caps hands 0.88 to 1.13.
     */
    static final double ASCENDER_RATIO = 1.18;

    /** Median ink height of b d h k l over that of x-height letters; NaN where the font lacks them. */
    static double ascenderRatio(FontFile f) {
        return median(f, ASCENDERS) / median(f, X_HEIGHT);
    }

    private static double median(FontFile f, String letters) {
        double[] v = letters.chars().filter(f::has).mapToDouble(c -> f.inkBounds(c).getHeight()).sorted().toArray();
        return v.length == 0 ? Double.NaN : v[v.length / 2];
    }

    /**
     * Whether the hand writes lowercase as capitals. A font (a hand with outlines) is judged by its
     * lowercase proportions: in ordinary lowercase b d h k l stand well above a e n r; in all-caps
     * and small-caps hands they do not. Other hands by their written glyphs: most lowercase
     * letters come out as the shapes of their capitals.
     */
    static boolean test(Hand hand) {
        if (hand.outline('a') != null) {
            double ratio = ascenderRatio(hand.metrics());
            if (!Double.isNaN(ratio)) {
                return ratio < ASCENDER_RATIO;
            }
        }
        return writesCapitals(hand);
    }

    /** Whether most testable lowercase letters come out as the very shapes of their capitals. */
    static boolean writesCapitals(Hand hand) {
        int[] cps = new int[PAIRS.length() * 2];
        for (int i = 0; i < PAIRS.length(); i++) {
            cps[2 * i] = PAIRS.charAt(i);
            cps[2 * i + 1] = Character.toUpperCase(PAIRS.charAt(i));
        }
        int[] writable = java.util.Arrays.stream(cps).filter(hand::canWrite).toArray();
        GlyphImage[] images = hand.write(writable);
        java.util.Map<Integer, GlyphImage> byCp = new java.util.HashMap<>();
        for (int i = 0; i < writable.length; i++) {
            if (images[i] != null) {
                byCp.put(writable[i], images[i]);
            }
        }
        int tested = 0;
        int same = 0;
        for (int i = 0; i < PAIRS.length(); i++) {
            GlyphImage lower = byCp.get((int) PAIRS.charAt(i));
            GlyphImage upper = byCp.get((int) Character.toUpperCase(PAIRS.charAt(i)));
            if (lower == null || upper == null || lower.sizePx() != upper.sizePx()) {
                continue;
            }
            tested++;
            if (difference(lower, upper) < SAME_SHAPE) {
                same++;
            }
        }
        return tested >= 3 && same * 10 >= tested * 7;
    }

    /** Mean absolute pixel difference, 0 (equal) to 1. */
    static double difference(GlyphImage a, GlyphImage b) {
        byte[] p = a.pixels();
        byte[] q = b.pixels();
        long sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += Math.abs((p[i] & 0xff) - (q[i] & 0xff));
        }
        return sum / (255.0 * p.length);
    }
}
