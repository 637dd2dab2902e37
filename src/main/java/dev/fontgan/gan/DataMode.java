package dev.fontgan.gan;

/** The kind of data a variant trains on. */
public enum DataMode {
    /** Characters as classes, each drawn in many fonts (labels available). */
    CLASS_GLYPHS,
    /** (source-font glyph, target-font glyph) pairs of the same character. */
    PAIRED_GLYPHS
}
