package dev.fontgan.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fontgan.TestFonts;
import dev.fontgan.font.FontFile;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LayoutTest {
    private static final int EM = 1000;
    private static final int PX = 64;

    /**
     * Made-up metrics, no font needed: CJK 1 em square-ish inks, Latin inks of varying width
     * with small or negative bearings (like 'j' and 'f'), spaces of 0.3 em.
     */
    static GlyphMetrics fake(int cp) {
        if (Character.isWhitespace(cp)) {
            return GlyphMetrics.blank(cp, EM, 300);
        }
        if (Scripts.isFullWidth(cp)) {
            boolean punct = Character.getType(cp) == Character.OTHER_PUNCTUATION;
            Rectangle2D ink = punct ? new Rectangle2D.Double(80, -100, 200, 220) : new Rectangle2D.Double(60, -90, 880, 900);
            return GlyphMetrics.of(cp, EM, 1000, ink);
        }
        int w = 250 + (cp * 37) % 350;
        double lsb = cp % 5 == 0 ? -60 : 40;
        double descent = cp == 'g' || cp == 'j' || cp == 'p' || cp == 'y' ? -200 : 0;
        double height = Character.isUpperCase(cp) ? 700 : 500;
        Rectangle2D ink = new Rectangle2D.Double(lsb, descent, w, height - descent);
        return GlyphMetrics.of(cp, EM, lsb + w + (cp % 3 == 0 ? -50 : 40), ink);
    }

    static Page lay(String text, int widthPx, Handwriting h, long seed, IntFunction<GlyphMetrics> metrics) {
        return new Layout(PX, widthPx, PX * 0.5, 1.45, h, seed).lay(Renderer.normalize(text), metrics);
    }

    static String lineText(Page.Line line) {
        return line.glyphs().stream().map(g -> new String(Character.toChars(g.codePoint()))).collect(Collectors.joining());
    }

    private static void assertNeighboursApart(Page page) {
        for (Page.Line line : page.lines()) {
            Rectangle2D prev = null;
            for (Page.PlacedGlyph g : line.glyphs()) {
                if (g.inkPx() == null) {
                    continue;
                }
                if (prev != null) {
                    assertTrue(g.inkPx().getMinX() >= prev.getMaxX() + Layout.MIN_INK_GAP_EM * PX - 1e-6,
                            "ink of '" + Character.toString(g.codePoint()) + "' at " + g.inkPx().getMinX()
                                    + " overlaps its neighbour ending at " + prev.getMaxX());
                }
                prev = g.inkPx();
            }
        }
    }

    @Test
    void neighbouringLatinInksNeverOverlapEvenAtFullJitter() {
        String text = "jiffy fjord quality typography Wave AVA lllliiijjj";
        for (long seed = 0; seed < 20; seed++) {
            assertNeighboursApart(lay(text, 0, Handwriting.natural(1).withSlantDeg(12), seed, LayoutTest::fake));
        }
        assertNeighboursApart(lay(text, 0, Handwriting.NONE, 1, LayoutTest::fake));
    }

    @Test
    void neighbouringInksOfARealHandwritingFontNeverOverlap() {
        FontFile comic = FontFile.open(TestFonts.path(TestFonts.COMIC_NEUE));
        IntFunction<GlyphMetrics> metrics = cp -> comic.has(cp)
                ? GlyphMetrics.of(cp, comic.unitsPerEm(), comic.advanceWidth(cp), comic.inkBounds(cp))
                : GlyphMetrics.blank(cp, comic.unitsPerEm(), comic.advanceWidth(cp));
        for (long seed = 0; seed < 10; seed++) {
            assertNeighboursApart(lay("Handwriting jumps fjords; Type AVAWAY.", 0, Handwriting.natural(1), seed, metrics));
        }
    }

    @Test
    void withoutJitterLatinKeepsTheFontsAdvances() {
        Page page = lay("abc", 0, Handwriting.NONE, 1, LayoutTest::fake);
        List<Page.PlacedGlyph> g = page.lines().get(0).glyphs();
        for (int i = 0; i + 1 < g.size(); i++) {
            GlyphMetrics a = fake(g.get(i).codePoint());
            GlyphMetrics b = fake(g.get(i + 1).codePoint());
            double expected = (a.rightBearing() + b.leftBearing()) * PX / EM;
            double gap = g.get(i + 1).inkPx().getMinX() - g.get(i).inkPx().getMaxX();
            assertEquals(Math.max(expected, Layout.MIN_INK_GAP_EM * PX), gap, 1e-6);
        }
    }

    @Test
    void aWordSpaceStaysVisibleWhenTheNextInkReachesBackIntoIt() {
        IntFunction<GlyphMetrics> hooked = cp -> cp == 'j'
                ? GlyphMetrics.of(cp, EM, 300, new Rectangle2D.Double(-350, -200, 550, 700))
                : fake(cp);
        List<Page.PlacedGlyph> g = lay("x j", 0, Handwriting.NONE, 1, hooked).lines().get(0).glyphs();
        double gap = g.get(2).inkPx().getMinX() - g.get(0).inkPx().getMaxX();
        assertTrue(gap >= 0.7 * 300 * PX / EM - 1e-9, "word gap " + gap);
    }

    @Test
    void baselineDriftStaysWithinItsSetting() {
        String text = "The quick brown fox jumps over the lazy dog 春眠不觉晓处处闻啼鸟 again and again";
        for (double drift : new double[] {0, 0.02, 0.1}) {
            Handwriting h = Handwriting.natural(1).withBaselineDriftEm(drift);
            double limit = drift * PX + 1e-9;
            double[] sum = new double[2];
            for (long seed = 0; seed < 5; seed++) {
                for (Page.PlacedGlyph g : lay(text, 0, h, seed, LayoutTest::fake).glyphs()) {
                    if (g.inkPx() != null) {
                        assertTrue(Math.abs(g.baselineOffsetPx()) <= limit, g.baselineOffsetPx() + " > " + limit);
                        sum[0] += g.baselineOffsetPx() * g.baselineOffsetPx();
                        sum[1]++;
                    }
                }
            }
            double rms = Math.sqrt(sum[0] / sum[1]);
            if (drift == 0) {
                assertEquals(0, rms, 0);
            } else {
                assertTrue(rms > drift * PX * 0.15, "drift " + drift + " barely moves the baseline: rms " + rms);
            }
        }
    }

    @Test
    void sizeAndRotationJitterStayWithinTheirSettings() {
        Handwriting h = Handwriting.NONE.withSizeJitter(0.05).withRotationDeg(3);
        for (Page.PlacedGlyph g : lay("abcdefghij 永和九年", 0, h, 7, LayoutTest::fake).glyphs()) {
            assertTrue(Math.abs(g.scale() - 1) <= 0.05 + 1e-12);
            double angle = Math.toDegrees(Math.atan2(g.toPage().getShearY(), g.toPage().getScaleX()));
            assertTrue(Math.abs(angle) <= 3 + 1e-9, "rotation " + angle);
        }
    }

    @Test
    void cjkWrapsBetweenAnyTwoCharactersWithinTheWidth() {
        String text = "春眠不觉晓处处闻啼鸟夜来风雨声花落知多少床前明月光疑是地上霜";
        int width = 10 * PX;
        Page page = lay(text, width, Handwriting.natural(1), 3, LayoutTest::fake);
        assertTrue(page.lines().size() >= 4, "lines: " + page.lines().size());
        StringBuilder joined = new StringBuilder();
        for (Page.Line line : page.lines()) {
            joined.append(lineText(line));
            for (Page.PlacedGlyph g : line.glyphs()) {
                assertTrue(g.inkPx().getMaxX() <= width - PX * 0.5 + 1e-6, "ink past the right margin");
            }
        }
        assertEquals(text, joined.toString());
        assertEquals(width, page.widthPx());
        // lines are filled: each holds as many characters as fit (8 at 1 em in 10 em minus margins, maybe 9)
        for (int i = 0; i + 1 < page.lines().size(); i++) {
            assertTrue(page.lines().get(i).glyphs().size() >= 8, lineText(page.lines().get(i)));
        }
    }

    @Test
    void latinWrapsOnlyAtSpaces() {
        String text = "handwriting renders words whole across lines when the width is narrow enough";
        Page page = lay(text, 9 * PX, Handwriting.natural(1), 5, LayoutTest::fake);
        assertTrue(page.lines().size() >= 3);
        List<String> words = List.of(text.split(" "));
        StringBuilder rebuilt = new StringBuilder();
        for (Page.Line line : page.lines()) {
            String s = lineText(line);
            assertEquals(s.strip(), s, "spaces at a line edge: '" + s + "'");
            for (String w : s.split(" ")) {
                assertTrue(words.contains(w), "broken word '" + w + "' in line '" + s + "'");
            }
            rebuilt.append(rebuilt.length() > 0 ? " " : "").append(s);
        }
        assertEquals(text, rebuilt.toString());
    }

    @Test
    void closingPunctuationNeverStartsALine() {
        String text = "春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。床前明月光，疑是地上霜。";
        for (int chars = 3; chars <= 9; chars++) {
            Page page = lay(text, chars * PX + PX, Handwriting.NONE, 1, LayoutTest::fake);
            for (Page.Line line : page.lines()) {
                String s = lineText(line);
                assertTrue(!s.startsWith("，") && !s.startsWith("。"), "line starts with punctuation: " + s);
            }
        }
    }

    @Test
    void newlinesStartLinesAndEmptyLinesKeepTheirPlace() {
        Page page = lay("ab\n\ncd\r\nef\n\n", 0, Handwriting.NONE, 1, LayoutTest::fake);
        assertEquals(List.of("ab", "", "cd", "ef"), page.lines().stream().map(LayoutTest::lineText).toList());
        double step = page.lines().get(1).baselinePx() - page.lines().get(0).baselinePx();
        assertEquals(1.45 * PX, step, 1e-9);
        assertEquals(2 * step, page.lines().get(3).baselinePx() - page.lines().get(1).baselinePx(), 1e-9);
    }

    @Test
    void everyInkLiesInsideThePage() {
        Page page = lay("Typography jumps\n永和九年，春。\ngjpqy", 0, Handwriting.natural(1).withSlantDeg(10), 9, LayoutTest::fake);
        for (Page.PlacedGlyph g : page.glyphs()) {
            if (g.inkPx() != null) {
                assertTrue(g.inkPx().getMinX() >= 0 && g.inkPx().getMinY() >= 0
                        && g.inkPx().getMaxX() <= page.widthPx() && g.inkPx().getMaxY() <= page.heightPx(), g.toString());
            }
        }
    }

    @Test
    void theSeedDecidesTheJitter() {
        String text = "Same seed, same page. 同一个种子。";
        Page a = lay(text, 0, Handwriting.natural(1), 42, LayoutTest::fake);
        Page b = lay(text, 0, Handwriting.natural(1), 42, LayoutTest::fake);
        Page c = lay(text, 0, Handwriting.natural(1), 43, LayoutTest::fake);
        assertEquals(a.glyphs().stream().map(g -> g.toPage()).toList(), b.glyphs().stream().map(g -> g.toPage()).toList());
        assertNotEquals(a.glyphs().stream().map(g -> g.toPage()).toList(), c.glyphs().stream().map(g -> g.toPage()).toList());
    }
}
