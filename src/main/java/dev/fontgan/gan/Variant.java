package dev.fontgan.gan;

import dev.fontgan.data.GlyphAugmenter;

/**
 * A named GAN recipe: which data it trains on, which parts it builds, how one iteration runs.
 * Everything else (loop, checkpoints, samples, metrics) is shared.
 */
public interface Variant {
    /** Short lower-case name used on the command line ("dcgan", "wgan-gp"). */
    String name();

    /** One line for {@code fontgan gan list}. */
    String summary();

    /** What it trains on; most variants learn class glyphs. */
    default DataMode data() {
        return DataMode.CLASS_GLYPHS;
    }

    /** Characters it trains on unless told otherwise: the classes of class glyphs, or the paired characters. */
    default String defaultChars() {
        return data() == DataMode.PAIRED_GLYPHS ? GanDataSpec.DEFAULT_PAIRED_CHARS : GanDataSpec.DEFAULT_CLASS_CHARS;
    }

    /** The one number it is judged by; glyph-FID unless the variant is conditional or paired. */
    default Metric metric() {
        return Metric.GLYPH_FID;
    }

    /**
     * Distortions drawn afresh on every real training glyph (class glyphs only), or null to train on
     * the clean renders.
     */
    default GlyphAugmenter.Distortions realDistortions() {
        return null;
    }

    /** Builds the networks and optimizers. */
    Players build(VariantConfig config);

    /** One training iteration: D and G updates through {@code step}, which records their losses. */
    void iterate(Players players, Batch batch, Step step);

    /**
     * Whether G and D are given each glyph's font id ({@link Batch#styles()}, one of
     * {@link VariantConfig#styleCount()}) as their label; samples then draw fonts uniformly.
     */
    default boolean givenStyle() {
        return false;
    }

    /**
     * Decay of the moving average of G's weights that samples and evaluation use when the user does
     * not choose one (`gan train --ema`); 0 keeps no average.
     */
    default float averageDecay() {
        return 0f;
    }

    /** Base channel count of its networks when the user does not choose one (`gan train --width`). */
    default int defaultWidth() {
        return 32;
    }

    /** Categorical code count for info-code variants (sample rows per code); 0 otherwise. */
    default InfoCodes codes() {
        return null;
    }
}
