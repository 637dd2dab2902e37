package dev.fontgan.render;

import dev.fontgan.FontganException;

/**
 * How far the writing strays from perfect typesetting. Every amount is a hard bound, so a
 * setting of 0 turns that effect off and layout can promise limits (tests rely on it).
 *
 * @param baselineDriftEm  largest distance of a glyph's baseline from the line's, in em
 * @param sizeJitter       largest relative change of a glyph's size (0.05 = up to 5% bigger or smaller)
 * @param rotationDeg      largest rotation of a glyph about its ink center, degrees
 * @param spacingJitterEm  largest change of the gap before a glyph, in em (never makes glyphs touch)
 * @param slantDeg         slant of all glyphs, degrees, positive leaning right
 */
public record Handwriting(double baselineDriftEm, double sizeJitter, double rotationDeg,
                          double spacingJitterEm, double slantDeg) {
    /** Exact typesetting. */
    public static final Handwriting NONE = new Handwriting(0, 0, 0, 0, 0);

    /** Bounds at {@code --jitter 1}; the default amount is half of this. */
    static final Handwriting FULL = new Handwriting(0.06, 0.08, 5, 0.08, 0);

    public Handwriting {
        check("--baseline-drift", baselineDriftEm, 0, 0.5);
        check("--size-jitter", sizeJitter, 0, 0.5);
        check("--rotation", rotationDeg, 0, 45);
        check("--spacing-jitter", spacingJitterEm, 0, 0.5);
        check("--slant", slantDeg, -45, 45);
    }

    /** All jitters at {@code amount} (0..1) of their full setting, no slant. */
    public static Handwriting natural(double amount) {
        if (!(amount >= 0 && amount <= 1)) {
            throw new FontganException("--jitter", "expected a number in 0..1, got " + amount);
        }
        return new Handwriting(FULL.baselineDriftEm * amount, FULL.sizeJitter * amount,
                FULL.rotationDeg * amount, FULL.spacingJitterEm * amount, 0);
    }

    public Handwriting withBaselineDriftEm(double v) {
        return new Handwriting(v, sizeJitter, rotationDeg, spacingJitterEm, slantDeg);
    }

    public Handwriting withSizeJitter(double v) {
        return new Handwriting(baselineDriftEm, v, rotationDeg, spacingJitterEm, slantDeg);
    }

    public Handwriting withRotationDeg(double v) {
        return new Handwriting(baselineDriftEm, sizeJitter, v, spacingJitterEm, slantDeg);
    }

    public Handwriting withSpacingJitterEm(double v) {
        return new Handwriting(baselineDriftEm, sizeJitter, rotationDeg, v, slantDeg);
    }

    public Handwriting withSlantDeg(double v) {
        return new Handwriting(baselineDriftEm, sizeJitter, rotationDeg, spacingJitterEm, v);
    }

    private static void check(String flag, double v, double min, double max) {
        if (!(v >= min && v <= max)) {
            throw new FontganException(flag, "expected a number in " + min + ".." + max + ", got " + v);
        }
    }
}
