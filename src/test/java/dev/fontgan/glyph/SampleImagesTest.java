package dev.fontgan.glyph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fontgan.FontganException;
import dev.fontgan.TestFonts;
import dev.fontgan.font.FontFile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pictures of characters are framed like INK-normalized rasterized glyphs. */
class SampleImagesTest {
    @TempDir Path dir;

    private static double meanAbsDiff(byte[] a, byte[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff)) / 255.0;
        }
        return sum / a.length;
    }

    private static double ink(byte[] a) {
        double sum = 0;
        for (byte v : a) {
            sum += (v & 0xff) / 255.0;
        }
        return sum / a.length;
    }

    @Test
    void renderedGlyphReadBackAsPictureGivesNearlyTheSamePixels() throws IOException {
        FontFile font = FontFile.open(TestFonts.path(TestFonts.WQY_MICROHEI).toString());
        int yong = "永".codePointAt(0);
        int a = 'A';
        // written large and EM-framed (off-centre, other scale): framing must undo both
        ImageIO.write(new GlyphRasterizer(160, Normalization.EM).rasterize(font, yong).toImage(), "png",
                dir.resolve("永.png").toFile());
        ImageIO.write(new GlyphRasterizer(64, Normalization.INK).rasterize(font, a).toImage(), "png",
                dir.resolve("U+0041.png").toFile());
        Files.writeString(dir.resolve("notes.txt"), "ignored");
        Map<Integer, GlyphImage> read = SampleImages.read(dir, 64);
        assertEquals(2, read.size());
        GlyphRasterizer ink64 = new GlyphRasterizer(64, Normalization.INK);
        byte[] wantYong = ink64.rasterize(font, yong).pixels();
        byte[] wantA = ink64.rasterize(font, a).pixels();
        double dYong = meanAbsDiff(read.get(yong).pixels(), wantYong);
        double dA = meanAbsDiff(read.get(a).pixels(), wantA);
        // the glyphs ink ~20-30% of the frame; a one-pixel shift would differ by several times this
        assertTrue(dYong < 0.03, "永 differs by " + dYong + " (ink " + ink(wantYong) + ")");
        assertTrue(dA < 0.02, "A differs by " + dA);
        byte[] shifted = new byte[wantYong.length];
        System.arraycopy(wantYong, 0, shifted, 1, wantYong.length - 1);
        assertTrue(meanAbsDiff(shifted, wantYong) > 2 * dYong, "the bound is tighter than a one-pixel shift");
    }

    @Test
    void darkBackgroundPictureIsInverted() throws IOException {
        FontFile font = FontFile.open(TestFonts.path(TestFonts.WQY_MICROHEI).toString());
        GlyphImage g = new GlyphRasterizer(96, Normalization.EM).rasterize(font, '中');
        BufferedImage light = g.toImage();
        BufferedImage dark = new BufferedImage(96, 96, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 96; y++) {
            for (int x = 0; x < 96; x++) {
                int v = 255 - (light.getRaster().getSample(x, y, 0)); // white ink on black
                dark.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        InkFraming framing = new InkFraming(32);
        byte[] fromLight = framing.frame(light, '中').pixels();
        byte[] fromDark = framing.frame(dark, '中').pixels();
        assertTrue(meanAbsDiff(fromLight, fromDark) < 0.01);
        assertTrue(ink(fromDark) > 0.1 && ink(fromDark) < 0.7, "ink share " + ink(fromDark));
    }

    @Test
    void namesByCharacterOrCodePoint() {
        assertEquals("永".codePointAt(0), SampleImages.codePointOf("永.png"));
        assertEquals(0x6C38, SampleImages.codePointOf("U+6C38.PNG"));
        assertEquals('a', SampleImages.codePointOf("a.jpg"));
        assertEquals(-1, SampleImages.codePointOf("yong.png"));
        assertEquals(-1, SampleImages.codePointOf("永.txt"));
        assertEquals(-1, SampleImages.codePointOf("klee-永.png"), "folders of samples take whole names only");
    }

    @Test
    void referenceNamesMayCarryAPrefixBeforeTheLastDash() {
        assertEquals("永".codePointAt(0), SampleImages.referenceCodePointOf("klee-永.png"));
        assertEquals("永".codePointAt(0), SampleImages.referenceCodePointOf("永.png"));
        assertEquals(0x6C38, SampleImages.referenceCodePointOf("scan-3-U+6C38.jpg"));
        assertEquals('-', SampleImages.referenceCodePointOf("-.png"), "a picture of a dash");
        assertEquals(-1, SampleImages.referenceCodePointOf("ref1.png"));
        assertEquals(-1, SampleImages.referenceCodePointOf("klee-12.png"));
        assertEquals(-1, SampleImages.referenceCodePointOf("klee-.png"));
        assertEquals(-1, SampleImages.referenceCodePointOf("klee-永.txt"));
    }

    @Test
    void emptyFolderIsAnError() throws IOException {
        Files.writeString(dir.resolve("readme.txt"), "no pictures");
        FontganException e = assertThrows(FontganException.class, () -> SampleImages.read(dir, 64));
        assertTrue(e.getMessage().contains("no character images"), e.getMessage());
    }

    @Test
    void prefixedNamesInASamplesFolderGetAnErrorThatSaysHowToNameThem() throws IOException {
        Files.writeString(dir.resolve("klee-永.png"), "never opened: the name alone is refused");
        FontganException e = assertThrows(FontganException.class, () -> SampleImages.read(dir, 64));
        assertTrue(e.getMessage().contains("klee-永.png") && e.getMessage().contains("rename"), e.getMessage());
    }
}
