package dev.fontgan.gan;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;

/**
 * Which optimizer a player uses and its hyper-parameters; {@link #create} makes one for a block.
 * @param kind "adam", "rmsprop" or "sgd"
 * @param rate the learning-rate schedule
 * @param beta1 Adam's beta1, RMSprop's alpha, SGD's momentum
 * @param beta2 Adam's beta2 (unused otherwise)
 */
public record OptimizerSpec(String kind, LearningRate rate, float beta1, float beta2) {
    public static OptimizerSpec adam(float rate, float beta1, float beta2) {
        return new OptimizerSpec("adam", LearningRate.constant(rate), beta1, beta2);
    }

    /** DCGAN's Adam (2e-4, beta1 0.5, beta2 0.999), the default of most variants. */
    public static OptimizerSpec dcganAdam() {
        return adam(2e-4f, 0.5f, 0.999f);
    }

    /** RMSprop with torch's default alpha 0.99. */
    public static OptimizerSpec rmsprop(float rate) {
        return new OptimizerSpec("rmsprop", LearningRate.constant(rate), 0.99f, 0f);
    }

    public static OptimizerSpec sgd(float rate, float momentum) {
        return new OptimizerSpec("sgd", LearningRate.constant(rate), momentum, 0f);
    }

    public ParameterOptimizer create(Block block, NDManager manager) {
        return switch (kind) {
            case "adam" -> new Adam(block, manager, beta1, beta2);
            case "rmsprop" -> new RmsProp(block, manager, beta1);
            case "sgd" -> new Sgd(block, manager, beta1);
            default -> throw new IllegalArgumentException("unknown optimizer " + kind);
        };
    }
}
