package dev.fontgan.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.fontgan.nn.Scalars;

/** The adversarial objectives, all on raw discriminator outputs (logits / critic scores). */
public enum AdversarialLoss implements GanObjective {
    /** Original minimax BCE; the generator minimizes log(1 - D(G(z))) (saturating). */
    MINIMAX,
    /** BCE for D; the generator maximizes log D(G(z)) instead. */
    NON_SATURATING,
    /** Least squares with targets a = 0 (fake), b = c = 1 (real). */
    LEAST_SQUARES,
    /** Wasserstein critic: D maximizes D(real) - D(fake). */
    WASSERSTEIN,
    /** Hinge: D uses relu(1 - real) + relu(1 + fake); G maximizes D(fake). */
    HINGE,
    /** Boundary-seeking (BGAN): BCE for D; G minimizes 1/2 (log D - log(1 - D))^2 = 1/2 logit^2. */
    BOUNDARY_SEEKING;

    /**
     * The discriminator's loss.
     * @param real outputs of D on real samples, any shape
     * @param fake outputs of D on generated samples, any shape
     */
    @Override
    public NDArray discriminator(NDArray real, NDArray fake) {
        return switch (this) {
            case MINIMAX, NON_SATURATING, BOUNDARY_SEEKING -> Losses.bceWithLogits(real, 1f).add(Losses.bceWithLogits(fake, 0f));
            case LEAST_SQUARES -> Scalars.times(real.sub(1f).square().mean().add(fake.square().mean()), 0.5f);
            case WASSERSTEIN -> fake.mean().sub(real.mean());
            case HINGE -> Activation.relu(real.neg().add(1f)).mean().add(Activation.relu(fake.add(1f)).mean());
        };
    }

    /**
     * The generator's loss.
     * @param fake outputs of D on generated samples, any shape
     */
    @Override
    public NDArray generator(NDArray fake) {
        return switch (this) {
            case MINIMAX -> Losses.bceWithLogits(fake, 0f).neg();
            case NON_SATURATING -> Losses.bceWithLogits(fake, 1f);
            case LEAST_SQUARES -> Scalars.times(fake.sub(1f).square().mean(), 0.5f);
            case WASSERSTEIN, HINGE -> fake.mean().neg();
            case BOUNDARY_SEEKING -> Scalars.times(fake.square().mean(), 0.5f);
        };
    }

    public static AdversarialLoss parse(String s) {
        return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
}
