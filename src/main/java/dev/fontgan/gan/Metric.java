package dev.fontgan.gan;

/** The one metric a variant is judged by (GAN-VARIANTS.md). */
public enum Metric {
    /** Fréchet distance in the glyph classifier's feature space, with the real-vs-real floor. */
    GLYPH_FID,
    /** Share of conditional samples the glyph classifier reads as the requested character. */
    CLASS_ACCURACY,
    /** Accuracy of the best mapping from a categorical latent code to characters. */
    CODE_ACCURACY,
    /** L1 and SSIM against the target on characters unseen in training. */
    L1_SSIM
}
