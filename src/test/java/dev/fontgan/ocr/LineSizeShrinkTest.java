package dev.fontgan.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fontgan.TestFonts;
import dev.fontgan.font.FontFile;
import dev.fontgan.glyph.GlyphImage;
import dev.fontgan.style.FontHand;
import org.junit.jupiter.api.Test;

class LineSizeShrinkTest {
    private static final FontHand DEJAVU = new FontHand("dejavu", FontFile.open(TestFonts.path(TestFonts.DEJAVU_SANS)), 64);

    @Test
    void shrunkGlyphKeepsItsInkWhereTheFontPutsIt() {
        LineSizeShrink hand = new LineSizeShrink(DEJAVU, 24);
        for (int cp : new int[] {'A', 'g', 'W', '8'}) {
            GlyphImage big = DEJAVU.write(new int[] {cp})[0];
            GlyphImage small = hand.shrink(big);
            double imagePxPerEm = big.placement().pxPerUnit() * DEJAVU.metrics().unitsPerEm();
            int expected = (int) Math.ceil(64 * LineSizeShrink.MARGIN * 24 / imagePxPerEm);
            assertEquals(expected, small.sizePx(), "size for " + (char) cp);
            assertTrue(small.sizePx() < 40, "shrunk: " + small.sizePx());
            double s = (double) small.sizePx() / big.sizePx();
            assertEquals(big.placement().pxPerUnit() * s, small.placement().pxPerUnit(), 1e-12);
            // ink centre in font units agrees within half a source pixel; ink mass scales with the area
            double[] a = centre(big);
            double[] b = centre(small);
            double tolerance = 0.5 / big.placement().pxPerUnit();
            assertEquals(a[0], b[0], tolerance, "x of " + (char) cp);
            assertEquals(a[1], b[1], tolerance, "y of " + (char) cp);
            assertEquals(a[2] * s * s, b[2], a[2] * s * s * 0.02, "ink of " + (char) cp);
        }
    }

    @Test
    void imagesAreMadeOnceAndBlanksStayBlank() {
        dev.fontgan.style.Hand hand = new CachedHand(DEJAVU).forLineSize(24);
        GlyphImage[] first = hand.write(new int[] {'a', 'b'});
        GlyphImage[] again = hand.write(new int[] {'b', 'a'});
        assertSame(first[0], again[1]);
        assertSame(first[1], again[0]);
        assertNull(hand.write(new int[] {0xE000})[0], "a character the font lacks has no image");
    }

    /** Ink-weighted centre in font units (x, y) and the total coverage. */
    private static double[] centre(GlyphImage g) {
        double sx = 0;
        double sy = 0;
        double sum = 0;
        for (int y = 0; y < g.sizePx(); y++) {
            for (int x = 0; x < g.sizePx(); x++) {
                double v = g.ink(x, y);
                sx += v * (x + 0.5);
                sy += v * (y + 0.5);
                sum += v;
            }
        }
        GlyphImage.Placement p = g.placement();
        return new double[] {(sx / sum - p.originXPx()) / p.pxPerUnit(), (p.baselinePx() - sy / sum) / p.pxPerUnit(), sum};
    }
}
