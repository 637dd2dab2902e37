package dev.fontgan.font;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fontgan.FontganException;
import dev.fontgan.TestFonts;
import java.awt.geom.Rectangle2D;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FontFileTest {
    @TempDir Path tmp;

    @Test
    void trueTypeFontHasMetricsAndOutlines() {
        FontFile f = FontFile.open(TestFonts.path(TestFonts.DEJAVU_SANS));
        assertEquals("ttf", f.format());
        assertEquals("DejaVu Sans", f.family());
        assertEquals(2048, f.unitsPerEm());
        assertTrue(f.ascender() > 0 && f.descender() < 0);
        assertTrue(f.has('A'));
        assertTrue(f.advanceWidth('A') > 0);
        Rectangle2D ink = f.inkBounds('A');
        assertTrue(ink.getHeight() > 1000 && ink.getMinY() >= -1, "A sits on the baseline: " + ink);
        assertNotNull(f.outline('A'));
        assertEquals(64, f.sha256().length());
        assertTrue(f.glyphCount() > 1000);
    }

    @Test
    void cffOpenTypeFontsOpenIncludingCidKeyed() {
        FontFile comic = FontFile.open(TestFonts.path(TestFonts.COMIC_NEUE));
        assertEquals("otf", comic.format());
        assertTrue(comic.has('g'));
        assertTrue(comic.inkBounds('g').getMinY() < 0, "g descends below the baseline");
        FontFile noto = FontFile.open(TestFonts.path(TestFonts.NOTO_SERIF_CJK));
        assertEquals("otf", noto.format());
        assertTrue(noto.has('永'));
        assertTrue(noto.inkBounds('永').getWidth() > noto.unitsPerEm() / 2.0);
    }

    @Test
    void collectionMembersOpenByIndexAndByName() {
        Path ttc = TestFonts.path(TestFonts.WQY_MICROHEI);
        FontFile first = FontFile.open(ttc + "#0");
        FontFile second = FontFile.open(ttc + "#1");
        assertEquals("ttc", first.format());
        assertNotEquals(first.family(), second.family());
        assertSame(second, FontFile.open(ttc + "#" + second.family()), "by name finds the same cached member");
        assertTrue(first.has('字') && second.has('字'));
        FontganException e = assertThrows(FontganException.class, () -> FontFile.open(ttc + "#7"));
        assertTrue(e.getMessage().contains("2 members"), e.getMessage());
        assertThrows(FontganException.class, () -> FontFile.open(ttc + "#No Such Family"));
    }

    @Test
    void openingTwiceReturnsTheCachedFont() {
        Path p = TestFonts.path(TestFonts.DEJAVU_SANS);
        assertSame(FontFile.open(p), FontFile.open(p.toString()));
    }

    @Test
    void unmappedAndBlankCodePointsAreMissing() {
        FontFile f = FontFile.open(TestFonts.path(TestFonts.DEJAVU_SANS));
        assertFalse(f.has('字'), "DejaVu has no CJK");
        assertEquals(0, f.glyphId('字'));
        assertNull(f.outline('字'));
        assertFalse(f.has(' '), "a space has no outline");
        assertFalse(f.has(0x10FFFD));
    }

    @Test
    void supplementaryPlaneCodePointsResolveThroughFullCmap() {
        FontFile f = FontFile.open(TestFonts.path(TestFonts.DEJAVU_SANS));
        // DejaVu Sans maps Old Italic (plane 1) only through its format-12 cmap.
        assertTrue(f.has(0x10300), "U+10300 OLD ITALIC LETTER A");
    }

    @Test
    void coverageSplitsCharsetInOrder() {
        FontFile f = FontFile.open(TestFonts.path(TestFonts.DEJAVU_SANS));
        Coverage c = Coverage.of(f, "aB字c".codePoints().toArray());
        assertEquals("aBc", new String(c.covered(), 0, c.covered().length));
        assertEquals("字", c.missingText());
        assertEquals(0.75, c.ratio(), 1e-9);
    }

    @Test
    void refusedKindsGiveClearMessages() throws Exception {
        Path woff = tmp.resolve("x.woff");
        Files.write(woff, "wOFF\0\1\0\0 rest of a web font".getBytes());
        assertTrue(assertThrows(FontganException.class, () -> FontFile.open(woff)).getMessage().contains("WOFF"));
        Path t1 = tmp.resolve("x.pfa");
        Files.writeString(t1, "%!PS-AdobeFont-1.0: Foo 001\n");
        assertTrue(assertThrows(FontganException.class, () -> FontFile.open(t1)).getMessage().contains("Type 1"));
    }

    @Test
    void fontWithoutOutlinesIsRefusedAsBitmapOnly() throws Exception {
        byte[] font = Files.readAllBytes(TestFonts.path(TestFonts.DEJAVU_SANS));
        Path bitmap = tmp.resolve("bitmap.ttf");
        Files.write(bitmap, BrokenFonts.renameTable(font, "glyf", "EBDT"));
        FontganException e = assertThrows(FontganException.class, () -> FontFile.open(bitmap));
        assertTrue(e.getMessage().contains("bitmap-only"), e.getMessage());
    }

    @Test
    void truncatedFontSaysTruncated() throws Exception {
        byte[] font = Files.readAllBytes(TestFonts.path(TestFonts.DEJAVU_SANS));
        Path cut = tmp.resolve("cut.ttf");
        Files.write(cut, java.util.Arrays.copyOf(font, font.length - 1000));
        assertTrue(assertThrows(FontganException.class, () -> FontFile.open(cut)).getMessage().contains("truncated"));
    }

    @Test
    void corruptFontsNameTheFile() throws Exception {
        byte[] good = Files.readAllBytes(TestFonts.path(TestFonts.DEJAVU_SANS));
        Path truncated = tmp.resolve("truncated.ttf");
        Files.write(truncated, java.util.Arrays.copyOf(good, 3000));
        FontganException e = assertThrows(FontganException.class, () -> FontFile.open(truncated));
        assertEquals(truncated.toString(), e.where());
        Path random = tmp.resolve("random.ttf");
        byte[] noise = new byte[5000];
        new java.util.Random(1).nextBytes(noise);
        Files.write(random, noise);
        assertEquals(random.toString(), assertThrows(FontganException.class, () -> FontFile.open(random)).where());
        Path brokenCmap = tmp.resolve("broken-cmap.ttf");
        Files.write(brokenCmap, BrokenFonts.corruptTable(good, "cmap"));
        assertEquals(brokenCmap.toString(),
                assertThrows(FontganException.class, () -> FontFile.open(brokenCmap)).where());
        Path brokenHead = tmp.resolve("broken-head.ttf");
        Files.write(brokenHead, BrokenFonts.corruptTable(good, "head"));
        assertEquals(brokenHead.toString(),
                assertThrows(FontganException.class, () -> FontFile.open(brokenHead)).where());
    }
}
