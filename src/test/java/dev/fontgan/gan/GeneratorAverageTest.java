package dev.fontgan.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.Pair;
import dev.fontgan.TorchRuntime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GeneratorAverageTest {
    @BeforeAll
    static void engine() {
        TorchRuntime.configure();
    }

    private static SequentialBlock tinyGenerator(NDManager m) {
        SequentialBlock g = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(4).build())
                .add(BatchNorm.builder().build());
        g.setInitializer(new NormalInitializer(0.5f), Parameter.Type.WEIGHT);
        g.initialize(m, DataType.FLOAT32, new Shape(2, 1, 5, 5));
        return g;
    }

    private static List<float[]> values(SequentialBlock g) {
        List<float[]> out = new ArrayList<>();
        for (Pair<String, Parameter> p : g.getParameters()) {
            out.add(p.getValue().getArray().toFloatArray());
        }
        return out;
    }

    /** Adds {@code delta} to every array of the block, running statistics included. */
    private static void shift(SequentialBlock g, float delta) {
        for (Pair<String, Parameter> p : g.getParameters()) {
            p.getValue().getArray().addi(delta);
        }
    }

    @Test
    void averageFollowsTheFormulaAndTheTrainedWeightsComeBack() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock g = tinyGenerator(m);
            List<float[]> start = values(g);
            try (GeneratorAverage avg = new GeneratorAverage(g, m, 0.75f)) {
                shift(g, 1f);
                avg.update(); // avg = 0.75 * start + 0.25 * (start + 1) = start + 0.25
                shift(g, 1f);
                avg.update(); // avg = 0.75 * (start + 0.25) + 0.25 * (start + 2) = start + 0.6875
                List<float[]> trained = values(g);
                List<float[]> averaged = avg.withAverage(() -> values(g));
                for (int i = 0; i < start.size(); i++) {
                    float[] want = start.get(i).clone();
                    for (int k = 0; k < want.length; k++) {
                        want[k] += 0.6875f;
                    }
                    assertArrayEquals(want, averaged.get(i), 1e-5f, "array " + i + " inside withAverage");
                    assertArrayEquals(want, avg.values().get(i).toFloatArray(), 1e-5f, "array " + i + " stored");
                    assertArrayEquals(trained.get(i), values(g).get(i), 0f, "array " + i + " restored");
                }
            }
        }
    }
}
