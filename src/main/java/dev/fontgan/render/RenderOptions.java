package dev.fontgan.render;

import dev.fontgan.FontganException;

/**
 * How a text becomes a picture.
 *
 * @param pxPerEm        nominal glyph size: pixels per em
 * @param widthPx        page width to wrap lines at; 0 fits the page to the longest line
 * @param lineSpacingEm  distance between baselines, in em
 * @param handwriting    jitter bounds (all seeded by {@code seed})
 * @param seed           drives the jitter and the paper
 * @param inkRgb         ink colour, {@code 0xRRGGBB}
 * @param background     white, transparent or paper
 * @param sharpen        re-sharpen the edges of enlarged glyph images
 * @param throughImages  draw the hand's glyphs from its images even when it has outlines (to see
 *                       a plain font the way a generated style is drawn)
 */
public record RenderOptions(int pxPerEm, int widthPx, double lineSpacingEm, Handwriting handwriting, long seed,
                            int inkRgb, Background background, boolean sharpen, boolean throughImages) {
    public static final int DEFAULT_PX_PER_EM = 64;
    public static final double DEFAULT_JITTER = 0.5;
    /** Dark blue-black, like a ballpoint. */
    public static final int DEFAULT_INK = 0x1d2242;
    /** Largest page side we agree to allocate. */
    static final int MAX_SIDE_PX = 32_000;

    public RenderOptions {
        if (pxPerEm < 8 || pxPerEm > 1024) {
            throw new FontganException("--size", "expected 8..1024 px per em, got " + pxPerEm);
        }
        if (widthPx < 0 || widthPx > MAX_SIDE_PX) {
            throw new FontganException("--width", "expected 0.." + MAX_SIDE_PX + " px, got " + widthPx);
        }
        if (!(lineSpacingEm >= 0.8 && lineSpacingEm <= 5)) {
            throw new FontganException("--line-spacing", "expected 0.8..5 em, got " + lineSpacingEm);
        }
    }

    /** 64 px per em, no wrapping, natural jitter at half strength, seed 1, ballpoint ink on white. */
    public static RenderOptions defaults() {
        return new RenderOptions(DEFAULT_PX_PER_EM, 0, 1.45, Handwriting.natural(DEFAULT_JITTER), 1,
                DEFAULT_INK, Background.WHITE, true, false);
    }

    public RenderOptions withPxPerEm(int v) {
        return new RenderOptions(v, widthPx, lineSpacingEm, handwriting, seed, inkRgb, background, sharpen, throughImages);
    }

    public RenderOptions withWidthPx(int v) {
        return new RenderOptions(pxPerEm, v, lineSpacingEm, handwriting, seed, inkRgb, background, sharpen, throughImages);
    }

    public RenderOptions withLineSpacingEm(double v) {
        return new RenderOptions(pxPerEm, widthPx, v, handwriting, seed, inkRgb, background, sharpen, throughImages);
    }

    public RenderOptions withHandwriting(Handwriting v) {
        return new RenderOptions(pxPerEm, widthPx, lineSpacingEm, v, seed, inkRgb, background, sharpen, throughImages);
    }

    public RenderOptions withSeed(long v) {
        return new RenderOptions(pxPerEm, widthPx, lineSpacingEm, handwriting, v, inkRgb, background, sharpen, throughImages);
    }

    public RenderOptions withInkRgb(int v) {
        return new RenderOptions(pxPerEm, widthPx, lineSpacingEm, handwriting, seed, v, background, sharpen, throughImages);
    }

    public RenderOptions withBackground(Background v) {
        return new RenderOptions(pxPerEm, widthPx, lineSpacingEm, handwriting, seed, inkRgb, v, sharpen, throughImages);
    }

    public RenderOptions withSharpen(boolean v) {
        return new RenderOptions(pxPerEm, widthPx, lineSpacingEm, handwriting, seed, inkRgb, background, v, throughImages);
    }

    public RenderOptions withThroughImages(boolean v) {
        return new RenderOptions(pxPerEm, widthPx, lineSpacingEm, handwriting, seed, inkRgb, background, sharpen, v);
    }

    /** Page margin: half an em. */
    public double marginPx() {
        return pxPerEm * 0.5;
    }

    /** Parses {@code #RRGGBB} (or {@code RRGGBB}). */
    public static int parseInk(String text) {
        String hex = text.startsWith("#") ? text.substring(1) : text;
        if (!hex.matches("[0-9a-fA-F]{6}")) {
            throw new FontganException("--ink", "expected a colour as #RRGGBB, got '" + text + "'");
        }
        return Integer.parseInt(hex, 16);
    }
}
