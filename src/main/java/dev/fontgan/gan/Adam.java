package dev.fontgan.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/** Adam (Kingma and Ba) with bias correction, as torch.optim.Adam without weight decay. */
public final class Adam extends ParameterOptimizer {
    private final float beta1;
    private final float beta2;
    private final float epsilon;

    public Adam(Block block, NDManager parent, float beta1, float beta2) {
        super(block, parent);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = 1e-8f;
    }

    @Override
    public String kind() {
        return "adam";
    }

    @Override
    protected int stateArrays() {
        return 2;
    }

    @Override
    protected boolean flatUpdateDefined() {
        return true;
    }

    /**
     * The native update's arithmetic (see below), once over every parameter: a handful of ops
     * per step instead of the native kernel's seven or so per parameter, whose square root also
     * ran as its own threaded MKL call for every parameter (two torch threads: ~180 fewer parallel
     * regions per bicycle iteration).
     */
    @Override
    protected NDArray updateFlat(NDArray g, NDArray[] s, float lr, long step, NDManager scratch) {
        double bc1 = 1 - Math.pow(beta1, step);
        double rootBc2 = Math.sqrt(1 - Math.pow(beta2, step));
        NDArray scaled = g.mul(1f - beta1); // number operand: no gradient (optimizer step)
        // g * g, not square(): libtorch's square is pow(g, 2), 1.7x the CPU of a product here
        NDArray squared = g.mul(g);
        scaled.attach(scratch);
        squared.attach(scratch);
        s[0].muli(beta1).addi(scaled);
        s[1].muli(beta2).addi(squared.muli(1f - beta2));
        NDArray numerator = s[0].mul((float) (lr * rootBc2 / bc1)); // number operand: no gradient
        NDArray denominator = s[1].sqrt();
        numerator.attach(scratch);
        denominator.attach(scratch);
        return numerator.divi(denominator.addi((float) (epsilon * rootBc2)));
    }

    /**
     * Used while some parameter has no gradient: one fused native update per parameter. The native
     * kernel computes w -= a m / (sqrt(v) + e); torch's Adam is w -= lr / bc1 * m / (sqrt(v) / sqrt(bc2) + eps),
     * the same with a = lr sqrt(bc2) / bc1 and e = eps sqrt(bc2).
     */
    @Override
    protected void update(NDArray w, NDArray g, NDArray[] s, float lr, long step, NDManager scratch) {
        double bc1 = 1 - Math.pow(beta1, step);
        double rootBc2 = Math.sqrt(1 - Math.pow(beta2, step));
        JniUtils.adamUpdate((PtNDArray) w, (PtNDArray) g, (PtNDArray) s[0], (PtNDArray) s[1],
                lr, (float) (lr * rootBc2 / bc1), 0f, 1f, -1f, beta1, beta2, (float) (epsilon * rootBc2), false);
    }
}
