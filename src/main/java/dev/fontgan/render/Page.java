package dev.fontgan.render;

import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * A laid-out text: lines of glyphs with their final geometry on the page (pixels, y down).
 *
 * @param widthPx   page width
 * @param heightPx  page height
 */
public record Page(int widthPx, int heightPx, List<Line> lines) {
    /** One line: its nominal baseline and its glyphs in reading order (blanks included). */
    public record Line(int index, double baselinePx, List<PlacedGlyph> glyphs) {}

    /**
     * One character on the page.
     *
     * @param textIndex       index of the code point in the text (code points, not chars)
     * @param toPage          font units of its metrics font (y up) to page pixels
     * @param inkPx           bounding box of its ink on the page, or null for a blank
     * @param baselineOffsetPx how far its baseline lies below the line's (drift)
     * @param scale           its size relative to the nominal size
     */
    public record PlacedGlyph(int textIndex, int codePoint, AffineTransform toPage, Rectangle2D inkPx,
                              double baselineOffsetPx, double scale) {}

    /** All glyphs of all lines. */
    public List<PlacedGlyph> glyphs() {
        return lines.stream().flatMap(l -> l.glyphs().stream()).toList();
    }
}
