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

    @Test
    void resetRunningStatisticsRestoresAFreshBatchNormAndLeavesWeightsAlone() {
        try (NDManager m = NDManager.newBaseManager()) {
            ai.djl.nn.SequentialBlock block = new ai.djl.nn.SequentialBlock()
                    .add(ai.djl.nn.convolutional.Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(4).build())
                    .add(Norm.BATCH.block());
            block.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(8, 1, 6, 6));
            ai.djl.training.ParameterStore ps = new ai.djl.training.ParameterStore(m, false);
            Engine.getInstance().setRandomSeed(3);
            block.forward(ps, new ai.djl.ndarray.NDList(m.randomNormal(new Shape(8, 1, 6, 6)).mul(3).add(2)), true);
            float[] convBefore = block.getParameters().get(0).getValue().getArray().toFloatArray();
            float[] meanBefore = null;
            for (var p : block.getParameters()) {
                if (p.getValue().getType() == ai.djl.nn.Parameter.Type.RUNNING_MEAN) {
                    meanBefore = p.getValue().getArray().toFloatArray();
                }
            }
            assertTrue(meanBefore != null && Math.abs(meanBefore[0]) > 1e-4, "the forward pass moved the running mean");

            assertEquals(2, Weights.resetRunningStatistics(block));
            for (var p : block.getParameters()) {
                float[] v = p.getValue().getArray().toFloatArray();
                if (p.getValue().getType() == ai.djl.nn.Parameter.Type.RUNNING_MEAN) {
                    assertArrayEquals(new float[v.length], v);
                } else if (p.getValue().getType() == ai.djl.nn.Parameter.Type.RUNNING_VAR) {
                    float[] ones = new float[v.length];
                    java.util.Arrays.fill(ones, 1f);
                    assertArrayEquals(ones, v);
                }
            }
            assertArrayEquals(convBefore, block.getParameters().get(0).getValue().getArray().toFloatArray());
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
