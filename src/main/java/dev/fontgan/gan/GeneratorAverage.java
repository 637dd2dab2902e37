package dev.fontgan.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Exponential moving average of a generator's parameters (running statistics included):
 * avg = decay * avg + (1 - decay) * w after every generator update. Samples and evaluation use the
 * average by swapping it into the generator for the duration of a call.
 */
public final class GeneratorAverage implements AutoCloseable {
    private final float decay;
    private final NDManager manager;
    private final List<Parameter> weights = new ArrayList<>();
    private final List<NDArray> average = new ArrayList<>();

    public GeneratorAverage(Block generator, NDManager parent, float decay) {
        this.decay = decay;
        this.manager = parent.newSubManager();
        for (Pair<String, Parameter> p : generator.getParameters()) {
            weights.add(p.getValue());
            NDArray copy = p.getValue().getArray().duplicate();
            copy.attach(manager);
            average.add(copy);
        }
    }

    public float decay() {
        return decay;
    }

    /** Moves the average toward the current weights (call outside a gradient collector). */
    public void update() {
        for (int i = 0; i < weights.size(); i++) {
            NDArray step = weights.get(i).getArray().sub(average.get(i));
            average.get(i).addi(step.muli(1f - decay));
            step.close();
        }
    }

    /** Runs {@code work} with the averaged weights in the generator, then restores the trained ones. */
    public <T> T withAverage(Supplier<T> work) {
        swap();
        try {
            return work.get();
        } finally {
            swap();
        }
    }

    private void swap() {
        for (int i = 0; i < weights.size(); i++) {
            NDArray w = weights.get(i).getArray();
            NDArray a = average.get(i);
            NDArray held = w.duplicate();
            w.subi(w).addi(a);
            a.subi(a).addi(held);
            held.close();
        }
    }

    /** The averaged values in parameter order. */
    public List<NDArray> values() {
        return average;
    }

    /** Overwrites the averaged values (from a checkpoint); shapes must match. */
    public void set(List<NDArray> values) {
        if (values.size() != average.size()) {
            throw new IllegalArgumentException("average has " + average.size() + " arrays, got " + values.size());
        }
        for (int i = 0; i < values.size(); i++) {
            NDArray a = average.get(i);
            if (!a.getShape().equals(values.get(i).getShape())) {
                throw new IllegalArgumentException("average shape " + a.getShape() + " vs " + values.get(i).getShape());
            }
            a.subi(a).addi(values.get(i));
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
