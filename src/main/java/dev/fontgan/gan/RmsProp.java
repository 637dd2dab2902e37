package dev.fontgan.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;

/** RMSprop (the engine lacks it): v = a v + (1 - a) g^2; w -= lr g / (sqrt(v) + eps), as torch's default. */
public final class RmsProp extends ParameterOptimizer {
    private final float alpha;
    private final float epsilon;

    public RmsProp(Block block, NDManager parent, float alpha) {
        super(block, parent);
        this.alpha = alpha;
        this.epsilon = 1e-8f;
    }

    @Override
    public String kind() {
        return "rmsprop";
    }

    @Override
    protected int stateArrays() {
        return 1;
    }

    @Override
    protected void update(NDArray w, NDArray g, NDArray[] s, float lr, long step, NDManager scratch) {
        s[0].muli(alpha).addi(g.square().muli(1f - alpha));
        NDArray denom = s[0].sqrt();
        denom.attach(scratch);
        denom.addi(epsilon);
        w.subi(g.div(denom).muli(lr));
    }
}
