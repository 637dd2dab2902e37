package dev.fontgan.render;

import java.awt.geom.Rectangle2D;

/**
 * What layout needs of one character, in the units of the font that places it (y up).
 *
 * @param advance       pen advance of the metrics font
 * @param leftBearing   gap from the pen to the ink's left edge (metrics font, may be negative)
 * @param rightBearing  gap from the ink's right edge to the next pen position
 * @param ink           where the drawn glyph's ink lies, or null for a blank (space, unwritable)
 * @param fullWidth     CJK-style: placed by advance on a fixed pitch; otherwise spaced by ink
 */
public record GlyphMetrics(int codePoint, double unitsPerEm, double advance, double leftBearing,
                           double rightBearing, Rectangle2D ink, boolean fullWidth) {

    /** A character without ink that only moves the pen. */
    public static GlyphMetrics blank(int codePoint, double unitsPerEm, double advance) {
        return new GlyphMetrics(codePoint, unitsPerEm, advance, 0, 0, null, Scripts.isFullWidth(codePoint));
    }

    /** A glyph placed exactly as its font sets it: bearings from its own ink box. */
    public static GlyphMetrics of(int codePoint, double unitsPerEm, double advance, Rectangle2D ink) {
        return new GlyphMetrics(codePoint, unitsPerEm, advance, ink.getMinX(), advance - ink.getMaxX(), ink,
                Scripts.isFullWidth(codePoint));
    }

    public boolean isBlank() {
        return ink == null;
    }
}
