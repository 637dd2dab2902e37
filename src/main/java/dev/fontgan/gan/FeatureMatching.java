package dev.fontgan.gan;

import ai.djl.ndarray.NDArray;

/** Feature matching (Salimans et al.): G matches the batch mean of D's intermediate features on reals. */
public final class FeatureMatching {
    private FeatureMatching() {}

    /**
     * @param realFeatures (N, F) D's features on reals (treated as constants)
     * @param fakeFeatures (M, F) D's features on generated samples
     * @return 0-d squared distance between the two mean feature vectors, divided by F
     */
    public static NDArray loss(NDArray realFeatures, NDArray fakeFeatures) {
        NDArray r = realFeatures.stopGradient().mean(new int[] {0});
        NDArray f = fakeFeatures.mean(new int[] {0});
        return r.sub(f).square().mean();
    }
}
