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
 * @param trackingEm       extra gap before every glyph, in em (may be negative; inks still keep a small gap)
 * @param wordSpacing      factor on the advance of blanks (1 = as the font sets them)
 */
public record Handwriting(double baselineDriftEm, double sizeJitter, double rotationDeg,
                          double spacingJitterEm, double slantDeg, double trackingEm, double wordSpacing) {
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
        check("--tracking", trackingEm, -0.2, 1);
        check("--word-spacing", wordSpacing, 0.25, 5);
    }

    /** Jitter bounds and slant with the font's own letter and word spacing. */
    public Handwriting(double baselineDriftEm, double sizeJitter, double rotationDeg, double spacingJitterEm,
                       double slantDeg) {
        this(baselineDriftEm, sizeJitter, rotationDeg, spacingJitterEm, slantDeg, 0, 1);
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
        return new Handwriting(v, sizeJitter, rotationDeg, spacingJitterEm, slantDeg, trackingEm, wordSpacing);
    }

    public Handwriting withSizeJitter(double v) {
        return new Handwriting(baselineDriftEm, v, rotationDeg, spacingJitterEm, slantDeg, trackingEm, wordSpacing);
    }

    public Handwriting withRotationDeg(double v) {
        return new Handwriting(baselineDriftEm, sizeJitter, v, spacingJitterEm, slantDeg, trackingEm, wordSpacing);
    }

    public Handwriting withSpacingJitterEm(double v) {
        return new Handwriting(baselineDriftEm, sizeJitter, rotationDeg, v, slantDeg, trackingEm, wordSpacing);
    }

    public Handwriting withSlantDeg(double v) {
        return new Handwriting(baselineDriftEm, sizeJitter, rotationDeg, spacingJitterEm, v, trackingEm, wordSpacing);
    }

    public Handwriting withTrackingEm(double v) {
        return new Handwriting(baselineDriftEm, sizeJitter, rotationDeg, spacingJitterEm, slantDeg, v, wordSpacing);
    }

    public Handwriting withWordSpacing(double v) {
        return new Handwriting(baselineDriftEm, sizeJitter, rotationDeg, spacingJitterEm, slantDeg, trackingEm, v);
    }

    private static void check(String flag, double v, double min, double max) {
        if (!(v >= min && v <= max)) {
            throw new FontganException(flag, "expected a number in " + min + ".." + max + ", got " + v);
        }
    }
}
