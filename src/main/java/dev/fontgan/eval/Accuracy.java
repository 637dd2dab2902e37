package dev.fontgan.eval;

import dev.fontgan.Json;
import java.util.Map;

/**
 * How many predictions matched the expected labels; {@code skipped} counts samples whose
 * expected label is not one of the classifier's classes (they are not in {@code total}).
 */
public record Accuracy(int correct, int total, int skipped) {
    /** correct / total, NaN when nothing was counted. */
    public double value() {
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    public Accuracy plus(Accuracy other) {
        return new Accuracy(correct + other.correct, total + other.total, skipped + other.skipped);
    }

    public Map<String, Object> toJson() {
        return Json.obj("acc", value(), "correct", correct, "total", total, "skipped", skipped);
    }
}
