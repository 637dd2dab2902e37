package dev.fontgan.gan.variants;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import dev.fontgan.data.GlyphAugmenter;
import dev.fontgan.gan.AdversarialLoss;
import dev.fontgan.gan.Batch;
import dev.fontgan.gan.Conditioning;
import dev.fontgan.gan.GanDataSpec;
import dev.fontgan.gan.InfoCodes;
import dev.fontgan.gan.Metric;
import dev.fontgan.gan.OptimizerSpec;
import dev.fontgan.gan.Players;
import dev.fontgan.gan.Step;
import dev.fontgan.gan.StyleJitter;
import dev.fontgan.gan.Variant;
import dev.fontgan.gan.VariantConfig;
import dev.fontgan.nn.Layers;
import dev.fontgan.nn.Mlp;
import dev.fontgan.nn.Norm;

/**
 * InfoGAN: G(z, c) with sampled codes c (one categorical code with as many values as the data has
 * classes, two continuous codes); a Q head on D's shared body predicts c; the mutual-information
 * term (lambda_cat 3, lambda_cont 0.1) updates G and Q in G's step and D's body and Q on the
 * critic's own fakes in D's step (Q's gradients from both steps meet in one auxiliary update).
 * Codes are never taken from real labels. Real glyphs are distorted afresh on every draw
 * ({@link #REAL_DISTORTIONS}).
 *
 * <p>Q reads the categorical code through a {@link StyleJitter} (a random slant, width, rotation,
 * shift and stroke weight of each fake; the continuous codes are read from the clean fake). On 31
 * fonts x 10 digits, ten codes are met by any ten groups Q tells apart, and with Q reading clean
 * fakes two or three of them became styles (faint strokes) or look-alike pairs (8/3, 6/5): 76.0%
 * one-to-one, median of seeds 1-5 at 6,000 steps. A code carried by a style the jitter scrambles
 * no longer pays, so the codes move to what survives it, the character: 93.6% at width 16 (seeds
 * 1-5: 95.4 / 93.6 / 95.8 / 92.6 / 78.0%).
 *
 * <p>{@code infogan-font} ({@link #givenFont()}) instead gives G and D the font each glyph was
 * drawn from (G: an embedding beside z and the codes; D: a projection term), never the character;
 * once the font is given, what is left to vary within a font is the character. Q still sees only
 * the image (D's body, which the font does not reach), so a code must mean the same digit in every
 * font. One-to-one code accuracy, median of seeds 1-5 at 6,000 steps: 86.4% at width 16, 94.4% at
 * width 32 (one net draws 31 fonts' digits), 96.4% sampled from the average of G's weights
 * ({@link #averageDecay()}); the misses left are mostly the outline and script fonts.
 */
public final class InfoGan implements Variant {
    /** Noise values G reads (of the shared {@code latentDim}); fewer leave digit identity to the code. */
    static final int NOISE_USED = 16;
    /**
     * Weight of the categorical code's term. The paper's 1 let the codes settle on whatever Q read
     * most easily; 3 ties them harder to what G draws (seeds 1-3 at 3,000 steps: one-to-one code
     * accuracy median 75.0% vs 69.6%).
     */
    static final float CATEGORICAL_WEIGHT = 3f;
    /**
     * Light stroke, scale, rotation and shift jitter of every real glyph. The data is 300-odd
     * glyphs: on the clean renders D memorised them and each code drew nearly one glyph whatever z
     * (a code was then as well spent on a font as on a digit). Jittered, z draws varied glyphs and
     * longer training pays: one-to-one median over seeds 1-3 76.6% at 3,000 steps (clean: 75.0%)
     * and 86.4% at 6,000 (clean seed 1: 71.2%); stronger jitter did worse (63.8% seed 1).
     */
    static final GlyphAugmenter.Distortions REAL_DISTORTIONS =
            new GlyphAugmenter.Distortions(0.7f, 0.2f, 1.2f, 0.9, 1.05, 5, 1.5, 0f, 0f);
    private final boolean givenFont;
    private final StyleJitter jitter;
    private InfoCodes codes = new InfoCodes(10, 2, CATEGORICAL_WEIGHT, 0.1f);

    /** The unconditional InfoGAN, Q reading the categorical code through the standard style jitter. */
    public InfoGan() {
        this(false, StyleJitter.standard());
    }

    /**
     * @param givenFont whether G and D also read each glyph's font
     * @param jitter what Q reads the categorical code through (null: the clean image, as in the paper)
     */
    public InfoGan(boolean givenFont, StyleJitter jitter) {
        this.givenFont = givenFont;
        this.jitter = jitter;
    }

    /** InfoGAN whose players are also given each glyph's font (never its character). */
    public static InfoGan givenFont() {
        return new InfoGan(true, null);
    }

    @Override
    public String name() {
        return givenFont ? "infogan-font" : "infogan";
    }

    @Override
    public String summary() {
        return givenFont
                ? "InfoGAN given each glyph's font (not its character): the categorical code learns the character"
                : "InfoGAN: sampled categorical + continuous codes; Q (on D's body) reads the category through style jitter";
    }

    @Override
    public boolean givenStyle() {
        return givenFont;
    }

    /**
     * The font-given recipe samples with the average of G's weights (decay 0.999): over seeds 1-5
     * at width 32 and 6,000 steps, the same trained runs read 97.4 / 91.6 / 96.4 / 96.8 / 84.8% one-to-one
     * averaged against 97.0 / 90.6 / 94.4 / 94.6 / 83.0% from the last weights (training is unchanged:
     * equal losses at every logged step).
     */
    @Override
    public float averageDecay() {
        return givenFont ? 0.999f : 0f;
    }

    /**
     * The unconditional recipe trains at width 16: seeds 1-5 at 6,000 steps read 95.4 / 93.6 / 95.8 /
     * 92.6 / 78.0% one-to-one (median 93.6%) against 83.6 / 89.2 / 96.2 / 82.2 / 97.6% at width 32
     * (median 89.2%); the font-given one at 32 (86.4% at 16, 94.4% at 32).
     */
    @Override
    public int defaultWidth() {
        return givenFont ? 32 : 16;
    }

    @Override
    public String defaultChars() {
        return GanDataSpec.DIGITS; // a class set whose characters are told apart after ink normalization
    }

    @Override
    public GlyphAugmenter.Distortions realDistortions() {
        return REAL_DISTORTIONS;
    }

    @Override
    public Metric metric() {
        return Metric.CODE_ACCURACY;
    }

    @Override
    public InfoCodes codes() {
        return codes;
    }

    @Override
    public Players build(VariantConfig c) {
        codes = new InfoCodes(Math.max(2, c.classCount()), 2, CATEGORICAL_WEIGHT, 0.1f);
        if (givenFont && c.styleCount() < 1) {
            throw new dev.fontgan.FontganException("--variant", name() + " needs class glyphs drawn from named fonts");
        }
        Players.Builder b = givenFont
                ? Dcgan.players(c, Conditioning.LABEL_PROJECTION, Norm.BATCH, false, c.styleCount())
                : Dcgan.players(c, Conditioning.NONE, Norm.BATCH, false);
        return b
                .generator(generator(c))
                .generatorInputWidth(c.latentDim() + codes.width())
                .auxiliary(Mlp.of(new int[] {4 * c.width(), codes.width()}, () -> Layers.leakyRelu(0.2f)),
                        OptimizerSpec.dcganAdam())
                .optimizers(OptimizerSpec.adam(1e-3f, 0.5f, 0.999f), OptimizerSpec.dcganAdam())
                .build();
    }

    /**
     * DCGAN's generator reading the codes and only the first {@link #NOISE_USED} noise values: with
     * all 64, z carried digit identity beside the categorical code (median 60.0% one-to-one over
     * seeds 1-3 at 3,000 steps vs 69.6% with 16).
     * Input (N, Z + codes) as every caller builds it; output (N, 1, H, W) in [-1, 1].
     */
    static Block generator(VariantConfig c) {
        int latent = c.latentDim();
        int used = Math.min(NOISE_USED, latent);
        SequentialBlock g = new SequentialBlock();
        g.add(LambdaBlock.singleton(x -> x.get(":, :" + used).concat(x.get(":, " + latent + ":"), 1), "fewerNoise"));
        return g.add(Dcgan.generator(c));
    }

    @Override
    public void iterate(Players p, Batch b, Step s) {
        AdversarialLoss adv = AdversarialLoss.NON_SATURATING;
        int n = b.count();
        InfoCodes.Sample forCritic = codes.sample(n, s.random(), s.manager());
        // fakes take the real batch's fonts, so D compares like with like and fonts keep the data's mix
        NDArray font = givenFont ? b.styles() : null;
        NDArray fake = p.generate(s.latent(n).concat(forCritic.codes(), 1), font, true).stopGradient();
        s.updateCritic("d_loss", () -> {
            NDList fk = s.criticize(fake, font);
            NDArray loss = adv.discriminator(s.criticize(b.images(), font).get(0), fk.get(0));
            // the MI term also trains D's body, which Q shares (as in the paper): with the body
            // frozen for it, Q read codes off real/fake features and 10 codes drew 8 digits
            NDArray info = information(p, s, fake, fk, font, forCritic);
            s.record("d_info", info);
            return loss.add(info);
        });
        InfoCodes.Sample c = codes.sample(n, s.random(), s.manager());
        NDArray z = s.latent(n).concat(c.codes(), 1);
        s.updateGenerator("g_loss", () -> {
            NDArray g = p.generate(z, font, true);
            NDList out = s.criticize(g, font);
            NDArray info = information(p, s, g, out, font, c);
            s.record("info", info);
            return adv.generator(out.get(0)).add(info);
        });
    }

    /** The MI term on generated images whose critic outputs are {@code out}. */
    private NDArray information(Players p, Step s, NDArray images, NDList out, NDArray font, InfoCodes.Sample c) {
        NDArray clean = p.auxiliaryOf(out.get(1), true);
        if (jitter == null) {
            return codes.loss(clean, c);
        }
        NDArray jittered = p.auxiliaryOf(s.criticize(jitter.apply(images, s.random()), font).get(1), true);
        NDArray cat = codes.categoricalLoss(jittered, c);
        return codes.continuous() > 0 ? cat.add(codes.continuousLoss(clean, c)) : cat;
    }

}
