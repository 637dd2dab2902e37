package dev.fontgan.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.fontgan.nn.Scalars;
import java.util.Random;

/**
 * InfoGAN's latent codes: one categorical code with {@code categories} values (one-hot) and
 * {@code continuous} codes uniform in [-1, 1]. Codes are always sampled, never taken from data.
 * The mutual-information term is lambdaCat * CE(Q_cat, c) + lambdaCont * 0.5 * ||Q_cont - c||^2
 * (a fixed-variance Gaussian likelihood).
 */
public record InfoCodes(int categories, int continuous, float lambdaCategorical, float lambdaContinuous) {
    /** A sample of codes. @param ids categorical values (N); @param codes (N, categories + continuous) */
    public record Sample(int[] ids, NDArray codes) {}

    public int width() {
        return categories + continuous;
    }

    /** Draws codes for {@code n} samples from a seeded host random source. */
    public Sample sample(int n, Random random, NDManager manager) {
        int[] ids = new int[n];
        float[] v = new float[n * width()];
        for (int i = 0; i < n; i++) {
            ids[i] = random.nextInt(categories);
            v[i * width() + ids[i]] = 1f;
            for (int k = 0; k < continuous; k++) {
                v[i * width() + categories + k] = random.nextFloat() * 2f - 1f;
            }
        }
        return new Sample(ids, manager.create(v, new Shape(n, width())));
    }

    /** Codes with given categorical values and continuous values. @param cont (n * continuous) */
    public NDArray fixed(int[] ids, float[] cont, NDManager manager) {
        int n = ids.length;
        float[] v = new float[n * width()];
        for (int i = 0; i < n; i++) {
            v[i * width() + ids[i]] = 1f;
            for (int k = 0; k < continuous; k++) {
                v[i * width() + categories + k] = cont[i * continuous + k];
            }
        }
        return manager.create(v, new Shape(n, width()));
    }

    /**
     * The information loss.
     * @param q Q's output (N, categories + continuous): categorical logits then continuous means
     * @param sample the codes G was given
     */
    public NDArray loss(NDArray q, Sample sample) {
        NDArray loss = categoricalLoss(q, sample);
        return continuous > 0 ? loss.add(continuousLoss(q, sample)) : loss;
    }

    /** The categorical code's part of {@link #loss}: lambdaCat * CE(Q_cat, c). */
    public NDArray categoricalLoss(NDArray q, Sample sample) {
        NDArray logits = q.get(":, :" + categories);
        NDArray labels = sample.codes().getManager().create(sample.ids());
        return Scalars.times(Losses.crossEntropy(logits, labels), lambdaCategorical);
    }

    /** The continuous codes' part of {@link #loss}: lambdaCont * 0.5 * ||Q_cont - c||^2 (needs continuous > 0). */
    public NDArray continuousLoss(NDArray q, Sample sample) {
        NDArray mean = q.get(":, " + categories + ":");
        NDArray target = sample.codes().get(":, " + categories + ":");
        return Scalars.times(mean.sub(target).square().sum(new int[] {1}).mean(), 0.5f * lambdaContinuous);
    }
}
