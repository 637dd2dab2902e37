package dev.fontgan.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.fontgan.TorchRuntime;
import dev.fontgan.nn.Layers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InputGradientTest {
    @BeforeAll
    static void engine() {
        TorchRuntime.configure();
    }

    /** f(x) = sum over samples of a tiny tanh network; penalty = mean_n (||df/dx_n|| - 1)^2. */
    private static SequentialBlock network(NDManager m) {
        Engine.getInstance().setRandomSeed(3);
        SequentialBlock b = new SequentialBlock().add(Layers.linear(5, true)).add(Layers.tanh()).add(Layers.linear(1, true));
        b.setInitializer(new ai.djl.training.initializer.NormalInitializer(0.8f), Parameter.Type.WEIGHT);
        b.initialize(m, DataType.FLOAT32, new Shape(2, 3));
        return b;
    }

    private static double f(SequentialBlock b, ParameterStore ps, float[] x, NDManager m) {
        try (NDManager s = m.newSubManager()) {
            return b.forward(ps, new NDList(s.create(x, new Shape(2, 3))), false).singletonOrThrow().sum().getFloat();
        }
    }

    private static float penalty(SequentialBlock b, ParameterStore ps, float[] x, NDManager m) {
        try (NDManager s = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray leaf = InputGradient.leaf(s.create(x, new Shape(2, 3)));
            NDArray out = b.forward(ps, new NDList(leaf), true).singletonOrThrow();
            NDArray g = InputGradient.of(out, leaf);
            return InputGradient.sampleNorm(g).sub(1f).square().mean().getFloat();
        }
    }

    @Test
    void inputGradientAndPenaltyGradientMatchFiniteDifferences() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock b = network(m);
            ParameterStore ps = new ParameterStore(m, false);
            float[] x = {0.3f, -0.7f, 1.1f, -0.2f, 0.5f, 0.9f};
            float[] analytic;
            float[] paramGrad;
            NDArray w = b.getChildren().get(0).getValue().getParameters().get("weight").getArray();
            try (NDManager s = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray leaf = InputGradient.leaf(s.create(x, new Shape(2, 3)));
                NDArray out = b.forward(ps, new NDList(leaf), true).singletonOrThrow();
                NDArray g = InputGradient.of(out, leaf);
                analytic = g.toFloatArray();
                PtNDArray before = JniUtils.getGradient((PtNDArray) w);
                if (before != null) {
                    for (float v : before.toFloatArray()) {
                        assertEquals(0f, v, "the network's parameters must not collect the input-gradient backward");
                    }
                    before.close();
                }
                NDArray pen = InputGradient.sampleNorm(g).sub(1f).square().mean();
                gc.backward(pen);
                PtNDArray pg = JniUtils.getGradient((PtNDArray) w);
                assertNotNull(pg);
                paramGrad = pg.toFloatArray();
                pg.close();
                JniUtils.zeroGrad((PtNDArray) w);
            }
            double h = 1e-2;
            for (int i = 0; i < x.length; i++) {
                float[] plus = x.clone();
                float[] minus = x.clone();
                plus[i] += (float) h;
                minus[i] -= (float) h;
                double numeric = (f(b, ps, plus, m) - f(b, ps, minus, m)) / (2 * h);
                assertEquals(numeric, analytic[i], 2e-3, "d f / d x[" + i + "]");
            }
            // d penalty / d weight: perturb single weights in place
            for (int k : new int[] {0, 4, 9, 14}) {
                float[] base = w.toFloatArray();
                float[] plus = base.clone();
                float[] minus = base.clone();
                plus[k] += (float) h;
                minus[k] -= (float) h;
                w.set(plus);
                double fp = penalty(b, ps, x, m);
                w.set(minus);
                double fm = penalty(b, ps, x, m);
                w.set(base);
                double numeric = (fp - fm) / (2 * h);
                assertEquals(numeric, paramGrad[k], 5e-3 + 0.02 * Math.abs(numeric), "d penalty / d w[" + k + "]");
            }
        }
    }

    @Test
    void sampleNormSpansEveryChannelAndPixel() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray g = m.ones(new Shape(2, 3, 4, 4));
            float[] n = InputGradient.sampleNorm(g).toFloatArray();
            assertEquals(Math.sqrt(48), n[0], 1e-4);
            assertEquals(Math.sqrt(48), n[1], 1e-4);
        }
    }
}
