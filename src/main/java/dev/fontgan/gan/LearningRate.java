package dev.fontgan.gan;

/**
 * A learning-rate schedule: constant, or halved every {@code halveEvery} steps down to a floor.
 * @param halveEvery steps between halvings; 0 keeps the rate constant
 */
public record LearningRate(float initial, long halveEvery, float floor) {
    public static LearningRate constant(float rate) {
        return new LearningRate(rate, 0, rate);
    }

    public static LearningRate halving(float initial, long every, float floor) {
        return new LearningRate(initial, every, floor);
    }

    /** The rate for a 0-based step. */
    public float at(long step) {
        if (halveEvery <= 0) {
            return initial;
        }
        double r = initial * Math.pow(0.5, step / halveEvery);
        return (float) Math.max(r, floor);
    }
}
