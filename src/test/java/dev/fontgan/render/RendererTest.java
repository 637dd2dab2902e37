package dev.fontgan.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fontgan.FontganException;
import dev.fontgan.TestFonts;
import dev.fontgan.font.FontFile;
import dev.fontgan.glyph.GlyphImage;
import dev.fontgan.style.FontHand;
import dev.fontgan.style.Hand;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RendererTest {
    @TempDir
    Path temp;

    private static FontHand comic() {
        return new FontHand("comic", FontFile.open(TestFonts.path(TestFonts.COMIC_NEUE)), 64);
    }

    /** Fallbacks from a one-font catalog: a quick, known chain. */
    private ShippedFonts only(String name, String relative, String role, String scripts) throws IOException {
        Path dir = temp.resolve("fonts-" + name);
        Files.createDirectories(dir);
        Path font = TestFonts.path(relative);
        Files.writeString(dir.resolve("catalog.json"), "{\"fonts\":[{\"file\":\"" + font.toAbsolutePath()
                + "\",\"name\":\"" + name + "\",\"role\":\"" + role + "\",\"scripts\":[" + scripts + "]}]}");
        return ShippedFonts.in(dir);
    }

    /** Mean ink (0..1) of the rendering inside a page box. */
    private static double inkIn(Rendering r, Rectangle2D box) {
        double sum = 0;
        int n = 0;
        for (int y = (int) box.getMinY(); y < Math.ceil(box.getMaxY()); y++) {
            for (int x = (int) box.getMinX(); x < Math.ceil(box.getMaxX()); x++) {
                int p = r.argb()[y * r.widthPx() + x];
                sum += 1 - (p & 0xff) / 255.0;
                n++;
            }
        }
        return sum / n;
    }

    private static RenderOptions black() {
        return RenderOptions.defaults().withInkRgb(0);
    }

    @Test
    void sameSeedGivesTheSameBytesAndAnotherSeedAnotherPicture() throws IOException {
        Renderer r = new Renderer(comic(), ShippedFonts.in(temp));
        RenderOptions o = RenderOptions.defaults().withHandwriting(Handwriting.natural(1)).withBackground(Background.PAPER);
        byte[] a = r.render("Hello, handwriting!", o.withSeed(7)).png();
        byte[] b = r.render("Hello, handwriting!", o.withSeed(7)).png();
        byte[] c = r.render("Hello, handwriting!", o.withSeed(8)).png();
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
        Path out = temp.resolve("hello.png");
        r.render("Hello, handwriting!", o.withSeed(7)).writePng(out);
        assertArrayEquals(a, Files.readAllBytes(out));
        assertNotNull(javax.imageio.ImageIO.read(out.toFile()), "a PNG readers accept");
    }

    @Test
    void aCharacterTheHandCannotWriteComesFromAFallbackWithInkAndAWarning() throws IOException {
        ShippedFonts kai = only("wqy", TestFonts.WQY_MICROHEI, "source", "\"hani\"");
        Rendering r = new Renderer(comic(), kai).render("Hi 永!", black());
        assertEquals(List.of((int) '永'), r.fallbacks().get("wqy"));
        assertTrue(r.unwritable().isEmpty());
        assertTrue(r.warning().contains("永") && r.warning().contains("wqy"), r.warning());
        Page.PlacedGlyph yong = r.page().glyphs().stream().filter(g -> g.codePoint() == '永').findFirst().orElseThrow();
        assertTrue(inkIn(r, yong.inkPx()) > 0.1, "the fallback glyph has ink");
    }

    @Test
    void aCharacterNoFontHasIsLeftBlankNotDrawnAsABox() throws IOException {
        ShippedFonts dejavu = only("dejavu", TestFonts.DEJAVU_SANS, "print", "\"latn\"");
        int privateUse = 0xE8F0;
        int hieroglyph = 0x13000;
        String text = "a" + Character.toString(privateUse) + "b" + Character.toString(hieroglyph);
        Rendering r = new Renderer(comic(), dejavu).render(text, black());
        assertEquals(List.of(privateUse, hieroglyph), r.unwritable());
        assertTrue(r.warning().contains("U+E8F0 " + Character.toString(hieroglyph) + " in no shipped font, left blank"), r.warning());
        List<Page.PlacedGlyph> g = r.page().glyphs();
        assertNull(g.get(1).inkPx());
        Rectangle2D gapBox = new Rectangle2D.Double(g.get(0).inkPx().getMaxX() + 1, g.get(0).inkPx().getMinY(),
                g.get(2).inkPx().getMinX() - g.get(0).inkPx().getMaxX() - 2, g.get(0).inkPx().getHeight());
        assertEquals(0, inkIn(r, gapBox), 1e-9, "nothing drawn between a and b");
    }

    @Test
    void emptyOrBlankTextIsAnError() {
        Renderer r = new Renderer(comic(), ShippedFonts.in(temp));
        for (String text : new String[] {"", "  \n\t ", "\r\n"}) {
            FontganException e = assertThrows(FontganException.class, () -> r.render(text, black()));
            assertTrue(e.line().contains("empty input"), e.line());
        }
    }

    @Test
    void glyphsDrawnFromImagesLandOnTheMetricsFontsInkBoxes() {
        RenderOptions o = black().withHandwriting(Handwriting.NONE).withPxPerEm(96);
        Renderer r = new Renderer(comic(), ShippedFonts.in(temp));
        Rendering exact = r.render("Hag", o);
        Rendering generated = r.render("Hag", o.withThroughImages(true));
        List<Page.PlacedGlyph> a = exact.page().glyphs();
        List<Page.PlacedGlyph> b = generated.page().glyphs();
        for (int i = 0; i < a.size(); i++) {
            Rectangle2D x = a.get(i).inkPx();
            Rectangle2D y = b.get(i).inkPx();
            double tolerance = 96 / 64.0 * 1.5;
            assertEquals(x.getMinY(), y.getMinY(), tolerance, "top of " + (char) a.get(i).codePoint());
            assertEquals(x.getMaxY(), y.getMaxY(), tolerance, "bottom of " + (char) a.get(i).codePoint());
            assertEquals(x.getWidth(), y.getWidth(), tolerance, "width of " + (char) a.get(i).codePoint());
        }
    }

    @Test
    void aGeneratorsGlyphsArePlacedByItsSourceFontAndWrittenInOneBatch() {
        FontFile source = FontFile.open(TestFonts.path(TestFonts.DEJAVU_SANS));
        int[] calls = new int[2];
        Hand generator = new Hand() {
            private final FontHand target = comic();

            @Override public String name() { return "fake-pack"; }
            @Override public FontFile metrics() { return source; }
            @Override public int sizePx() { return 64; }
            @Override public boolean canWrite(int cp) { return source.has(cp) && target.canWrite(cp); }

            @Override public GlyphImage[] write(int[] codePoints) {
                calls[0]++;
                calls[1] += codePoints.length;
                GlyphImage[] styled = target.write(codePoints);
                GlyphImage[] out = new GlyphImage[codePoints.length];
                for (int i = 0; i < out.length; i++) {
                    // as a model does: the target's INK image in the source glyph's frame
                    out[i] = styled[i] == null ? null : new GlyphImage(codePoints[i], 64, styled[i].pixels(),
                            i % 2 == 0 ? Hand.inkPlacement(source, codePoints[i], 64) : null);
                }
                return out;
            }
        };
        Rendering r = new Renderer(generator, ShippedFonts.in(temp)).render("banana\nbandana", black());
        assertEquals(1, calls[0], "one batch");
        assertEquals(4, calls[1], "each distinct character once (b, a, n, d)");
        for (Page.PlacedGlyph g : r.page().glyphs()) {
            assertTrue(inkIn(r, g.inkPx()) > 0.05, "ink for " + (char) g.codePoint());
        }
        Rectangle2D b = r.page().glyphs().get(0).inkPx();
        Rectangle2D sourceInk = source.inkBounds('b');
        double pxPerUnit = 64.0 / source.unitsPerEm();
        double scale = r.page().glyphs().get(0).scale();
        double expected = Math.max(sourceInk.getWidth(), sourceInk.getHeight()) * pxPerUnit * scale;
        assertEquals(expected, Math.max(b.getWidth(), b.getHeight()), 2.5, "scaled back to the source's ink box");
    }

    @Test
    void transparentBackgroundKeepsOnlyTheInkOpaque() {
        Rendering r = new Renderer(comic(), ShippedFonts.in(temp))
                .render("Ink", black().withBackground(Background.TRANSPARENT).withInkRgb(0x123456));
        assertTrue(r.alpha());
        assertEquals(0, r.argb()[0] >>> 24, "corner is clear");
        int opaque = 0;
        for (int p : r.argb()) {
            if (p >>> 24 == 255) {
                opaque++;
                assertEquals(0x123456, p & 0xffffff);
            }
        }
        assertTrue(opaque > 100);
    }
}
