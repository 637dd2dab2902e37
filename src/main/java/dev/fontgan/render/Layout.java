package dev.fontgan.render;

import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Sets text into lines: newlines end a line; with a width, lines wrap (between any two CJK
 * characters, after spaces in Latin text, never putting closing punctuation at a line start).
 * Full-width characters sit on a fixed pitch of their advance; other glyphs are spaced by ink:
 * a glyph's ink starts its left bearing after the pen and the pen moves on its right bearing
 * after the ink, so letters that came out wider or narrower than the metrics font's neither
 * collide nor drift apart. Neighbouring inks always keep a small gap.
 *
 * <p>The handwriting jitter of a glyph depends only on the seed and the glyph's place in the
 * text, so the same text and seed give the same page.
 */
public final class Layout {
    /** Smallest gap between the inks of neighbouring glyphs, in em. */
    static final double MIN_INK_GAP_EM = 0.02;
    /** Least share of the blanks' advance that stays clear between the inks around them. */
    private static final double WORD_GAP_SHARE = 0.7;
    /** Space above the first baseline and below the last that the page always keeps, in em. */
    private static final double ASCENT_EM = 0.92;
    private static final double DESCENT_EM = 0.3;

    private final double pxPerEm;
    private final int widthPx;
    private final double marginPx;
    private final double lineSpacingEm;
    private final Handwriting hand;
    private final long seed;

    /**
     * @param pxPerEm       nominal size: pixels per em
     * @param widthPx       page width to wrap at (0: no wrapping, the page fits the longest line)
     * @param marginPx      page margin on every side
     * @param lineSpacingEm distance between baselines, in em
     */
    public Layout(double pxPerEm, int widthPx, double marginPx, double lineSpacingEm, Handwriting hand, long seed) {
        if (widthPx > 0 && widthPx < 2 * marginPx + pxPerEm) {
            throw new dev.fontgan.FontganException("--width", widthPx + " px leaves no room for one character at "
                    + Math.round(pxPerEm) + " px per em with " + Math.round(marginPx) + " px margins");
        }
        this.pxPerEm = pxPerEm;
        this.widthPx = widthPx;
        this.marginPx = marginPx;
        this.lineSpacingEm = lineSpacingEm;
        this.hand = hand;
        this.seed = seed;
    }

    /**
     * Lays out code points ({@code '\n'} ends a line) with the metrics of each character.
     * {@code metricsOf} is called for every character but {@code '\n'}.
     */
    public Page lay(int[] text, IntFunction<GlyphMetrics> metricsOf) {
        List<List<Page.PlacedGlyph>> lines = new ArrayList<>();
        int start = 0;
        while (start <= text.length) {
            int end = start;
            while (end < text.length && text[end] != '\n') {
                end++;
            }
            layParagraph(text, start, end, metricsOf, lines);
            start = end + 1;
        }
        return frame(lines);
    }

    private void layParagraph(int[] text, int start, int end, IntFunction<GlyphMetrics> metricsOf,
                              List<List<Page.PlacedGlyph>> lines) {
        if (start == end) {
            lines.add(List.of());
            return;
        }
        while (start < end) {
            int lineIndex = lines.size();
            List<Page.PlacedGlyph> placed = new ArrayList<>();
            int overflow = placeLine(text, start, end, lineIndex, metricsOf, placed);
            if (overflow < 0) {
                lines.add(placed);
                return;
            }
            int next = breakBefore(text, start, overflow);
            List<Page.PlacedGlyph> kept = new ArrayList<>();
            for (Page.PlacedGlyph g : placed) {
                if (g.textIndex() < next) {
                    kept.add(g);
                }
            }
            while (!kept.isEmpty() && Scripts.isBreakingSpace(kept.get(kept.size() - 1).codePoint())) {
                kept.remove(kept.size() - 1);
            }
            lines.add(kept);
            start = next;
            while (start < end && Scripts.isBreakingSpace(text[start])) {
                start++;
            }
        }
    }

    /**
     * Places glyphs {@code start..end} on one line until one's ink passes the right margin.
     * Returns the index of that glyph, or -1 when all fit.
     */
    private int placeLine(int[] text, int start, int end, int lineIndex, IntFunction<GlyphMetrics> metricsOf,
                          List<Page.PlacedGlyph> out) {
        double rightLimit = widthPx > 0 ? widthPx - marginPx : Double.POSITIVE_INFINITY;
        double pen = marginPx;
        double prevInkRight = Double.NEGATIVE_INFINITY;
        double minGap = MIN_INK_GAP_EM * pxPerEm;
        SplittableRandom lineRandom = new SplittableRandom(mix(seed, -1 - lineIndex));
        double phase1 = lineRandom.nextDouble() * 2 * Math.PI;
        double phase2 = lineRandom.nextDouble() * 2 * Math.PI;
        boolean anyInk = false;
        double blankSinceInk = 0;
        for (int i = start; i < end; i++) {
            GlyphMetrics m = metricsOf.apply(text[i]);
            SplittableRandom r = new SplittableRandom(mix(seed, i));
            double sizeU = triangular(r);
            double rotU = triangular(r);
            double gapU = triangular(r);
            double noiseU = r.nextDouble() * 2 - 1;
            double unitPx = pxPerEm / m.unitsPerEm();
            double gap = hand.spacingJitterEm() * pxPerEm * gapU;
            if (m.isBlank()) {
                double advancePx = m.advance() * unitPx * hand.wordSpacing();
                double move = advancePx + Math.max(gap / 2, -advancePx / 4);
                pen += move;
                blankSinceInk += move;
                out.add(new Page.PlacedGlyph(i, text[i], AffineTransform.getTranslateInstance(pen, 0), null, 0, 1));
                continue;
            }
            if (anyInk) {
                gap += hand.trackingEm() * pxPerEm;
            }
            double scale = 1 + hand.sizeJitter() * sizeU;
            double xEm = (pen - marginPx) / pxPerEm;
            double drift = hand.baselineDriftEm() * pxPerEm * (0.55 * Math.sin(2 * Math.PI * xEm / 6.5 + phase1)
                    + 0.25 * Math.sin(2 * Math.PI * xEm / 2.1 + phase2) + 0.2 * noiseU);
            AffineTransform local = glyphTransform(m, unitPx, scale, Math.toRadians(hand.rotationDeg() * rotU));
            Rectangle2D box = local.createTransformedShape(m.ink()).getBounds2D();
            double originX;
            if (m.fullWidth()) {
                originX = pen + gap;
            } else {
                originX = pen + m.leftBearing() * unitPx + gap - box.getMinX();
            }
            // a word space stays visible even when a glyph's ink reaches back into it (a 'j' hook)
            double gapHere = Math.max(minGap, WORD_GAP_SHARE * blankSinceInk);
            if (originX + box.getMinX() < prevInkRight + gapHere) {
                originX = prevInkRight + gapHere - box.getMinX();
            }
            double inkRight = originX + box.getMaxX();
            if (anyInk && inkRight > rightLimit) {
                return i;
            }
            AffineTransform toPage = AffineTransform.getTranslateInstance(originX, drift);
            toPage.concatenate(local);
            Rectangle2D ink = new Rectangle2D.Double(originX + box.getMinX(), drift + box.getMinY(),
                    box.getWidth(), box.getHeight());
            out.add(new Page.PlacedGlyph(i, text[i], toPage, ink, drift, scale));
            pen = m.fullWidth() ? originX + m.advance() * unitPx : inkRight + m.rightBearing() * unitPx;
            prevInkRight = inkRight;
            blankSinceInk = 0;
            anyInk = true;
        }
        return -1;
    }

    /**
     * Font units (y up) to line pixels with the pen at x 0 and the baseline at y 0: slant as a
     * shear about the baseline, the nominal scale, then the size jitter and rotation about a
     * pivot (the ink center for full-width glyphs, the ink's foot on the baseline otherwise).
     */
    private AffineTransform glyphTransform(GlyphMetrics m, double unitPx, double scale, double rotationRad) {
        AffineTransform nominal = AffineTransform.getScaleInstance(unitPx, -unitPx);
        nominal.shear(Math.tan(Math.toRadians(hand.slantDeg())), 0);
        Point2D center = nominal.transform(new Point2D.Double(m.ink().getCenterX(), m.ink().getCenterY()), null);
        double pivotY = m.fullWidth() ? center.getY() : 0;
        AffineTransform t = AffineTransform.getTranslateInstance(center.getX(), pivotY);
        t.rotate(rotationRad);
        t.scale(scale, scale);
        t.translate(-center.getX(), -pivotY);
        t.concatenate(nominal);
        return t;
    }

    /** Where the next line starts when glyph {@code overflow} does not fit on the line from {@code start}. */
    private static int breakBefore(int[] text, int start, int overflow) {
        for (int j = overflow; j > start; j--) {
            int before = text[j - 1];
            int after = text[j];
            if (Scripts.isBreakingSpace(before) || Scripts.isBreakingSpace(after)) {
                if (hasInk(text, start, j)) {
                    return j;
                }
                continue;
            }
            if (Scripts.mayBreakBetween(before, after)) {
                return j;
            }
        }
        return overflow > start ? overflow : overflow + 1;
    }

    private static boolean hasInk(int[] text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!Scripts.isBreakingSpace(text[i])) {
                return true;
            }
        }
        return false;
    }

    /** Puts the lines on baselines and sizes the page so every ink fits inside the margins. */
    private Page frame(List<List<Page.PlacedGlyph>> lines) {
        double lineHeight = lineSpacingEm * pxPerEm;
        double top = -ASCENT_EM * pxPerEm;
        double bottom = (lines.size() - 1) * lineHeight + DESCENT_EM * pxPerEm;
        double right = 0;
        for (int li = 0; li < lines.size(); li++) {
            for (Page.PlacedGlyph g : lines.get(li)) {
                if (g.inkPx() != null) {
                    top = Math.min(top, li * lineHeight + g.inkPx().getMinY());
                    bottom = Math.max(bottom, li * lineHeight + g.inkPx().getMaxY());
                    right = Math.max(right, g.inkPx().getMaxX());
                }
            }
        }
        double shiftY = marginPx - top;
        List<Page.Line> out = new ArrayList<>();
        for (int li = 0; li < lines.size(); li++) {
            double baseline = li * lineHeight + shiftY;
            List<Page.PlacedGlyph> glyphs = new ArrayList<>();
            for (Page.PlacedGlyph g : lines.get(li)) {
                AffineTransform t = AffineTransform.getTranslateInstance(0, baseline);
                t.concatenate(g.toPage());
                Rectangle2D ink = g.inkPx() == null ? null : new Rectangle2D.Double(g.inkPx().getX(),
                        g.inkPx().getY() + baseline, g.inkPx().getWidth(), g.inkPx().getHeight());
                glyphs.add(new Page.PlacedGlyph(g.textIndex(), g.codePoint(), t, ink, g.baselineOffsetPx(), g.scale()));
            }
            out.add(new Page.Line(li, baseline, List.copyOf(glyphs)));
        }
        int width = widthPx > 0 ? widthPx : (int) Math.ceil(Math.max(right, marginPx + pxPerEm / 2) + marginPx);
        int height = (int) Math.ceil(bottom - top + 2 * marginPx);
        return new Page(width, height, List.copyOf(out));
    }

    /** In [-1, 1], more often near 0 (the sum of two uniforms). */
    private static double triangular(SplittableRandom r) {
        return r.nextDouble() + r.nextDouble() - 1;
    }

    private static long mix(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
