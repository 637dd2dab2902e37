package dev.fontgan.style;

import dev.fontgan.font.FontFile;
import dev.fontgan.glyph.GlyphImage;
import java.awt.Shape;

/**
 * Something that writes characters in one style: a plain font ({@link FontHand}) or a trained
 * style pack generating glyph images. The renderer asks a hand for all the characters of a text
 * in one batch and places what it gets back by the hand's {@link #metrics()} font.
 *
 * <p>To plug a generator in, implement {@link #name()}, {@link #metrics()}, {@link #sizePx()},
 * {@link #canWrite(int)} and {@link #write(int[])}; the renderer needs nothing else.
 */
public interface Hand extends AutoCloseable {
    /** Short style name for messages, e.g. {@code "ukai"} or the font's family. */
    String name();

    /**
     * The font whose metrics place this hand's glyphs: advance widths, ink boxes and baseline.
     * For a style pack this is its source font (the glyphs the model was fed).
     */
    FontFile metrics();

    /** Side of the square images {@link #write(int[])} returns, in pixels (the model's size). */
    int sizePx();

    /** Whether this hand can write the character (for a style pack: its source font has it). */
    boolean canWrite(int codePoint);

    /**
     * Writes characters in one batch, one image per code point, in order; null where the hand
     * cannot write one. Each image is {@link #sizePx()} square, uint8 ink coverage, in INK
     * normalization (the ink box scaled to fit and centered), and carries in
     * {@link GlyphImage#placement()} the frame that maps {@link #metrics()} font units into the
     * image: for a generator, the placement of the source glyph it was given (see
     * {@link #inkPlacement}). Callers pass each code point once.
     */
    GlyphImage[] write(int[] codePoints);

    /**
     * The exact outline of a character in {@link #metrics()} units (y up) when this hand has
     * one; the renderer then fills it at the output size instead of scaling the image from
     * {@link #write(int[])}. Generated hands keep the default: null.
     */
    default Shape outline(int codePoint) {
        return null;
    }

    /** Releases what the hand holds (model weights, native memory). */
    @Override
    default void close() {}

    /**
     * The INK-normalization frame of a character of {@code metrics} at {@code sizePx}: what a
     * generator attaches to the glyph it writes for that character, or null when the font
     * lacks it.
     */
    static GlyphImage.Placement inkPlacement(FontFile metrics, int codePoint, int sizePx) {
        FontFile.Glyph g = metrics.glyph(codePoint);
        if (g.outline() == null) {
            return null;
        }
        return new dev.fontgan.glyph.GlyphRasterizer(sizePx, dev.fontgan.glyph.Normalization.INK, 1).place(metrics, g);
    }
}
