package dev.fontgan.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The gradient of a network's output with respect to its input, kept differentiable (second-order
 * gradients for WGAN-GP, DRAGAN and R1). DJL has no {@code autograd.grad}, and its raw backward
 * with {@code create_graph} writes the gradient into the input's {@code .grad}: a gradient whose
 * graph holds the input that holds it, a reference cycle libtorch never frees (WGAN-GP's RSS grew
 * 2.4 MB per iteration). So the call runs {@code torch.autograd.grad} from a tiny TorchScript
 * function shipped as a resource (made by tools/make-input-gradient.py): nothing writes
 * {@code .grad}, the network's parameter gradients are untouched, and the result backpropagates
 * into the parameters with the rest of the loss.
 */
public final class InputGradient {
    private static final String RESOURCE = "input-gradient.pt";

    private InputGradient() {}

    /** Loaded once per JVM; lives as long as the engine. */
    private static final class Function {
        static final PtSymbolBlock GRAD = load();

        private static PtSymbolBlock load() {
            try (InputStream in = InputGradient.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + RESOURCE);
                }
                return JniUtils.loadModule((PtNDManager) NDManager.newBaseManager(), in, false, false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

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
     * @return the gradient, the shape of {@code input}, in the output's manager
     */
    public static NDArray of(NDArray output, NDArray input) {
        // the profiling executor would re-instrument the call (thread-local switch; a JNI flag set)
        JniUtils.setGraphExecutorOptimize(false);
        return IValueUtils.forward(Function.GRAD, new NDList(output, input), true).singletonOrThrow();
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
