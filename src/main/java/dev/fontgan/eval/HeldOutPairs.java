package dev.fontgan.eval;

/**
 * Which (font, character) pairs the classifier never trains on: a seeded hash of the font's
 * name and the code point below {@code fraction}. The character is still learnt from the other
 * fonts and the font from its other characters, so held-out pairs measure what evaluating a
 * GAN needs: a known character in a known style, in a combination not seen in training.
 */
public record HeldOutPairs(long seed, double fraction) {
    public HeldOutPairs {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("held-out fraction " + fraction + " outside [0, 1)");
        }
    }

    public boolean isHeldOut(String styleName, int codePoint) {
        long h = seed * 0x9E3779B97F4A7C15L + styleName.hashCode() * 0xC2B2AE3D27D4EB4FL + codePoint;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (h >>> 11) * 0x1.0p-53 < fraction;
    }
}
