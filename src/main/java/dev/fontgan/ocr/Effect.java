package dev.fontgan.ocr;

import java.util.Locale;

/**
 * The variations a dataset line can get, each drawn with a probability and a value range
 * ({@link AugmentConfig}). Units: em of the rendered font for spacing and padding, degrees for
 * angles, fractions of the line height for geometric distortions, pixels of the output for blur,
 * grey levels for noise, and JPEG quality.
 */
public enum Effect {
    /** Handwriting jitter of baseline, size, rotation and spacing per glyph (0..1 of full). */
    JITTER(1.0, 0.0, 0.6),
    /** Slant of the glyphs (skew), degrees; drawn by the renderer (Java2D shear). */
    SKEW(0.3, -12, 12),
    /** Extra gap between letters, em. */
    TRACKING(0.2, -0.03, 0.12),
    /** Factor on word spaces. */
    WORD_SPACING(0.2, 0.7, 2.0),
    /** Blank around the text, em on each side (drawn per side). */
    PADDING(1.0, 0.02, 0.3),
    /** Stroke width change in pixels at render scale: negative erodes, positive dilates (OpenCV). */
    STROKE(0.15, -1, 2),
    /** Rotation of the whole line, degrees (OpenCV warp). */
    ROTATE(0.3, -2.5, 2.5),
    /** Perspective: largest corner displacement as a fraction of the line height (OpenCV warp). */
    PERSPECTIVE(0.2, 0.03, 0.15),
    /** Sine wave along the line: amplitude as a fraction of the height (OpenCV remap). */
    SINE(0.15, 0.02, 0.07),
    /** Elastic distortion: smooth random displacement, amplitude as a fraction of the height (OpenCV remap). */
    ELASTIC(0.15, 0.02, 0.06),
    /** Ink colour other than near-black: chance only (the colour is drawn from dark hues). */
    INK(0.5, 0, 1),
    /** Flat tinted paper: chance only. */
    FLAT_BACKGROUND(0.2, 0, 1),
    /** Grainy grey background: chance only. */
    NOISE_BACKGROUND(0.1, 0, 1),
    /** Procedural paper (fibres, blotches): chance only. */
    PAPER(0.2, 0, 1),
    /** A ruled line under or through the text: chance only. */
    RULED(0.1, 0, 1),
    /** Gaussian blur, sigma in output pixels (OpenCV). */
    BLUR(0.3, 0.3, 1.1),
    /** Gaussian-like grey noise, sigma in grey levels. */
    NOISE(0.3, 2, 14),
    /** JPEG artefacts: quality (OpenCV encode and decode). */
    JPEG(0.2, 25, 80);

    private final double probability;
    private final double low;
    private final double high;

    Effect(double probability, double low, double high) {
        this.probability = probability;
        this.low = low;
        this.high = high;
    }

    public double defaultProbability() {
        return probability;
    }

    public double defaultLow() {
        return low;
    }

    public double defaultHigh() {
        return high;
    }

    /** Flag name, e.g. {@code word-spacing}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The effect of a flag name, or null. */
    public static Effect byId(String id) {
        for (Effect e : values()) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        return null;
    }
}
