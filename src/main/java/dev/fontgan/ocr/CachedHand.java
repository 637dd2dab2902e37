package dev.fontgan.ocr;

import dev.fontgan.font.FontFile;
import dev.fontgan.glyph.GlyphImage;
import dev.fontgan.style.Hand;
import java.awt.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * A hand whose written glyphs are kept per character, so a generated style writes each character
 * once per dataset and later lines cost what a plain font costs; optionally each image is
 * transformed once before it is kept ({@link #forLineSize}). Thread-safe; two threads asking for
 * the same new character at once may both generate it (the images are equal).
 */
final class CachedHand implements Hand {
    /** Stands for "the hand gave no image" in the map (which takes no nulls). */
    static final GlyphImage NONE = new GlyphImage(0, 1, new byte[1]);

    private final Hand hand;
    private final UnaryOperator<GlyphImage> keep;
    private final Map<Integer, GlyphImage> glyphs = new ConcurrentHashMap<>();
    /**
     * Answers of {@link #canWrite} for the BMP: 0 not asked yet, 1 yes, 2 no. The coverage guard
     * asks for every character of every drawn line and style; the answer never changes, so
     * threads racing on an entry store the same byte.
     */
    private final byte[] writable = new byte[0x10000];

    CachedHand(Hand hand) {
        this(hand, UnaryOperator.identity());
    }

    /** @param keep what is kept of each image the hand writes (applied once per character) */
    CachedHand(Hand hand, UnaryOperator<GlyphImage> keep) {
        this.hand = hand;
        this.keep = keep;
    }

    /** Sizes lines are set at (px per em) to this hand with its images shrunk for them. */
    private final Map<Integer, Hand> atLineSize = new ConcurrentHashMap<>();

    /** This hand for lines set at {@code pxPerEm}: generated images shrunk once to about that size. */
    Hand forLineSize(int pxPerEm) {
        return atLineSize.computeIfAbsent(pxPerEm, px -> new CachedHand(this, new LineSizeShrink(this, px)::shrink));
    }

    Hand inner() {
        return hand;
    }

    int cachedGlyphs() {
        return glyphs.size();
    }

    @Override
    public String name() {
        return hand.name();
    }

    @Override
    public FontFile metrics() {
        return hand.metrics();
    }

    @Override
    public int sizePx() {
        return hand.sizePx();
    }

    @Override
    public boolean canWrite(int codePoint) {
        if (codePoint < 0 || codePoint >= writable.length) {
            return hand.canWrite(codePoint);
        }
        byte known = writable[codePoint];
        if (known == 0) {
            known = hand.canWrite(codePoint) ? (byte) 1 : (byte) 2;
            writable[codePoint] = known;
        }
        return known == 1;
    }

    @Override
    public Shape outline(int codePoint) {
        return hand.outline(codePoint);
    }

    @Override
    public GlyphImage[] write(int[] codePoints) {
        List<Integer> missing = new ArrayList<>();
        for (int cp : codePoints) {
            if (!glyphs.containsKey(cp)) {
                missing.add(cp);
            }
        }
        if (!missing.isEmpty()) {
            int[] batch = missing.stream().mapToInt(Integer::intValue).toArray();
            GlyphImage[] made = hand.write(batch);
            for (int i = 0; i < batch.length; i++) {
                glyphs.put(batch[i], made[i] == null ? NONE : keep.apply(made[i]));
            }
        }
        GlyphImage[] out = new GlyphImage[codePoints.length];
        for (int i = 0; i < codePoints.length; i++) {
            GlyphImage g = glyphs.get(codePoints[i]);
            out[i] = g == NONE ? null : g;
        }
        return out;
    }

    @Override
    public void close() {
        hand.close();
    }
}
