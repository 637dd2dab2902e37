package dev.fontgan.style;

import dev.fontgan.Progress;
import dev.fontgan.font.FontFile;
import dev.fontgan.glyph.GlyphImage;
import dev.fontgan.glyph.GlyphRasterizer;
import dev.fontgan.glyph.Normalization;
import java.awt.Shape;

/**
 * A plain font as a hand: it is its own metrics font and gives exact outlines, so text set with
 * it is drawn at the output size with no detour through small images (the baseline every
 * generated style is compared with). {@link #write(int[])} still rasterizes INK-normalized
 * images at {@link #sizePx()} for callers that want what a generator would return.
 */
public final class FontHand implements Hand {
    /** Image size of {@link #write(int[])} unless given: the models' size. */
    public static final int DEFAULT_SIZE_PX = 64;

    private final String name;
    private final FontFile font;
    private final int sizePx;

    public FontHand(String name, FontFile font, int sizePx) {
        this.name = name;
        this.font = font;
        this.sizePx = sizePx;
    }

    /** A hand named after the font's family, writing 64 px images. */
    public FontHand(FontFile font) {
        this(font.family(), font, DEFAULT_SIZE_PX);
    }

    public FontFile font() {
        return font;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public FontFile metrics() {
        return font;
    }

    @Override
    public int sizePx() {
        return sizePx;
    }

    @Override
    public boolean canWrite(int codePoint) {
        return font.has(codePoint);
    }

    @Override
    public GlyphImage[] write(int[] codePoints) {
        return new GlyphRasterizer(sizePx, Normalization.INK).rasterizeAll(font, codePoints, Progress.NONE);
    }

    @Override
    public Shape outline(int codePoint) {
        return font.glyph(codePoint).outline();
    }

    @Override
    public String toString() {
        return "FontHand[" + name + ", " + font.spec() + "]";
    }
}
