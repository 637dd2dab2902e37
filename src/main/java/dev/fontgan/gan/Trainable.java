package dev.fontgan.gan;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;

/**
 * A model's training as {@link TrainingLoop} drives it: one iteration at a time, a sample grid of
 * fixed inputs, and a checkpoint that resumes it exactly.
 */
public interface Trainable extends AutoCloseable {
    /** Iterations done so far. */
    long step();

    /**
     * Runs one iteration and returns what to log for it, by name in log order (losses; any other
     * number worth a curve, such as the learning rate). The loop stops on a non-finite value.
     */
    Map<String, Float> runIteration();

    /** A picture of the model's output on fixed inputs. */
    BufferedImage sampleGrid();

    /** Everything needed to resume: weights, optimizer state, step. */
    Map<String, byte[]> checkpointParts();

    /** Restores what {@link #checkpointParts()} wrote; {@code file} names it in errors. */
    void restore(Map<String, byte[]> parts, Path file);

    /** The short text beside the progress bar. */
    default String status(Map<String, Float> logged) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Float> e : logged.entrySet()) {
            if (b.length() > 60) {
                break;
            }
            b.append(b.length() == 0 ? "" : " ").append(e.getKey()).append(' ')
                    .append(String.format("%.3f", e.getValue()));
        }
        return b.toString();
    }

    @Override
    void close();
}
