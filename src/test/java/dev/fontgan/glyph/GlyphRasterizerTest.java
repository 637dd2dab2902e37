package dev.fontgan.glyph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fontgan.Progress;
import dev.fontgan.TestFonts;
import dev.fontgan.font.FontFile;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class GlyphRasterizerTest {
    /** Ink box of an image: {minX, minY, maxX, maxY} over pixels with ink > 32, or null. */
    static int[] inkBox(GlyphImage g) {
        int n = g.sizePx();
        int minX = n, minY = n, maxX = -1, maxY = -1;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                if (g.ink(x, y) > 32) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return maxX < 0 ? null : new int[] {minX, minY, maxX, maxY};
    }

    static int inkSum(GlyphImage g) {
        int s = 0;
        for (byte b : g.pixels()) {
            s += b & 0xff;
        }
        return s;
    }

    @Test
    void everyFormatRasterizesAKnownCharacterWithInk() {
        GlyphRasterizer r = new GlyphRasterizer(64, Normalization.INK, 1);
        for (String spec : new String[] {
                TestFonts.path(TestFonts.DEJAVU_SANS).toString(),
                TestFonts.path(TestFonts.COMIC_NEUE).toString(),
                TestFonts.path(TestFonts.NOTO_SERIF_CJK).toString(),
                TestFonts.path(TestFonts.WQY_MICROHEI) + "#0",
                TestFonts.path(TestFonts.WQY_MICROHEI) + "#WenQuanYi Micro Hei Mono"}) {
            FontFile f = FontFile.open(spec);
            int cp = f.has('永') ? '永' : 'A';
            GlyphImage g = r.rasterize(f, cp);
            assertNotNull(g, spec);
            int ink = inkSum(g);
            assertTrue(ink > 64 * 64 * 255 / 50 && ink < 64 * 64 * 255 / 2, spec + " ink " + ink);
        }
    }

    @Test
    void missingCharacterIsNotDrawn() {
        FontFile f = FontFile.open(TestFonts.path(TestFonts.DEJAVU_SANS));
        GlyphRasterizer r = new GlyphRasterizer(64, Normalization.EM, 1);
        assertNull(r.rasterize(f, '字'));
        assertNull(r.rasterize(f, ' '));
        GlyphImage[] all = r.rasterizeAll(f, "a字b".codePoints().toArray(), Progress.NONE);
        assertNotNull(all[0]);
        assertNull(all[1]);
        assertNotNull(all[2]);
    }

    @Test
    void inkNormalizationCentersTheInkBoxAndFillsToTheMargin() {
        FontFile f = FontFile.open(TestFonts.path(TestFonts.DEJAVU_SANS));
        for (int size : new int[] {32, 64, 128}) {
            GlyphRasterizer r = new GlyphRasterizer(size, Normalization.INK, 1);
            for (int cp : "A.gl-永".codePoints().toArray()) {
                GlyphImage g = r.rasterize(f, cp);
                if (g == null) {
                    continue;
                }
                int[] box = inkBox(g);
                double cx = (box[0] + box[2] + 1) / 2.0;
                double cy = (box[1] + box[3] + 1) / 2.0;
                assertEquals(size / 2.0, cx, 1.0, "x center of " + (char) cp + " at " + size);
                assertEquals(size / 2.0, cy, 1.0, "y center of " + (char) cp + " at " + size);
                int longest = Math.max(box[2] - box[0] + 1, box[3] - box[1] + 1);
                int m = r.marginPx();
                assertTrue(longest >= size - 2 * m - 2 && longest <= size - 2 * m + 1,
                        (char) cp + " longest side " + longest + " at " + size);
            }
        }
    }

    @Test
    void emNormalizationKeepsBaselineAndRelativeSize() {
        FontFile f = FontFile.open(TestFonts.path(TestFonts.DEJAVU_SANS));
        GlyphRasterizer r = new GlyphRasterizer(64, Normalization.EM, 1);
        GlyphImage x = r.rasterize(f, 'x');
        GlyphImage h = r.rasterize(f, 'H');
        GlyphImage dot = r.rasterize(f, '.');
        GlyphImage p = r.rasterize(f, 'p');
        int[] bx = inkBox(x);
        int[] bh = inkBox(h);
        int[] bd = inkBox(dot);
        int[] bp = inkBox(p);
        assertEquals(bh[3], bx[3], 1, "x and H share the baseline");
        assertEquals(bh[3], bd[3], 1, "the period sits on the baseline");
        assertTrue(bp[3] > bh[3] + 5, "p descends below the baseline");
        assertTrue(bh[3] - bh[1] > (bx[3] - bx[1]) * 1.3, "H is taller than x");
        assertTrue(bd[2] - bd[0] < 16, "a period stays small");
        double baseline = x.placement().baselinePx();
        assertEquals(baseline, bh[3] + 1, 1.0, "placement's baseline matches the ink");
        // Everything between descender and ascender fits inside the image.
        double s = x.placement().pxPerUnit();
        assertTrue(baseline - f.ascender() * s >= -1e-6 && baseline - f.descender() * s <= 64 + 1e-6);
    }

    @Test
    void parallelBatchEqualsSequentialInOrder() {
        FontFile f = FontFile.open(TestFonts.path(TestFonts.WQY_MICROHEI));
        int[] cps = "天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜金生丽水玉出昆冈剑号巨阙珠称夜光果珍李柰菜重芥姜海咸河淡鳞潜羽翔龙师火帝鸟官人皇"
                .codePoints().filter(f::has).toArray();
        assertTrue(cps.length > 64, "enough characters to use several threads");
        GlyphImage[] seq = new GlyphRasterizer(48, Normalization.EM, 1).rasterizeAll(f, cps, Progress.NONE);
        GlyphImage[] par = new GlyphRasterizer(48, Normalization.EM, 4).rasterizeAll(f, cps, Progress.NONE);
        assertEquals(cps.length, par.length);
        for (int i = 0; i < cps.length; i++) {
            assertEquals(cps[i], par[i].codePoint());
            assertArrayEquals(seq[i].pixels(), par[i].pixels());
        }
    }

    @Test
    void toImageIsBlackInkOnWhite() {
        FontFile f = FontFile.open(TestFonts.path(TestFonts.DEJAVU_SANS));
        GlyphImage g = new GlyphRasterizer(32, Normalization.INK, 1).rasterize(f, 'I');
        BufferedImage img = g.toImage();
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, img.getType());
        assertEquals(255, img.getRaster().getSample(0, 0, 0), "corner is paper");
        assertEquals(0, img.getRaster().getSample(16, 16, 0), "center of an I is ink");
    }
}
