package dev.fontgan.gan;

import ai.djl.ndarray.NDArray;

/**
 * A generator batch of pairs: 2 x half samples where sample i and i + half share a class and
 * differ in noise, so the mode-seeking term (MSGAN) can compare the two pictures of one class.
 * @param z noise (2 half, Z)
 * @param labels int32 (2 half): the first half's labels repeated
 * @param half pairs in the batch
 */
public record ClassPairs(NDArray z, NDArray labels, int half) {
    /** Fresh noise, then random labels for {@code half} pairs (this order: seeded runs repeat). */
    public static ClassPairs draw(Step s, int half) {
        NDArray z = s.latent(2 * half);
        NDArray some = s.randomLabels(half);
        return new ClassPairs(z, some.concat(some), half);
    }

    /** {@link Losses#modeSeeking} between the two samples of every pair of G's outputs. */
    public NDArray modeSeeking(NDArray fakes) {
        String first = ":" + half;
        String second = half + ":";
        return Losses.modeSeeking(fakes.get(first), fakes.get(second), z.get(first), z.get(second));
    }
}
