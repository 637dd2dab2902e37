package dev.fontgan.style;

import ai.djl.ndarray.NDArray;

/**
 * The network behind a style pack, as {@link StylePack} uses it: a table of style vectors that
 * {@code --style} names and blends weigh, and one eval-mode forward pass. zi2zi's table is its
 * learned style embedding; a BicycleGAN pack's is the latent code of each named style, and it can
 * also take any latent code and encode reference glyphs into one.
 */
interface PackModel extends AutoCloseable {
    /** (styles, W) style vectors, row = style id. */
    NDArray styleTable();

    /**
     * One eval-mode forward pass.
     * @param source (N, 1, S, S) in [-1, 1]
     * @param styleVectors (N, W) rows of the kind {@link #styleTable()} holds
     * @return (N, 1, S, S) in [-1, 1]
     */
    NDArray forward(NDArray source, NDArray styleVectors);

    /** The generator's plain eval forward pass, for checking a faster {@link #forward} against. */
    default NDArray forwardUnfolded(NDArray source, NDArray styleVectors) {
        return forward(source, styleVectors);
    }

    /** Whether {@link #forward} runs folded weights (eval BN folded into convs) rather than the plain pass. */
    default boolean folded() {
        return false;
    }

    /** Trainable scalars of the generator. */
    long generatorParameterCount();

    /** Width of a latent code, or 0 when the model has no latent space (zi2zi). */
    default int latentSize() {
        return 0;
    }

    /**
     * The encoder's mean latent code of each glyph (latent models only).
     * @param glyphs (N, 1, S, S) in [-1, 1]
     * @return (N, latentSize) in the glyphs' manager
     */
    default NDArray encodeMean(NDArray glyphs) {
        throw new UnsupportedOperationException("no encoder");
    }

    /**
     * A latent code refined so the generator draws the reference glyphs (latent models only; see
     * {@link dev.fontgan.bicycle.LatentRefinement}).
     * @param source (N, 1, S, S) in [-1, 1], the source glyph of each reference's character
     * @param target (N, 1, S, S) in [-1, 1], the references
     */
    default dev.fontgan.bicycle.LatentRefinement.Result refineLatent(NDArray source, NDArray target, float[][] starts,
            dev.fontgan.bicycle.LatentRefinement.Settings settings,
            java.util.function.UnaryOperator<NDArray> features, dev.fontgan.Progress progress) {
        throw new UnsupportedOperationException("no latent space");
    }

    /** The latent code of a random style for a seed (latent models only). */
    default float[] latentForSeed(long seed) {
        throw new UnsupportedOperationException("no latent space");
    }

    @Override
    void close();
}
