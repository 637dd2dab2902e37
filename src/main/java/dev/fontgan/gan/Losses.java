package dev.fontgan.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.fontgan.nn.Scalars;

/** Scalar losses on NDArrays; every result is a 0-d array (mean over the batch). */
public final class Losses {
    private Losses() {}

    /**
     * Binary cross-entropy on logits against a constant target, numerically stable.
     * @param logits any shape, unbounded
     * @param target 1 for "real", 0 for "fake" (values in between are label smoothing)
     */
    public static NDArray bceWithLogits(NDArray logits, float target) {
        // BCE(x, t) = t * softplus(-x) + (1 - t) * softplus(x)
        if (target == 1f) {
            return Activation.softPlus(logits.neg()).mean();
        }
        if (target == 0f) {
            return Activation.softPlus(logits).mean();
        }
        return Scalars.times(Activation.softPlus(logits.neg()), target).add(Scalars.times(Activation.softPlus(logits), 1f - target)).mean();
    }

    /**
     * Softmax cross-entropy on logits (never apply softmax before this).
     * @param logits (N, K)
     * @param labels (N) integer class ids in [0, K)
     */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        int classes = (int) logits.getShape().get(1);
        NDArray oneHot = labels.oneHot(classes, logits.getDataType());
        return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).mean().neg();
    }

    /**
     * Mode-seeking term (Mao et al. 2019, MSGAN): 1 / (r + 1e-5) with r = mean|a - b| / mean|za - zb|,
     * the image distance of two samples of one condition over their noise distance. Minimizing it
     * makes G's output move with z instead of drawing one picture per condition.
     * @param a images (N, ...) generated from noise {@code za}
     * @param b images (N, ...) generated from noise {@code zb} with the same conditions as {@code a}
     */
    public static NDArray modeSeeking(NDArray a, NDArray b, NDArray za, NDArray zb) {
        NDArray ratio = l1(a, b).div(l1(za, zb));
        return ratio.add(1e-5f).pow(Scalars.of(ratio, -1f));
    }

    /** Mean absolute difference of two arrays of the same shape. */
    public static NDArray l1(NDArray a, NDArray b) {
        return a.sub(b).abs().mean();
    }

    /** Mean squared difference of two arrays of the same shape. */
    public static NDArray mse(NDArray a, NDArray b) {
        return a.sub(b).square().mean();
    }

    /**
     * Anisotropic total variation: mean absolute difference of vertical and horizontal neighbours.
     * @param images (N, C, H, W)
     */
    public static NDArray totalVariation(NDArray images) {
        long h = images.getShape().get(2);
        long w = images.getShape().get(3);
        NDArray dy = images.get(":, :, 1:, :").sub(images.get(":, :, :" + (h - 1) + ", :")).abs().mean();
        NDArray dx = images.get(":, :, :, 1:").sub(images.get(":, :, :, :" + (w - 1))).abs().mean();
        return dy.add(dx);
    }

    /**
     * KL divergence of N(mu, exp(logVar)) from N(0, 1), summed over the latent dimensions and
     * averaged over the batch (the VAE / BicycleGAN convention).
     * @param mu (N, Z)
     * @param logVar (N, Z) log variance
     */
    public static NDArray klToStandardNormal(NDArray mu, NDArray logVar) {
        // KL = -1/2 * sum(1 + log s^2 - mu^2 - s^2)
        return klPerEntry(mu, logVar).sum(new int[] {1}).mean();
    }

    /**
     * KL to N(0, 1) with free bits: each latent dimension's KL (batch mean) counts at least
     * {@code floor} nats, so below that it gets no gradient; equals {@link #klToStandardNormal}
     * when every dimension is above the floor.
     */
    public static NDArray klToStandardNormalFreeBits(NDArray mu, NDArray logVar, float floor) {
        NDArray perDimension = klPerEntry(mu, logVar).mean(new int[] {0});
        return perDimension.maximum(Scalars.of(perDimension, floor)).sum();
    }

    /** KL of each (sample, dimension) entry: -0.5 (1 + log var - mu^2 - var). */
    private static NDArray klPerEntry(NDArray mu, NDArray logVar) {
        return Scalars.times(logVar.add(1f).sub(mu.square()).sub(logVar.exp()), -0.5f);
    }
}
