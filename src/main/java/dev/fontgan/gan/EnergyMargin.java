package dev.fontgan.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.fontgan.nn.Scalars;

/**
 * EBGAN's energy objective: D outputs an energy per sample (e.g. its autoencoder's reconstruction
 * error); D minimizes E(real) + max(0, m - E(fake)); G minimizes E(fake).
 * @param margin the hinge margin m, > 0
 */
public record EnergyMargin(float margin) implements GanObjective {
    @Override
    public NDArray discriminator(NDArray real, NDArray fake) {
        return real.mean().add(Activation.relu(fake.neg().add(margin)).mean());
    }

    @Override
    public NDArray generator(NDArray fake) {
        return fake.mean();
    }

    /**
     * Per-sample reconstruction energy.
     * @param input (N, ...) the samples
     * @param reconstruction (N, ...) D's reconstruction of them
     * @return (N) mean squared error per sample
     */
    public static NDArray energy(NDArray input, NDArray reconstruction) {
        long n = input.getShape().get(0);
        return input.sub(reconstruction).square().reshape(n, -1).mean(new int[] {1});
    }

    /**
     * EBGAN's pull-away term: mean squared cosine similarity between distinct samples' codes.
     * @param codes (N, D), N >= 2
     */
    public static NDArray pullAway(NDArray codes) {
        long n = codes.getShape().get(0);
        NDArray unit = codes.div(codes.square().sum(new int[] {1}, true).add(1e-12f).sqrt());
        NDArray cos = unit.matMul(unit.transpose());
        return Scalars.over(cos.square().sum().sub(n), (float) (n * (n - 1)));
    }
}
