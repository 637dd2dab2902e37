package dev.fontgan.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.fontgan.TorchRuntime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PhaseUpConvTest {
    @BeforeAll
    static void engine() {
        TorchRuntime.configure();
    }

    private static NDArray reference(NDArray x, NDArray w, NDArray b) {
        NDArray up = Upsampling.NEAREST_EXPAND.upsample2x(x);
        return up.getNDArrayInternal().convolution(up, w, b, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1)
                .singletonOrThrow();
    }

    private static float maxDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }

    /** Same outputs and same gradients (input, weights, bias) as upsample-then-conv, on a non-square map. */
    @Test
    void equalsNearestUpsampleThenConvWithGradients() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            NDArray[][] grads = new NDArray[2][];
            NDArray[] outs = new NDArray[2];
            NDArray x0 = m.randomNormal(new Shape(2, 5, 6, 7));
            NDArray w0 = m.randomNormal(new Shape(3, 5, 3, 3));
            NDArray b0 = m.randomNormal(new Shape(3));
            NDArray g = m.randomNormal(new Shape(2, 3, 12, 14));
            for (int v = 0; v < 2; v++) {
                NDArray x = x0.duplicate();
                NDArray w = w0.duplicate();
                NDArray b = b0.duplicate();
                x.setRequiresGradient(true);
                w.setRequiresGradient(true);
                b.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray y = v == 0 ? reference(x, w, b) : PhaseUpConv.forward(x, w, b);
                    outs[v] = y.stopGradient();
                    gc.backward(y.mul(g).sum());
                }
                grads[v] = new NDArray[] {x.getGradient(), w.getGradient(), b.getGradient()};
            }
            assertEquals(new Shape(2, 3, 12, 14), outs[1].getShape());
            assertTrue(maxDiff(outs[0], outs[1]) < 1e-4f, "outputs differ by " + maxDiff(outs[0], outs[1]));
            String[] names = {"input", "weight", "bias"};
            for (int k = 0; k < 3; k++) {
                float d = maxDiff(grads[0][k], grads[1][k]);
                float scale = grads[0][k].abs().max().getFloat();
                assertTrue(d < 1e-4f * Math.max(1f, scale), names[k] + " gradients differ by " + d);
            }
            // the output really depends on the weights (guards against comparing two zero maps)
            assertTrue(outs[1].abs().max().getFloat() > 0.1f);
        }
    }

    /**
     * The interleave index is cached per shape outside every step's manager: it survives the step
     * that made it, and one evicted (more shapes than the cache holds) while a graph still reads it
     * leaves that graph's backward intact.
     */
    @Test
    void cachedIndexOutlivesStepsAndEviction() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            NDArray x = m.randomNormal(new Shape(2, 3, 8, 8));
            NDArray w = m.randomNormal(new Shape(4, 3, 3, 3));
            NDArray expected = reference(x, w, null);
            NDArray first = PhaseUpConv.interleaveIndex(2, 4, 8, 8);
            for (int step = 0; step < 2; step++) {
                try (NDManager s = m.newSubManager()) {
                    NDArray xs = x.duplicate();
                    xs.attach(s);
                    assertTrue(maxDiff(expected, PhaseUpConv.forward(xs, w, null)) < 1e-4f, "step " + step);
                }
            }
            assertTrue(first == PhaseUpConv.interleaveIndex(2, 4, 8, 8), "made once per shape");
            try (NDManager s = m.newSubManager()) {
                NDArray xs = x.duplicate();
                xs.attach(s);
                xs.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray y = PhaseUpConv.forward(xs, w, null);
                    for (long h = 1; h <= 20; h++) {
                        PhaseUpConv.interleaveIndex(1, 1, h, 3); // pushes (2, 4, 8, 8) out of the cache
                    }
                    assertTrue(first != PhaseUpConv.interleaveIndex(2, 4, 8, 8), "evicted and made again");
                    gc.backward(y.sum());
                }
                NDArray xr = x.duplicate();
                xr.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(reference(xr, w, null).sum());
                }
                assertTrue(maxDiff(xr.getGradient(), xs.getGradient()) < 1e-4f, "gradient through an evicted index");
                assertTrue(xr.getGradient().abs().max().getFloat() > 0.1f);
            }
        }
    }

    @Test
    void worksWithoutBiasAndRefusesOtherKernels() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(1, 2, 8, 8));
            NDArray w = m.randomNormal(new Shape(1, 2, 3, 3));
            assertTrue(maxDiff(reference(x, w, null), PhaseUpConv.forward(x, w, null)) < 1e-4f);
            assertThrows(IllegalArgumentException.class,
                    () -> PhaseUpConv.forward(x, m.randomNormal(new Shape(1, 2, 4, 4)), null));
        }
        assertTrue(PhaseUpConv.worthIt(8, 8));
        assertFalse(PhaseUpConv.worthIt(4, 4));
    }

    /** A U-Net with the phase form on trains like the plain one: same outputs and weight gradients. */
    @Test
    void trainingStepsLeaveNothingInTheModelsManager() {
        UNet.Config c = new UNet.Config(1, 1, new int[] {4, 8, 8, 8}, 3, Norm.BATCH, false, Upsampling.NEAREST_EXPAND,
                new int[0], true, UNet.Injection.ALL);
        try (NDManager m = NDManager.newBaseManager()) {
            UNet net = new UNet(c);
            net.initialize(m, DataType.FLOAT32, new Shape(2, 1, 32, 32), new Shape(2, 3));
            net.usePhaseUpsampling(true);
            int[] counts = new int[3];
            for (int step = 0; step < 3; step++) {
                try (NDManager sub = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray x = sub.randomUniform(-1f, 1f, new Shape(2, 1, 32, 32));
                    NDArray z = sub.randomNormal(new Shape(2, 3));
                    gc.backward(net.forward(new ParameterStore(sub, false), new NDList(x, z), true).get(0).sum());
                }
                counts[step] = m.getManagedArrays().size();
            }
            // ops on a parameter attach their results to the parameter's (the model's) manager
            assertEquals(counts[0], counts[2], "arrays left in the model's manager per step: " + (counts[2] - counts[0]) / 2);
        }
    }

    @Test
    void unetWithPhaseUpsamplingMatchesThePlainForwardAndBackward() {
        UNet.Config c = new UNet.Config(1, 1, new int[] {4, 8, 8, 8}, 3, Norm.BATCH, false, Upsampling.NEAREST_EXPAND,
                new int[0], true, UNet.Injection.ALL);
        List<float[]> outputs = new ArrayList<>();
        List<List<float[]>> gradients = new ArrayList<>();
        for (boolean phases : new boolean[] {false, true}) {
            try (NDManager m = NDManager.newBaseManager()) {
                Engine.getInstance().setRandomSeed(11);
                UNet net = new UNet(c);
                net.initialize(m, DataType.FLOAT32, new Shape(2, 1, 32, 32), new Shape(2, 3));
                net.usePhaseUpsampling(phases);
                NDArray x = m.randomNormal(new Shape(2, 1, 32, 32));
                NDArray z = m.randomNormal(new Shape(2, 3));
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray y = net.forward(new ParameterStore(m, false), new NDList(x, z), true).get(0);
                    outputs.add(y.toFloatArray());
                    gc.backward(y.sum());
                }
                List<float[]> g = new ArrayList<>();
                for (Pair<String, Parameter> p : net.getParameters()) {
                    if (p.getValue().requiresGradient()) {
                        g.add(p.getValue().getArray().getGradient().toFloatArray());
                    }
                }
                gradients.add(g);
            }
        }
        float[] a = outputs.get(0);
        float[] b = outputs.get(1);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-4f, "output " + i);
        }
        assertEquals(gradients.get(0).size(), gradients.get(1).size());
        for (int k = 0; k < gradients.get(0).size(); k++) {
            float[] ga = gradients.get(0).get(k);
            float[] gb = gradients.get(1).get(k);
            for (int i = 0; i < ga.length; i++) {
                assertEquals(ga[i], gb[i], 1e-3f * Math.max(1f, Math.abs(ga[i])), "gradient of parameter " + k + " at " + i);
            }
        }
    }
}
