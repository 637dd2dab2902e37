package dev.fontgan.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.fontgan.TorchRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WeightsTest {
    @BeforeAll
    static void engine() {
        TorchRuntime.configure();
    }

    @Test
    void assignWritesEveryValueAndTheArrayStaysTrainable() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.ones(new Shape(2, 3));
            w.setRequiresGradient(true);
            float[] values = {1, -2, 3, -4, 5, -6};
            Weights.assign(w, values);
            assertArrayEquals(values, w.toFloatArray());
            assertEquals(new Shape(2, 3), w.getShape());
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(w.mul(w).sum());
            }
            float[] twice = {2, -4, 6, -8, 10, -12};
            assertArrayEquals(twice, w.getGradient().toFloatArray(), "d(w^2)/dw at the written values");
            assertThrows(IllegalArgumentException.class, () -> Weights.assign(w, new float[5]));
        }
    }

    /** Run in a child JVM: libtorch's warning is printed once per process. */
    public static final class AssignOnce {
        public static void main(String[] args) {
            TorchRuntime.configure();
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray w = m.zeros(new Shape(4));
                w.setRequiresGradient(true);
                Weights.assign(w, new float[] {1, 2, 3, 4});
                System.out.println(w.sum().getFloat());
            }
        }
    }

    @Test
    void assignPrintsNoLibtorchWarning() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                AssignOnce.class.getName())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child finished");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("10.0"), out);
        assertFalse(out.contains("AutoNonVariableTypeMode"), out);
    }
}
