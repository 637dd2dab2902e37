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

    /**
     * Largest difference between the generic eval forward pass and the folded one, over inputs of
     * the given sizes in turn (one folded object serves them all).
     */
    private static float maxDifference(UNet.Config c, long seed, int... sizes) {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed((int) seed);
            UNet unet = new UNet(c);
            unet.initialize(m, DataType.FLOAT32, new Shape(5, 1, sizes[0], sizes[0]), new Shape(5, 3));
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
            float worst = 0;
            try (UNetInference fast = new UNetInference(unet, m)) {
                for (int size : sizes) {
                    NDArray input = m.randomUniform(-1f, 1f, new Shape(5, 1, size, size));
                    NDArray cond = m.randomNormal(new Shape(5, 3));
                    NDArray expected = unet.forward(new ParameterStore(m, false), new NDList(input, cond), false).get(0);
                    NDArray got = fast.forward(input, cond);
                    assertEquals(expected.getShape(), got.getShape());
                    worst = Math.max(worst, expected.sub(got).abs().max().getFloat());
                    // The output is not saturated everywhere, so equality means something.
                    long unsaturated = expected.abs().lt(0.9f).sum().getLong();
                    assertTrue(unsaturated > 100, "too many saturated pixels: " + unsaturated);
                }
            }
            return worst;
        }
    }

    @Test
    void foldedForwardEqualsEvalForwardWithNarrowDecoder() {
        UNet.Config c = new UNet.Config(1, 1, new int[] {4, 8, 8, 8}, 3, Norm.BATCH, false, Upsampling.NEAREST_EXPAND,
                new int[] {1, 2}, true, UNet.Injection.BOTTLENECK, new int[] {2, 4, 6});
        float d = maxDifference(c, 6, 16);
        assertTrue(d < 5e-5f, "max difference " + d);
    }

    @Test
    void matrixLevelsFollowTheInputSize() {
        // 16 px: the 1x1 and 2x2 levels run as matrix products; 32 px: other levels do; then back.
        float d = maxDifference(config(Norm.BATCH, Upsampling.NEAREST_EXPAND, false), 8, 16, 32, 16);
        assertTrue(d < 5e-5f, "max difference " + d);
    }

    @Test
    void foldedForwardEqualsEvalForwardWithBatchNorm() {
        for (Upsampling up : List.of(Upsampling.NEAREST_EXPAND, Upsampling.NEAREST_INTERPOLATE)) {
            float d = maxDifference(config(Norm.BATCH, up, false), 3, 16);
            assertTrue(d < 5e-5f, up + ": max difference " + d);
        }
    }

    @Test
    void foldedForwardEqualsEvalForwardWithoutNorm() {
        float d = maxDifference(config(Norm.NONE, Upsampling.NEAREST_EXPAND, false), 4, 16);
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
