package dev.fontgan.eval;

import dev.fontgan.FontganException;
import dev.fontgan.Progress;
import dev.fontgan.glyph.GlyphImage;
import dev.fontgan.glyph.GlyphRasterizer;
import dev.fontgan.glyph.Normalization;
import java.util.List;

/**
 * Every (font, character) render of a charset in a list of fonts, held in memory as uint8 ink,
 * labelled with the character's index in the charset (content) and the font's index (style).
 * Pairs a font lacks are left out. A seeded hash marks a share of the pairs as held out.
 */
final class LabelledGlyphs {
    final int sizePx;
    final int count;
    final byte[] pixels;
    final int[] content;
    final int[] style;
    final boolean[] heldOut;

    private LabelledGlyphs(int sizePx, int count, byte[] pixels, int[] content, int[] style, boolean[] heldOut) {
        this.sizePx = sizePx;
        this.count = count;
        this.pixels = pixels;
        this.content = content;
        this.style = style;
        this.heldOut = heldOut;
    }

    /** Renders all pairs; reports one unit per (font, character) tried. */
    static LabelledGlyphs render(List<StyleFont> fonts, int[] codePoints, int sizePx, Normalization normalization,
            HeldOutPairs split, Progress progress) {
        GlyphRasterizer rasterizer = new GlyphRasterizer(sizePx, normalization);
        int area = sizePx * sizePx;
        GlyphImage[][] all = new GlyphImage[fonts.size()][];
        int total = 0;
        progress.start("render glyphs", (long) fonts.size() * codePoints.length);
        for (int f = 0; f < fonts.size(); f++) {
            all[f] = rasterizer.rasterizeAll(fonts.get(f).font(), codePoints, progress);
            for (GlyphImage g : all[f]) {
                total += g == null ? 0 : 1;
            }
        }
        progress.close();
        if (total == 0) {
            throw new FontganException("--chars", "none of the fonts has any of the " + codePoints.length
                    + " characters");
        }
        byte[] pixels = new byte[total * area];
        int[] content = new int[total];
        int[] style = new int[total];
        boolean[] heldOut = new boolean[total];
        int n = 0;
        for (int f = 0; f < fonts.size(); f++) {
            String name = fonts.get(f).name();
            for (int c = 0; c < codePoints.length; c++) {
                GlyphImage g = all[f][c];
                if (g == null) {
                    continue;
                }
                System.arraycopy(g.pixels(), 0, pixels, n * area, area);
                content[n] = c;
                style[n] = f;
                heldOut[n] = split.isHeldOut(name, codePoints[c]);
                n++;
            }
            all[f] = null;
        }
        return new LabelledGlyphs(sizePx, total, pixels, content, style, heldOut);
    }

    int heldOutCount() {
        int k = 0;
        for (boolean h : heldOut) {
            k += h ? 1 : 0;
        }
        return k;
    }
}
