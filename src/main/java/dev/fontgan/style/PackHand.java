package dev.fontgan.style;

import dev.fontgan.font.FontFile;
import dev.fontgan.glyph.GlyphImage;

/**
 * A style pack as a hand: the pack's source font places the glyphs (its metrics are what the
 * generator's input was framed by) and the generator writes them, all characters of a call in
 * batched forward passes.
 */
public final class PackHand implements Hand {
    private final StylePack pack;
    private final StyleMix mix;
    private final boolean ownsPack;

    /**
     * @param ownsPack close the pack when the hand is closed
     */
    public PackHand(StylePack pack, StyleMix mix, boolean ownsPack) {
        mix.over(pack.styles(), "--style"); // unknown names fail here, before any rendering
        this.pack = pack;
        this.mix = mix;
        this.ownsPack = ownsPack;
    }

    /** The pack's first style. */
    public static StyleMix firstStyle(StylePack pack) {
        return StyleMix.of(pack.styles().get(0).name());
    }

    public StylePack pack() {
        return pack;
    }

    public StyleMix mix() {
        return mix;
    }

    @Override
    public String name() {
        return mix.toString();
    }

    @Override
    public FontFile metrics() {
        return pack.sourceFont();
    }

    @Override
    public int sizePx() {
        return pack.sizePx();
    }

    @Override
    public boolean canWrite(int codePoint) {
        return pack.canWrite(codePoint);
    }

    @Override
    public GlyphImage[] write(int[] codePoints) {
        return pack.generate(codePoints, mix);
    }

    @Override
    public void close() {
        if (ownsPack) {
            pack.close();
        }
    }

    @Override
    public String toString() {
        return "PackHand[" + mix + ", " + pack + "]";
    }
}
