package dev.fontgan.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.fontgan.TorchRuntime;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UNetInferenceTest {
    @BeforeAll
    static void engine() {
        TorchRuntime.configure();
    }

    private static UNet.Config config(Norm norm, Upsampling up, boolean conditional) {
        return new UNet.Config(1, 1, new int[] {4, 8, 8, 8}, 3, norm, conditional, up, new int[] {1, 2}, true);
    }

    /** Largest difference between the generic eval forward pass and the folded one. */
    private static float maxDifference(UNet.Config c, long seed) {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed((int) seed);
            UNet unet = new UNet(c);
            Shape x = new Shape(5, 1, 16, 16);
            unet.initialize(m, DataType.FLOAT32, x, new Shape(5, 3));
            // Batch norms far from identity, so a wrong fold shows: random scale, shift and statistics.
            for (Pair<String, Parameter> p : unet.getParameters()) {
                NDArray a = p.getValue().getArray();
                switch (p.getValue().getType()) {
                    case GAMMA -> a.set(m.randomUniform(0.5f, 2f, a.getShape()).toFloatArray());
                    case BETA, RUNNING_MEAN -> a.set(m.randomNormal(0f, 0.3f, a.getShape(), DataType.FLOAT32).toFloatArray());
                    case RUNNING_VAR -> a.set(m.randomUniform(0.05f, 3f, a.getShape()).toFloatArray());
                    case WEIGHT -> a.set(m.randomNormal(0f, 0.12f, a.getShape(), DataType.FLOAT32).toFloatArray());
                    default -> { }
                }
            }
            NDArray input = m.randomUniform(-1f, 1f, x);
            NDArray cond = m.randomNormal(new Shape(5, 3));
            NDArray expected = unet.forward(new ParameterStore(m, false), new NDList(input, cond), false).get(0);
            try (UNetInference fast = new UNetInference(unet, m)) {
                NDArray got = fast.forward(input, cond);
                assertEquals(expected.getShape(), got.getShape());
                float diff = expected.sub(got).abs().max().getFloat();
                // The output is not saturated everywhere, so equality means something.
                assertTrue(expected.abs().lt(0.9f).sum().getLong() > 100, "too many saturated pixels: " + expected.abs().lt(0.9f).sum().getLong());
                return diff;
            }
        }
    }

    @Test
    void foldedForwardEqualsEvalForwardWithBatchNorm() {
        for (Upsampling up : List.of(Upsampling.NEAREST_EXPAND, Upsampling.NEAREST_INTERPOLATE)) {
            float d = maxDifference(config(Norm.BATCH, up, false), 3);
            assertTrue(d < 5e-5f, up + ": max difference " + d);
        }
    }

    @Test
    void foldedForwardEqualsEvalForwardWithoutNorm() {
        float d = maxDifference(config(Norm.NONE, Upsampling.NEAREST_EXPAND, false), 4);
        assertTrue(d < 5e-5f, "max difference " + d);
    }

    @Test
    void oneEncodingServesSeveralConditions() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            UNet unet = new UNet(config(Norm.BATCH, Upsampling.NEAREST_EXPAND, false));
            unet.initialize(m, DataType.FLOAT32, new Shape(2, 1, 16, 16), new Shape(2, 3));
            NDArray x = m.randomUniform(-1f, 1f, new Shape(2, 1, 16, 16));
            NDArray c1 = m.randomNormal(new Shape(2, 3));
            NDArray c2 = m.randomNormal(new Shape(2, 3));
            try (UNetInference fast = new UNetInference(unet, m)) {
                List<NDArray> code = fast.encode(x);
                assertEquals(fast.forward(x, c1), fast.decode(code, c1));
                assertEquals(fast.forward(x, c2), fast.decode(code, c2));
                assertFalse(fast.decode(code, c1).equals(fast.decode(code, c2)), "the condition matters");
            }
        }
    }

    @Test
    void onlyFoldableConfigurationsAreSupported() {
        assertTrue(UNetInference.supports(config(Norm.BATCH, Upsampling.NEAREST_EXPAND, false)));
        assertFalse(UNetInference.supports(config(Norm.BATCH, Upsampling.NEAREST_EXPAND, true)));
        assertFalse(UNetInference.supports(config(Norm.INSTANCE, Upsampling.NEAREST_EXPAND, false)));
        assertFalse(UNetInference.supports(config(Norm.BATCH, Upsampling.BILINEAR, false)));
    }
}
