package dev.fontgan.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.fontgan.nn.Scalars;

/**
 * Gradient penalties on the critic, each with the gradient norm taken over every element of a
 * sample (all channels and pixels), through {@link InputGradient}:
 * <ul>
 * <li>{@link #interpolates} (WGAN-GP): lambda * (||grad D(x^)|| - 1)^2 at x^ = e x + (1 - e) G(z);</li>
 * <li>{@link #perturbedReals} (DRAGAN): lambda * (||grad D(x^)|| - 1)^2 at x^ = x + 0.5 std(x) u, u ~ U[0,1)
 *     (mixed with alpha ~ U[0,1) as in the paper's code);</li>
 * <li>{@link #r1}: gamma / 2 * ||grad D(x)||^2 on reals.</li>
 * </ul>
 */
public final class GradientPenalty implements Regularizer {
    private enum Kind { INTERPOLATES, PERTURBED_REALS, R1 }

    private final Kind kind;
    private final float weight;

    private GradientPenalty(Kind kind, float weight) {
        this.kind = kind;
        this.weight = weight;
    }

    public static GradientPenalty interpolates(float lambda) {
        return new GradientPenalty(Kind.INTERPOLATES, lambda);
    }

    public static GradientPenalty perturbedReals(float lambda) {
        return new GradientPenalty(Kind.PERTURBED_REALS, lambda);
    }

    public static GradientPenalty r1(float gamma) {
        return new GradientPenalty(Kind.R1, gamma);
    }

    @Override
    public String name() {
        return switch (kind) {
            case INTERPOLATES -> "gp";
            case PERTURBED_REALS -> "dragan_gp";
            case R1 -> "r1";
        };
    }

    @Override
    public NDArray penalty(Players players, NDArray real, NDArray fake, NDArray condition) {
        NDArray at = points(real, fake);
        NDArray leaf = InputGradient.leaf(at);
        NDArray scores = players.criticize(leaf, condition, true).get(0);
        NDArray grad = InputGradient.of(scores, leaf);
        NDArray norm = InputGradient.sampleNorm(grad);
        if (kind == Kind.R1) {
            return Scalars.times(norm.square().mean(), weight * 0.5f);
        }
        return Scalars.times(norm.sub(1f).square().mean(), weight);
    }

    /**
     * Where the penalty is evaluated.
     * @param real (N, 1, H, W)
     * @param fake (N, 1, H, W)
     */
    NDArray points(NDArray real, NDArray fake) {
        Shape s = real.getShape();
        Shape perSample = new Shape(s.get(0), 1, 1, 1);
        NDArray r = real.stopGradient();
        return switch (kind) {
            case INTERPOLATES -> {
                NDArray e = r.getManager().randomUniform(0f, 1f, perSample);
                yield r.mul(e).add(fake.stopGradient().mul(e.neg().add(1f)));
            }
            case PERTURBED_REALS -> {
                float std = (float) Math.sqrt(r.sub(r.mean()).square().mean().getFloat());
                // number operand: no gradient (noise)
                NDArray noisy = r.add(r.getManager().randomUniform(0f, 1f, s).mul(0.5f * std));
                NDArray alpha = r.getManager().randomUniform(0f, 1f, perSample);
                yield r.add(noisy.sub(r).mul(alpha));
            }
            case R1 -> r;
        };
    }
}
