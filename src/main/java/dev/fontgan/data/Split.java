package dev.fontgan.data;

import java.util.Locale;

/**
 * Which part of a dataset a character belongs to, decided by a seeded hash of its code point so
 * the same seed always splits the same way: TRAIN ~85%, VAL ~5%, TEST ~10%. Test characters are
 * never seen in training, in any style.
 */
public enum Split {
    TRAIN, VAL, TEST;

    /** Fraction of characters in TEST. */
    public static final double TEST_FRACTION = 0.10;
    /** Fraction of characters in VAL. */
    public static final double VAL_FRACTION = 0.05;

    /** The split of a code point under a seed. */
    public static Split of(int codePoint, long seed) {
        long h = mix(codePoint * 0x9E3779B97F4A7C15L ^ mix(seed + 0x632BE59BD9B4E019L));
        double u = (h >>> 11) * 0x1.0p-53;
        if (u < TEST_FRACTION) {
            return TEST;
        }
        return u < TEST_FRACTION + VAL_FRACTION ? VAL : TRAIN;
    }

    /** Lower-case name as used on the command line and in manifests. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "train", "val" or "test" (case-insensitive). */
    public static Split parse(String text) {
        for (Split s : values()) {
            if (s.id().equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw new dev.fontgan.FontganException("--split", "expected train, val or test, got '" + text + "'");
    }

    /** A strong 64-bit mixer (the finalizer of SplitMix64). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
