package dev.fontgan.gan;

/**
 * A learning-rate schedule over 0-based steps: constant; step decay (times {@code factor} every
 * {@code every} steps, down to a floor; halving is factor 0.5); or pix2pix's linear decay (constant
 * until {@code decayStart}, then linearly to 0 at {@code decayEnd}).
 */
public sealed interface LearningRate {
    /** The rate for a 0-based step. */
    float at(long step);

    static LearningRate constant(float rate) {
        return new StepDecay(rate, 0, 1f, rate);
    }

    /** Halved every {@code every} steps (0: constant), never below {@code floor}. */
    static LearningRate halving(float initial, long every, float floor) {
        return new StepDecay(initial, every, 0.5f, floor);
    }

    /** Multiplied by {@code factor} every {@code every} steps (0: constant), never below {@code floor}. */
    static LearningRate stepDecay(float initial, long every, float factor, float floor) {
        return new StepDecay(initial, every, factor, floor);
    }

    /** {@code initial} before {@code decayStart}, then linearly down to 0 at {@code decayEnd}. */
    static LearningRate linearDecay(float initial, long decayStart, long decayEnd) {
        return new LinearDecay(initial, decayStart, decayEnd);
    }

    record StepDecay(float initial, long every, float factor, float floor) implements LearningRate {
        public StepDecay {
            if (!(factor > 0 && factor <= 1) || every < 0) {
                throw new IllegalArgumentException("step decay needs 0 < factor <= 1 and every >= 0");
            }
        }

        @Override
        public float at(long step) {
            if (every <= 0) {
                return initial;
            }
            return (float) Math.max(initial * Math.pow(factor, step / every), floor);
        }
    }

    record LinearDecay(float initial, long decayStart, long decayEnd) implements LearningRate {
        public LinearDecay {
            if (decayStart < 0 || decayEnd <= decayStart) {
                throw new IllegalArgumentException("linear decay needs 0 <= start < end");
            }
        }

        @Override
        public float at(long step) {
            if (step < decayStart) {
                return initial;
            }
            return (float) (initial * Math.max(0.0, (double) (decayEnd - step) / (decayEnd - decayStart)));
        }
    }
}
