package dev.fontgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Scalar operands that survive until the backward pass. DJL's PyTorch engine runs
 * {@code x.mul(0.5f)} (likewise div, pow, maximum, minimum with a number) as x times a scalar
 * tensor over a 4-byte Java direct buffer that it closes right after the op. libtorch's graph keeps
 * that tensor for the backward pass, but the memory is the JVM's: after the next garbage collection
 * it is freed and reused, and the gradient is multiplied by whatever lies there (measured: 3 became
 * -1.4e30; see ScalarOperandLifetimeTest). Training runs then differ with GC timing, and now and
 * then a gradient overflows (the update guard's stray skips). A scalar made by libtorch (full) is
 * owned by the graph that keeps it. Use these in anything a gradient flows through.
 */
public final class Scalars {
    private Scalars() {}

    /** A 0-d float32 array holding {@code value}, in libtorch's memory, in {@code like}'s manager. */
    public static NDArray of(NDArray like, float value) {
        return like.getManager().full(new Shape(), value);
    }

    /** {@code x * value}, safe to backpropagate through. */
    public static NDArray times(NDArray x, float value) {
        return x.mul(of(x, value));
    }

    /** {@code x / value}, safe to backpropagate through. */
    public static NDArray over(NDArray x, float value) {
        return x.div(of(x, value));
    }
}
