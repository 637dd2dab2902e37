package dev.fontgan.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fontgan.TestFonts;
import dev.fontgan.font.FontFile;
import dev.fontgan.glyph.GlyphImage;
import dev.fontgan.glyph.GlyphRasterizer;
import dev.fontgan.glyph.Normalization;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import org.junit.jupiter.api.Test;

class InkResamplerTest {
    private static final int PAGE = 320;

    /** The exact outline drawn through {@code fontToPage}: what an enlarged image should look like. */
    private static byte[] exact(FontFile f, int cp, AffineTransform fontToPage) {
        BufferedImage img = new BufferedImage(PAGE, PAGE, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.setTransform(fontToPage);
        g.fill(f.outline(cp));
        g.dispose();
        return ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    }

    private static byte[] resampled(GlyphImage image, AffineTransform fontToPage, boolean sharpen) throws Exception {
        AffineTransform imageToPage = new AffineTransform(fontToPage);
        imageToPage.concatenate(InkResampler.fontToImage(image.placement()).createInverse());
        byte[] mask = new byte[PAGE * PAGE];
        new InkResampler(sharpen).draw(image, imageToPage, mask, PAGE, PAGE);
        return mask;
    }

    @Test
    void enlargedGlyphImagesAreSharpenedTowardsTheExactOutline() throws Exception {
        FontFile comic = FontFile.open(TestFonts.path(TestFonts.COMIC_NEUE));
        GlyphRasterizer small = new GlyphRasterizer(64, Normalization.INK, 1);
        for (int cp : new int[] {'R', 'g', 'S'}) {
            GlyphImage image = small.rasterize(comic, cp);
            // 64 px image to about 250 px on the page, slightly rotated
            double pxPerUnit = image.placement().pxPerUnit() * 4;
            AffineTransform fontToPage = AffineTransform.getRotateInstance(Math.toRadians(3), PAGE / 2.0, PAGE / 2.0);
            fontToPage.translate(PAGE / 2.0, PAGE / 2.0);
            Rectangle2D ink = comic.inkBounds(cp);
            fontToPage.scale(pxPerUnit, -pxPerUnit);
            fontToPage.translate(-ink.getCenterX(), -ink.getCenterY());
            byte[] truth = exact(comic, cp, fontToPage);
            byte[] sharp = resampled(image, fontToPage, true);
            byte[] soft = resampled(image, fontToPage, false);
            double sharpError = 0;
            double softError = 0;
            int truthEdge = 0;
            int sharpEdge = 0;
            int softEdge = 0;
            long truthInk = 0;
            long sharpInk = 0;
            for (int i = 0; i < truth.length; i++) {
                int t = truth[i] & 0xff;
                int a = sharp[i] & 0xff;
                int b = soft[i] & 0xff;
                sharpError += Math.abs(a - t);
                softError += Math.abs(b - t);
                truthEdge += t > 20 && t < 235 ? 1 : 0;
                sharpEdge += a > 20 && a < 235 ? 1 : 0;
                softEdge += b > 20 && b < 235 ? 1 : 0;
                truthInk += t;
                sharpInk += a;
            }
            String c = Character.toString(cp);
            assertTrue(sharpError < 0.4 * softError, c + ": sharpened error " + sharpError + " vs soft " + softError);
            assertTrue(sharpEdge < 0.4 * softEdge, c + ": grey edge pixels sharpened " + sharpEdge + ", soft " + softEdge);
            assertTrue(sharpEdge < 2 * truthEdge, c + ": edges " + sharpEdge + " vs exact " + truthEdge);
            assertEquals(1.0, sharpInk / (double) truthInk, 0.05, c + ": stroke weight kept");
        }
    }

    @Test
    void shrunkGlyphImagesKeepTheirInkWithoutAliasing() throws Exception {
        FontFile comic = FontFile.open(TestFonts.path(TestFonts.COMIC_NEUE));
        GlyphImage image = new GlyphRasterizer(64, Normalization.INK, 1).rasterize(comic, 'W');
        double pxPerUnit = image.placement().pxPerUnit() * 0.4;
        AffineTransform fontToPage = AffineTransform.getTranslateInstance(PAGE / 2.0, PAGE / 2.0);
        fontToPage.scale(pxPerUnit, -pxPerUnit);
        byte[] truth = exact(comic, 'W', fontToPage);
        byte[] shrunk = resampled(image, fontToPage, true);
        long t = 0;
        long s = 0;
        double error = 0;
        for (int i = 0; i < truth.length; i++) {
            t += truth[i] & 0xff;
            s += shrunk[i] & 0xff;
            error += Math.abs((truth[i] & 0xff) - (shrunk[i] & 0xff));
        }
        assertEquals(1.0, s / (double) t, 0.06, "ink kept");
        assertTrue(error / t < 0.1, "close to the exact small glyph: relative error " + error / t);
    }

    @Test
    void measuredInkMatchesTheFontsInkBoxToAFractionOfAPixel() {
        FontFile comic = FontFile.open(TestFonts.path(TestFonts.COMIC_NEUE));
        GlyphRasterizer r = new GlyphRasterizer(64, Normalization.INK, 1);
        for (int cp : "AgHo.,l".codePoints().toArray()) {
            GlyphImage g = r.rasterize(comic, cp);
            Rectangle2D measured = InkResampler.inkInFontUnits(g);
            Rectangle2D truth = comic.inkBounds(cp);
            double unitsPerPx = 1 / g.placement().pxPerUnit();
            assertEquals(truth.getMinX(), measured.getMinX(), 0.35 * unitsPerPx, "left of " + Character.toString(cp));
            assertEquals(truth.getMaxX(), measured.getMaxX(), 0.35 * unitsPerPx, "right of " + Character.toString(cp));
            assertEquals(truth.getMinY(), measured.getMinY(), 0.35 * unitsPerPx, "bottom of " + Character.toString(cp));
            assertEquals(truth.getMaxY(), measured.getMaxY(), 0.35 * unitsPerPx, "top of " + Character.toString(cp));
        }
    }
}
