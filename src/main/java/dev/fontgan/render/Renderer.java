package dev.fontgan.render;

import dev.fontgan.FontganException;
import dev.fontgan.font.FontFile;
import dev.fontgan.glyph.GlyphImage;
import dev.fontgan.style.FontHand;
import dev.fontgan.style.Hand;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a text with a hand: the unique characters go to the hand in one batch, characters it
 * cannot write go to fallback fonts, the {@link Layout} places everything by the metrics fonts,
 * and the glyphs are drawn at the output size: outlines exactly, generated images scaled from
 * the metrics font's ink box of their character (see {@link InkResampler}).
 */
public final class Renderer {
    private final Hand hand;
    private final ShippedFonts fallbacks;

    /** @param fallbacks where to find fonts for characters the hand cannot write */
    public Renderer(Hand hand, ShippedFonts fallbacks) {
        this.hand = hand;
        this.fallbacks = fallbacks;
    }

    /** How one distinct character is drawn. */
    private record Source(Hand hand, Shape outline, GlyphImage image, GlyphMetrics metrics) {}

    /** Renders {@code text}; empty or blank text is an error. */
    public Rendering render(String text, RenderOptions options) {
        InkPage ink = renderInk(text, options);
        int[] argb = compose(ink.coverage(), ink.widthPx(), ink.heightPx(), options);
        return new Rendering(ink.widthPx(), ink.heightPx(), argb, options.background() == Background.TRANSPARENT,
                ink.page(), hand.name(), ink.fallbacks(), ink.unwritable());
    }

    /**
     * Renders only the ink: the coverage mask of the page and its layout, with no paper and no
     * colour (for callers that composite and distort lines themselves, like OCR datasets).
     * {@link RenderOptions#inkRgb()} and {@link RenderOptions#background()} are not used.
     */
    public InkPage renderInk(String text, RenderOptions options) {
        int[] cps = normalize(text);
        if (cps.length == 0 || java.util.Arrays.stream(cps).allMatch(cp -> cp == '\n' || isBlank(cp))) {
            throw new FontganException("text", "empty input: nothing to write");
        }
        Map<Integer, Source> sources = new HashMap<>();
        Map<String, List<Integer>> fallbackUse = new LinkedHashMap<>();
        List<Integer> unwritable = new ArrayList<>();
        prepare(cps, options, sources, fallbackUse, unwritable);

        Layout layout = new Layout(options.pxPerEm(), options.widthPx(), options.marginPx(),
                options.lineSpacingEm(), options.handwriting(), options.seed());
        Page page = layout.lay(cps, cp -> sources.get(cp).metrics());
        if ((long) page.widthPx() * page.heightPx() > 400_000_000L || page.heightPx() > RenderOptions.MAX_SIDE_PX
                || page.widthPx() > RenderOptions.MAX_SIDE_PX) {
            throw new FontganException("text", "the page would be " + page.widthPx() + " x " + page.heightPx()
                    + " px; use --width to wrap long lines or a smaller --size");
        }
        byte[] mask = drawInk(page, sources, options);
        return new InkPage(page.widthPx(), page.heightPx(), mask, page, fallbackUse, unwritable);
    }

    /**
     * Code points with line ends made {@code '\n'}, other controls dropped, tabs kept; the
     * newlines that end a file do not add empty lines.
     */
    static int[] normalize(String text) {
        String unified = text.replace("\r\n", "\n").replace('\r', '\n').replaceAll("\n+$", "");
        return unified.codePoints().filter(cp -> cp == '\n' || cp == '\t' || !Character.isISOControl(cp)
                && Character.getType(cp) != Character.FORMAT).toArray();
    }

    static boolean isPrivateOrUnassigned(int cp) {
        int type = Character.getType(cp);
        return type == Character.PRIVATE_USE || type == Character.UNASSIGNED || type == Character.SURROGATE;
    }

    private static boolean isBlank(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    /** Decides who writes each distinct character, writes the hand's share in one batch, measures all. */
    private void prepare(int[] cps, RenderOptions options, Map<Integer, Source> sources,
                         Map<String, List<Integer>> fallbackUse, List<Integer> unwritable) {
        Set<Integer> distinct = new LinkedHashSet<>();
        for (int cp : cps) {
            if (cp != '\n') {
                distinct.add(cp);
            }
        }
        FontFile primary = hand.metrics();
        List<Integer> toWrite = new ArrayList<>();
        for (int cp : distinct) {
            if (isBlank(cp)) {
                sources.put(cp, new Source(hand, null, null, blank(primary, cp)));
                continue;
            }
            if (hand.canWrite(cp)) {
                Shape outline = options.throughImages() ? null : hand.outline(cp);
                if (outline != null) {
                    sources.put(cp, outlined(hand, outline, cp));
                } else {
                    toWrite.add(cp);
                }
                continue;
            }
            // a private-use glyph means something only in its own font: never borrow another's
            FontHand fallback = isPrivateOrUnassigned(cp) ? null : fallbacks.fallbackFor(cp);
            if (fallback != null) {
                sources.put(cp, outlined(fallback, fallback.outline(cp), cp));
                fallbackUse.computeIfAbsent(fallback.name(), k -> new ArrayList<>()).add(cp);
            } else {
                unwritable.add(cp);
                sources.put(cp, new Source(hand, null, null,
                        GlyphMetrics.blank(cp, primary.unitsPerEm(), primary.unitsPerEm() * 0.5)));
            }
        }
        if (toWrite.isEmpty()) {
            return;
        }
        int[] batch = toWrite.stream().mapToInt(Integer::intValue).toArray();
        GlyphImage[] images = hand.write(batch);
        if (images.length != batch.length) {
            throw new IllegalStateException(hand.name() + " wrote " + images.length + " glyphs for " + batch.length);
        }
        for (int i = 0; i < batch.length; i++) {
            sources.put(batch[i], imaged(batch[i], images[i]));
        }
    }

    private static GlyphMetrics blank(FontFile metrics, int cp) {
        double em = metrics.unitsPerEm();
        double space = metrics.advanceWidth(' ') > 0 ? metrics.advanceWidth(' ') : em * 0.3;
        double advance;
        if (cp == '\t') {
            advance = 4 * space;
        } else if (cp == 0x3000) {
            advance = em;
        } else {
            advance = metrics.advanceWidth(cp) > 0 ? metrics.advanceWidth(cp) : space;
        }
        return GlyphMetrics.blank(cp, em, advance);
    }

    private static Source outlined(Hand h, Shape outline, int cp) {
        FontFile f = h.metrics();
        Rectangle2D ink = f.inkBounds(cp);
        if (ink == null) {
            ink = outline.getBounds2D();
        }
        return new Source(h, outline, null, GlyphMetrics.of(cp, f.unitsPerEm(), f.advanceWidth(cp), ink));
    }

    /**
     * A generated glyph: placed by its metrics font's bearings, with the ink where the image puts it
     * in that font's frame.
     */
    private Source imaged(int cp, GlyphImage image) {
        FontFile f = hand.metrics();
        double em = f.unitsPerEm();
        if (image == null) {
            return new Source(hand, null, null, GlyphMetrics.blank(cp, em, em * 0.5));
        }
        if (image.placement() == null) {
            GlyphImage.Placement p = Hand.inkPlacement(f, cp, image.sizePx());
            if (p == null) {
                throw new IllegalStateException(hand.name() + " wrote U+" + Integer.toHexString(cp)
                        + " without a placement, and its metrics font lacks it");
            }
            image = new GlyphImage(image.codePoint(), image.sizePx(), image.pixels(), p);
        }
        Rectangle2D drawn = InkResampler.inkInFontUnits(image);
        double advance = f.advanceWidth(cp) > 0 ? f.advanceWidth(cp) : em;
        if (drawn == null) {
            return new Source(hand, null, null, GlyphMetrics.blank(cp, em, advance));
        }
        Rectangle2D source = f.inkBounds(cp) != null ? f.inkBounds(cp) : drawn;
        GlyphMetrics m = new GlyphMetrics(cp, em, advance, source.getMinX(), advance - source.getMaxX(), drawn,
                Scripts.isFullWidth(cp));
        return new Source(hand, null, image, m);
    }

    /** Ink coverage of the whole page (0..255, row-major). */
    private static byte[] drawInk(Page page, Map<Integer, Source> sources, RenderOptions options) {
        int w = page.widthPx();
        int h = page.heightPx();
        BufferedImage canvas = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        byte[] mask = ((DataBufferByte) canvas.getRaster().getDataBuffer()).getData();
        Graphics2D g = null;
        InkResampler resampler = new InkResampler(options.sharpen());
        try {
            for (Page.PlacedGlyph placed : page.glyphs()) {
                if (placed.inkPx() == null) {
                    continue;
                }
                Source s = sources.get(placed.codePoint());
                if (s.outline() != null) {
                    if (g == null) {
                        g = canvas.createGraphics();
                        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
                        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                        g.setColor(Color.WHITE);
                    }
                    g.setTransform(placed.toPage());
                    g.fill(s.outline());
                } else if (s.image() != null) {
                    AffineTransform imageToPage = new AffineTransform(placed.toPage());
                    try {
                        imageToPage.concatenate(InkResampler.fontToImage(s.image().placement()).createInverse());
                    } catch (java.awt.geom.NoninvertibleTransformException e) {
                        continue;
                    }
                    resampler.draw(s.image(), imageToPage, mask, w, h);
                }
            }
        } finally {
            if (g != null) {
                g.dispose();
            }
        }
        return mask;
    }

    /** Ink over the background. */
    private static int[] compose(byte[] mask, int w, int h, RenderOptions options) {
        int ink = options.inkRgb();
        int inkR = (ink >> 16) & 0xff;
        int inkG = (ink >> 8) & 0xff;
        int inkB = ink & 0xff;
        int[] out = new int[w * h];
        if (options.background() == Background.TRANSPARENT) {
            for (int i = 0; i < out.length; i++) {
                out[i] = ((mask[i] & 0xff) << 24) | (ink & 0xffffff);
            }
            return out;
        }
        int[] paper = options.background() == Background.PAPER ? PaperTexture.generate(w, h, options.seed()) : null;
        for (int i = 0; i < out.length; i++) {
            int a = mask[i] & 0xff;
            int bg = paper == null ? 0xffffff : paper[i];
            if (a == 0) {
                out[i] = 0xff000000 | bg;
                continue;
            }
            int r = blend((bg >> 16) & 0xff, inkR, a);
            int gr = blend((bg >> 8) & 0xff, inkG, a);
            int b = blend(bg & 0xff, inkB, a);
            out[i] = 0xff000000 | (r << 16) | (gr << 8) | b;
        }
        return out;
    }

    private static int blend(int paper, int ink, int a) {
        return (paper * (255 - a) + ink * a + 127) / 255;
    }
}
