package dev.fontgan.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/** WGAN's Lipschitz constraint: every trainable critic weight clipped to [-c, c] after each update. */
public record WeightClip(float limit) implements Regularizer {
    @Override
    public void afterUpdate(Players players) {
        for (Pair<String, Parameter> p : players.critic().getParameters()) {
            if (p.getValue().requiresGradient()) {
                NDArray w = p.getValue().getArray();
                NDArray clipped = w.clip(-limit, limit);
                w.subi(w).addi(clipped);
                clipped.close();
            }
        }
    }

    @Override
    public String name() {
        return "clip";
    }
}
