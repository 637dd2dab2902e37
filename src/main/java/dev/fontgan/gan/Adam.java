package dev.fontgan.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;

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
    protected void update(NDArray w, NDArray g, NDArray[] s, float lr, long step, NDManager scratch) {
        NDArray m = s[0];
        NDArray v = s[1];
        m.muli(beta1).addi(g.mul(1f - beta1));
        v.muli(beta2).addi(g.square().muli(1f - beta2));
        double bc1 = 1 - Math.pow(beta1, step);
        double bc2 = 1 - Math.pow(beta2, step);
        NDArray denom = v.sqrt();
        denom.attach(scratch);
        denom.muli((float) (1 / Math.sqrt(bc2))).addi(epsilon);
        NDArray delta = m.div(denom);
        delta.attach(scratch);
        w.subi(delta.muli((float) (lr / bc1)));
    }
}
