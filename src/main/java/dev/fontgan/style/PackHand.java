package dev.fontgan.style;

import dev.fontgan.font.FontFile;
import dev.fontgan.glyph.GlyphImage;

/**
 * A style pack as a hand: the pack's source font places the glyphs (its metrics are what the
 * generator's input was framed by) and the generator writes them, all characters of a call in
 * batched forward passes. The style is a named style or blend ({@link StyleMix}), or for a
 * BicycleGAN pack any latent code z (a random style, or one encoded from reference glyphs).
 */
public final class PackHand implements Hand {
    private final StylePack pack;
    private final StyleMix mix;
    /** The latent code written with, or null when {@link #mix} is. */
    private final float[] z;
    private final String name;
    private final boolean ownsPack;
    /** The mix uses a Latin handwriting style, which never saw a CJK target: leave CJK to fallbacks. */
    private final boolean latinOnly;

    /**
     * @param ownsPack close the pack when the hand is closed
     */
    public PackHand(StylePack pack, StyleMix mix, boolean ownsPack) {
        float[] weights = mix.over(pack.styles(), "--style"); // unknown names fail here, before any rendering
        boolean latin = false;
        for (PackStyle style : pack.styles()) {
            latin |= weights[style.id()] > 0 && "handwriting".equals(style.role());
        }
        this.latinOnly = latin;
        this.pack = pack;
        this.mix = mix;
        this.z = null;
        this.name = mix.toString();
        this.ownsPack = ownsPack;
    }

    private PackHand(StylePack pack, float[] z, String name, boolean ownsPack) {
        if (!pack.hasLatentSpace()) {
            throw new dev.fontgan.FontganException(pack.where(), "a " + pack.kind() + " pack takes named styles only;"
                    + " random and reference styles need a bicycle pack");
        }
        if (z.length != pack.latentSize()) {
            throw new IllegalArgumentException("z has " + z.length + " values, the pack's latent size is "
                    + pack.latentSize());
        }
        this.pack = pack;
        this.mix = null;
        this.z = z.clone();
        this.name = name;
        this.latinOnly = false;
        this.ownsPack = ownsPack;
    }

    /**
     * A hand writing with one latent code of a BicycleGAN pack.
     *
     * @param name how messages call the style, e.g. {@code z:seed=7}
     * @param ownsPack close the pack when the hand is closed
     */
    public static PackHand latent(StylePack pack, float[] z, String name, boolean ownsPack) {
        return new PackHand(pack, z, name, ownsPack);
    }

    /** First code point of the CJK blocks (radicals onwards, including CJK punctuation). */
    static final int CJK_START = 0x2E80;

    /**
     * The style a pack writes with when none is asked for: the one that scored best on unseen
     * characters (content accuracy times SSIM) in the evaluation recorded at export, else the
     * first style. Latin-only hands are passed over while a style that writes CJK exists.
     */
    public static StyleMix defaultStyle(StylePack pack) {
        String best = pack.styles().get(0).name();
        double bestScore = -1;
        if (pack.manifest().metrics().get("styles") instanceof java.util.List<?> rows) {
            for (Object row : rows) {
                if (row instanceof java.util.Map<?, ?> m && m.get("name") instanceof String name
                        && m.get("content_acc") instanceof Number acc && m.get("ssim") instanceof Number ssim
                        && pack.styles().stream().anyMatch(st -> st.name().equals(name)
                                && !("handwriting".equals(st.role()) && writesCjk(pack)))) {
                    double score = acc.doubleValue() * ssim.doubleValue();
                    if (score > bestScore) {
                        bestScore = score;
                        best = name;
                    }
                }
            }
        }
        return StyleMix.of(best);
    }

    private static boolean writesCjk(StylePack pack) {
        return pack.styles().stream().anyMatch(st -> !"handwriting".equals(st.role()));
    }

    public StylePack pack() {
        return pack;
    }

    /** The named style or blend, or null for a latent hand. */
    public StyleMix mix() {
        return mix;
    }

    /** A copy of the latent code, or null for a named style or blend. */
    public float[] z() {
        return z == null ? null : z.clone();
    }

    @Override
    public String name() {
        return name;
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
        return pack.canWrite(codePoint) && !(latinOnly && codePoint >= CJK_START);
    }

    @Override
    public GlyphImage[] write(int[] codePoints) {
        return z != null ? pack.generateLatent(codePoints, z) : pack.generate(codePoints, mix);
    }

    @Override
    public void close() {
        if (ownsPack) {
            pack.close();
        }
    }

    @Override
    public String toString() {
        return "PackHand[" + name + ", " + pack + "]";
    }
}
