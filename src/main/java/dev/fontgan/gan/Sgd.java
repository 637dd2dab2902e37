package dev.fontgan.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;

/** Stochastic gradient descent with optional (heavy-ball) momentum. */
public final class Sgd extends ParameterOptimizer {
    private final float momentum;

    public Sgd(Block block, NDManager parent, float momentum) {
        super(block, parent);
        this.momentum = momentum;
    }

    @Override
    public String kind() {
        return "sgd";
    }

    @Override
    protected int stateArrays() {
        return 1;
    }

    @Override
    protected void update(NDArray w, NDArray g, NDArray[] s, float lr, long step, NDManager scratch) {
        if (momentum == 0f) {
            w.subi(g.mul(lr)); // number operand: no gradient (optimizer step)
            return;
        }
        s[0].muli(momentum).addi(g);
        NDArray delta = s[0].mul(lr); // number operand: no gradient (optimizer step)
        delta.attach(scratch);
        w.subi(delta);
    }
}
