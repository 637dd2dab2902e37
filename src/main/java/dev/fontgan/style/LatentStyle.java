package dev.fontgan.style;

import dev.fontgan.FontganException;
import dev.fontgan.glyph.GlyphImage;
import dev.fontgan.glyph.Normalization;
import dev.fontgan.glyph.SampleImages;
import java.nio.file.Path;
import java.util.List;

/**
 * A style of a BicycleGAN pack given by its latent code: drawn from a seed ({@code --z random
 * --seed S}) or encoded from pictures of glyphs written in one style ({@code --reference IMG...}).
 *
 * <p>Reference pictures hold one character each (a crop of a scan or a PNG of a glyph, any size,
 * dark ink on light paper or the reverse); each is framed as the glyph pipeline frames a font
 * glyph ({@code glyph.InkFraming}: ink box scaled to fit, centred), encoded to the encoder's mean
 * μ, and the μ of all pictures averaged. A picture of a whole line is not split into glyphs: crop
 * the characters first.
 *
 * @param name how the style is called in messages, e.g. {@code z:seed=7}
 * @param z    the latent code, {@link StylePack#latentSize()} values
 */
public record LatentStyle(String name, float[] z) {
    /** Most reference pictures read for one style (their μ is averaged; more adds little). */
    public static final int MAX_REFERENCES = 256;

    /** The random style of a seed: the same seed gives the same style for every character and call. */
    public static LatentStyle random(StylePack pack, long seed) {
        return new LatentStyle("z:seed=" + seed + (pack.zScale() == 1 ? "" : ",scale=" + pack.zScale()),
                pack.latentForSeed(seed));
    }

    /** The style of reference pictures, one written character each (see the class comment). */
    public static LatentStyle fromReferences(StylePack pack, List<Path> pictures) {
        if (!pack.hasLatentSpace()) {
            throw new FontganException(pack.where(), "a " + pack.kind() + " pack cannot take a style from reference "
                    + "glyphs (that needs a bicycle pack)");
        }
        if (pictures.isEmpty() || pictures.size() > MAX_REFERENCES) {
            throw new FontganException("--reference", "give 1 to " + MAX_REFERENCES + " pictures, got " + pictures.size());
        }
        if (pack.manifest().normalization() != Normalization.INK) {
            throw new FontganException(pack.where(), "reference pictures are framed by their ink box; this pack's "
                    + "glyphs are framed " + pack.manifest().normalization().id());
        }
        List<GlyphImage> glyphs = SampleImages.readEach(pictures, pack.sizePx());
        return new LatentStyle("reference:" + pictures.size() + (pictures.size() == 1 ? " glyph" : " glyphs"),
                pack.encodeStyle(glyphs));
    }

    /** A hand writing this style with the pack. */
    public PackHand hand(StylePack pack, boolean ownsPack) {
        return PackHand.latent(pack, z, name, ownsPack);
    }
}
