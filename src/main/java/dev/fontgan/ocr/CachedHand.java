package dev.fontgan.ocr;

import dev.fontgan.font.FontFile;
import dev.fontgan.glyph.GlyphImage;
import dev.fontgan.style.Hand;
import java.awt.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A hand whose written glyphs are kept per character, so a generated style writes each character
 * once per dataset and later lines cost what a plain font costs. Thread-safe; two threads asking
 * for the same new character at once may both generate it (the images are equal).
 */
final class CachedHand implements Hand {
    /** Stands for "the hand gave no image" in the map (which takes no nulls). */
    private static final GlyphImage NONE = new GlyphImage(0, 1, new byte[1]);

    private final Hand hand;
    private final Map<Integer, GlyphImage> glyphs = new ConcurrentHashMap<>();

    CachedHand(Hand hand) {
        this.hand = hand;
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
        return hand.canWrite(codePoint);
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
                glyphs.put(batch[i], made[i] == null ? NONE : made[i]);
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
