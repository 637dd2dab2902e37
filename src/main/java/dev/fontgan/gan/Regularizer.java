package dev.fontgan.gan;

import ai.djl.ndarray.NDArray;

/** A term or constraint on the discriminator: a penalty added to its loss, or a fix after its update. */
public interface Regularizer {
    /**
     * The penalty for this D step, or null.
     * @param real real images D scored (N, 1, H, W) in [-1, 1]
     * @param fake generated images D scored (N, 1, H, W), no graph to G
     * @param condition D's conditioning (labels or sources) or null
     */
    default NDArray penalty(Players players, NDArray real, NDArray fake, NDArray condition) {
        return null;
    }

    /** Runs after D's optimizer step (weight clipping). */
    default void afterUpdate(Players players) {}

    /** A short name for the metrics log. */
    String name();
}
