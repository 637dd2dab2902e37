package dev.fontgan.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The gradient of a network's output with respect to its input, kept differentiable (second-order
 * gradients for WGAN-GP, DRAGAN and R1). The public API has no {@code autograd.grad}; this runs the
 * engine's raw backward with {@code create_graph} while the network's parameters are frozen, so the
 * parameters' own gradients are not touched (and no parameter/gradient reference cycle forms),
 * yet the returned gradient still depends on them and backpropagates into them.
 */
public final class InputGradient {
    private InputGradient() {}

    /**
     * Makes a fresh leaf copy of {@code x} that records gradients; feed it to the network.
     * @param x any shape
     */
    public static NDArray leaf(NDArray x) {
        NDArray leaf = x.stopGradient();
        leaf.setRequiresGradient(true);
        return leaf;
    }

    /**
     * d(sum of output) / d(input), differentiable with respect to the network's parameters.
     * Must run inside a gradient collector, after {@code output = network(input)}.
     * @param output the network's output computed from {@code input}, any shape
     * @param input a leaf made by {@link #leaf}
     * @param network the block whose parameters are frozen during this backward (may be null)
     * @return the gradient, the shape of {@code input}
     */
    public static NDArray of(NDArray output, NDArray input, Block network) {
        if (network != null) {
            Players.freeze(network, true);
        }
        try {
            NDArray ones = output.onesLike();
            JniUtils.backward((PtNDArray) output, (PtNDArray) ones, true, true);
        } finally {
            if (network != null) {
                Players.freeze(network, false);
            }
        }
        PtNDArray grad = JniUtils.getGradient((PtNDArray) input);
        if (grad == null) {
            throw new IllegalStateException("the input does not reach the output (no gradient)");
        }
        grad.attach(input.getManager());
        return grad;
    }

    /**
     * Per-sample Euclidean norm over every element of a sample (all channels and pixels).
     * @param gradient (N, ...) any trailing shape
     * @return (N)
     */
    public static NDArray sampleNorm(NDArray gradient) {
        long n = gradient.getShape().get(0);
        return gradient.reshape(n, -1).square().sum(new int[] {1}).add(1e-12f).sqrt();
    }
}
