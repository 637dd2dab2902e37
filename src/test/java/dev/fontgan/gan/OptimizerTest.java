package dev.fontgan.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.fontgan.FontganException;
import dev.fontgan.TorchRuntime;
import dev.fontgan.nn.Layers;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OptimizerTest {
    @BeforeAll
    static void engine() {
        TorchRuntime.configure();
    }

    /** Fits y = 3x - 1 with a 1-unit linear layer; returns the losses. */
    private static float[] fit(BiFunction<SequentialBlock, NDManager, ParameterOptimizer> make, int steps,
            byte[][] stateOut, byte[] stateIn, byte[] weightsIn) {
        Engine.getInstance().setRandomSeed(3);
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock b = Layers.initNormal(new SequentialBlock().add(Layers.linear(1, true)));
            b.initialize(m, DataType.FLOAT32, new Shape(8, 1));
            ParameterStore ps = new ParameterStore(m, false);
            try (ParameterOptimizer opt = make.apply(b, m)) {
                if (stateIn != null) {
                    dev.fontgan.nn.Weights.load(b, m, weightsIn, "w");
                    opt.load(stateIn, "opt");
                }
                float[] losses = new float[steps];
                for (int i = 0; i < steps; i++) {
                    try (NDManager sub = m.newSubManager()) {
                        NDArray x = sub.arange(8f).reshape(8, 1).div(8f);
                        NDArray y = x.mul(3f).sub(1f);
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray loss = Losses.mse(b.forward(ps, new NDList(x), true).singletonOrThrow(), y);
                            gc.backward(loss);
                            losses[i] = loss.getFloat();
                        }
                        opt.step(0.05f);
                    }
                }
                if (stateOut != null) {
                    stateOut[0] = opt.save();
                    stateOut[1] = dev.fontgan.nn.Weights.save(b);
                }
                return losses;
            }
        }
    }

    @Test
    void everyOptimizerReducesLoss() {
        for (BiFunction<SequentialBlock, NDManager, ParameterOptimizer> make : java.util.List.<BiFunction<SequentialBlock, NDManager, ParameterOptimizer>>of(
                (b, m) -> new Adam(b, m, 0.5f, 0.999f), (b, m) -> new Sgd(b, m, 0.9f), (b, m) -> new RmsProp(b, m, 0.99f))) {
            float[] l = fit(make, 60, null, null, null);
            assertTrue(l[59] < 0.2f * l[0], l[0] + " -> " + l[59]);
        }
    }

    @Test
    void gradientsFiniteSeesOneNaNOrInfinity() {
        Engine.getInstance().setRandomSeed(3);
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock b = Layers.initNormal(new SequentialBlock().add(Layers.linear(2, true)));
            b.initialize(m, DataType.FLOAT32, new Shape(4, 3));
            ParameterStore ps = new ParameterStore(m, false);
            try (ParameterOptimizer opt = new Adam(b, m, 0.5f, 0.999f)) {
                assertTrue(opt.gradientsFinite(), "no gradients yet");
                // 1e20 is finite, but its square overflows Adam's second moment
                for (float bad : new float[] {0f, Float.NaN, Float.POSITIVE_INFINITY, 1e20f}) {
                    try (NDManager sub = m.newSubManager()) {
                        float[] x = new float[12];
                        java.util.Arrays.fill(x, 0.5f);
                        x[7] = bad == 0f ? 0.25f : bad; // one input value poisons the weight gradient
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            gc.backward(b.forward(ps, new NDList(sub.create(x, new Shape(4, 3))), true)
                                    .singletonOrThrow().sum());
                        }
                        assertEquals(bad == 0f, opt.gradientsFinite(), "input " + bad);
                        opt.zeroGradients();
                        assertTrue(opt.gradientsFinite(), "zeroed after " + bad);
                    }
                }
            }
        }
    }

    @Test
    void savedAdamStateResumesExactly() {
        BiFunction<SequentialBlock, NDManager, ParameterOptimizer> adam = (b, m) -> new Adam(b, m, 0.5f, 0.999f);
        float[] straight = fit(adam, 10, null, null, null);
        byte[][] saved = new byte[2][];
        fit(adam, 6, saved, null, null);
        float[] resumed = fit(adam, 4, null, saved[0], saved[1]);
        assertArrayEquals(java.util.Arrays.copyOfRange(straight, 6, 10), resumed, 0f);
    }

    @Test
    void wrongStateIsRefused() {
        byte[][] saved = new byte[2][];
        fit((b, m) -> new Sgd(b, m, 0.9f), 2, saved, null, null);
        FontganException e = assertThrows(FontganException.class,
                () -> fit((b, m) -> new Adam(b, m, 0.5f, 0.999f), 1, null, saved[0], saved[1]));
        assertTrue(e.problem().contains("sgd"), e.problem());
    }

    @Test
    void learningRateHalvesDownToFloor() {
        LearningRate r = LearningRate.halving(1e-3f, 100, 2e-4f);
        assertEquals(1e-3f, r.at(99));
        assertEquals(5e-4f, r.at(100));
        assertEquals(2e-4f, r.at(1000));
    }

    @Test
    void stepDecayMultipliesEveryPeriodDownToFloor() {
        LearningRate r = LearningRate.stepDecay(1e-3f, 10, 0.1f, 5e-6f);
        assertEquals(1e-3f, r.at(9));
        assertEquals(1e-4f, r.at(10), 1e-10f);
        assertEquals(1e-5f, r.at(25), 1e-11f);
        assertEquals(5e-6f, r.at(1000));
        assertEquals(2e-4f, LearningRate.constant(2e-4f).at(1_000_000));
    }

    @Test
    void linearDecayHoldsThenFallsToZero() {
        LearningRate r = LearningRate.linearDecay(2e-4f, 100, 200);
        assertEquals(2e-4f, r.at(0));
        assertEquals(2e-4f, r.at(100));
        assertEquals(1e-4f, r.at(150), 1e-9f);
        assertEquals(2e-6f, r.at(199), 1e-9f);
        assertEquals(0f, r.at(200));
        assertEquals(0f, r.at(5000));
        assertThrows(IllegalArgumentException.class, () -> LearningRate.linearDecay(1e-3f, 10, 10));
    }

    /** Three Adam steps on a linear loss (constant gradient) against torch.optim.Adam's formula in doubles. */
    @Test
    void adamMatchesTorchFormula() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(2);
            SequentialBlock b = new SequentialBlock().add(Layers.linear(1, false));
            b.initialize(m, DataType.FLOAT32, new Shape(2, 3));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray w = b.getParameters().get(0).getValue().getArray();
            double[] expected = new double[3];
            float[] w0 = w.toFloatArray();
            float[][] x = {{1f, -2f, 1e-3f}, {0.5f, 1f, 0f}}; // gradient = column sums: 1.5, -1, 1e-3
            double[] grad = {1.5, -1, 1e-3};
            double[] mom = new double[3];
            double[] var = new double[3];
            for (int i = 0; i < 3; i++) {
                expected[i] = w0[i];
            }
            try (Adam adam = new Adam(b, m, 0.5f, 0.999f)) {
                for (int t = 1; t <= 3; t++) {
                    try (NDManager s = m.newSubManager();
                         GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        gc.backward(b.forward(ps, new NDList(s.create(x)), true).singletonOrThrow().sum());
                    }
                    adam.step(1e-2f);
                    for (int i = 0; i < 3; i++) {
                        mom[i] = 0.5 * mom[i] + 0.5 * grad[i];
                        var[i] = 0.999 * var[i] + 0.001 * grad[i] * grad[i];
                        double denom = Math.sqrt(var[i]) / Math.sqrt(1 - Math.pow(0.999, t)) + 1e-8;
                        expected[i] -= 1e-2 / (1 - Math.pow(0.5, t)) * mom[i] / denom;
                    }
                }
            }
            float[] got = w.toFloatArray();
            for (int i = 0; i < 3; i++) {
                assertEquals(expected[i], got[i], 1e-6, "weight " + i);
            }
        }
    }

    /**
     * Adam's flat update (all parameters in one pass, gradients gathered once by the guard) moves
     * the weights as the per-parameter native update does, its moments save per parameter, and a
     * resume continues on either path alike.
     */
    @Test
    void flatAdamMatchesPerParameterAdam() {
        float[][] weights = new float[2][];
        byte[][] saved = new byte[2][];
        float[][] resumed = new float[2][];
        for (int v = 0; v < 2; v++) {
            try (NDManager m = NDManager.newBaseManager()) {
                Engine.getInstance().setRandomSeed(7);
                SequentialBlock b = Layers.initNormal(new SequentialBlock().add(Layers.linear(5, true))
                        .add(Layers.leakyRelu(0.2f)).add(Layers.linear(2, true)));
                b.initialize(m, DataType.FLOAT32, new Shape(4, 3));
                ParameterStore ps = new ParameterStore(m, false);
                NDArray x = m.randomNormal(new Shape(4, 3));
                try (Adam adam = new Adam(b, m, 0.5f, 0.999f)) {
                    if (v == 1) {
                        adam.updateEachParameter();
                    }
                    UpdateGuard guard = new UpdateGuard("test");
                    for (int t = 0; t < 6; t++) {
                        try (NDManager s = m.newSubManager();
                             GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray y = b.forward(ps, new NDList(x), true).singletonOrThrow();
                            gc.backward(y.mul(y).sum().add(y.sum().mul(t)));
                        }
                        if (t % 2 == 0) {
                            assertTrue(guard.apply(0.05f, adam));
                        } else {
                            adam.step(0.05f);
                        }
                    }
                    weights[v] = flatWeights(b);
                    saved[v] = adam.save();
                }
                // a fresh optimizer of the other path resumes from the saved moments
                try (Adam adam = new Adam(b, m, 0.5f, 0.999f)) {
                    if (v == 0) {
                        adam.updateEachParameter();
                    }
                    adam.load(saved[v], "saved");
                    try (NDManager s = m.newSubManager();
                         GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        gc.backward(b.forward(ps, new NDList(x), true).singletonOrThrow().sum());
                    }
                    adam.step(0.05f);
                    resumed[v] = flatWeights(b);
                }
            }
        }
        assertEquals(weights[0].length, weights[1].length);
        for (float[][] pair : new float[][][] {weights, resumed}) {
            for (int i = 0; i < pair[0].length; i++) {
                assertEquals(pair[1][i], pair[0][i], 1e-6f * Math.max(1f, Math.abs(pair[1][i])), "weight " + i);
            }
        }
        assertEquals(saved[0].length, saved[1].length, "saved state sizes");
    }

    private static float[] flatWeights(SequentialBlock b) {
        java.util.List<Float> all = new java.util.ArrayList<>();
        for (var p : b.getParameters()) {
            for (float f : p.getValue().getArray().toFloatArray()) {
                all.add(f);
            }
        }
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }
}
