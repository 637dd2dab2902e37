package dev.fontgan.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import dev.fontgan.TorchRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BlocksTest {
    @BeforeAll
    static void engine() {
        TorchRuntime.configure();
        Engine.getInstance().setRandomSeed(7);
    }

    private static Shape run(Block b, boolean training, Shape... in) {
        try (NDManager m = NDManager.newBaseManager()) {
            b.initialize(m, DataType.FLOAT32, in);
            NDList inputs = new NDList();
            for (Shape s : in) {
                inputs.add(m.randomNormal(s));
            }
            NDList out = b.forward(new ParameterStore(m, false), inputs, training);
            Shape declared = b.getOutputShapes(in)[0];
            assertEquals(declared, out.get(0).getShape(), "declared output shape");
            return out.get(0).getShape();
        }
    }

    @Test
    void everyUpsamplingDoublesSizeAndMapsChannels() {
        for (Upsampling u : Upsampling.values()) {
            assertEquals(new Shape(2, 5, 16, 16), run(u.block(5, true), true, new Shape(2, 3, 8, 8)), u.name());
        }
    }

    @Test
    void nearestExpandEqualsInterpolation() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(2, 3, 4, 5));
            NDArray a = Upsampling.NEAREST_INTERPOLATE.upsample2x(x);
            NDArray b = Upsampling.NEAREST_EXPAND.upsample2x(x);
            assertArrayEquals(a.toFloatArray(), b.toFloatArray(), 0f);
            assertEquals(x.getFloat(0, 1, 2, 3), b.getFloat(0, 1, 5, 7));
        }
    }

    @Test
    void nearestExpandHasInterpolationsGradient() {
        float[][] grads = new float[2][];
        Upsampling[] kinds = {Upsampling.NEAREST_INTERPOLATE, Upsampling.NEAREST_EXPAND};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray weights = m.randomNormal(new Shape(2, 3, 8, 10));
            for (int k = 0; k < 2; k++) {
                NDArray x = m.randomNormal(new Shape(2, 3, 4, 5));
                x.setRequiresGradient(true);
                try (ai.djl.training.GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(kinds[k].upsample2x(x).mul(weights).sum());
                }
                grads[k] = x.getGradient().toFloatArray();
            }
        }
        // each input pixel's gradient is the sum of its four output pixels' weights
        assertArrayEquals(grads[0], grads[1], 1e-5f);
    }

    @Test
    void halvingAveragesTwoByTwoBlocks() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(32f).reshape(1, 2, 4, 4);
            NDArray h = MultiScaleDiscriminator.halve(x);
            assertEquals(new Shape(1, 2, 2, 2), h.getShape());
            assertEquals((0 + 1 + 4 + 5) / 4f, h.getFloat(0, 0, 0, 0));
            assertEquals((16 + 17 + 20 + 21 + 10 * 4) / 4f, h.getFloat(0, 1, 1, 1));
        }
    }

    @Test
    void pixelShuffleMovesChannelsToSpace() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(16f).reshape(1, 4, 2, 2);
            NDArray y = Upsampling.pixelShuffle(x, 2);
            assertEquals(new Shape(1, 1, 4, 4), y.getShape());
            // output (0, 0, 2i + a, 2j + b) = input channel (2a + b) at (i, j)
            assertEquals(x.getFloat(0, 3, 1, 0), y.getFloat(0, 0, 3, 1));
            assertEquals(x.getFloat(0, 1, 0, 1), y.getFloat(0, 0, 0, 3));
        }
    }

    @Test
    void instanceNormMatchesDirectComputation() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(0, 3, new Shape(2, 3, 4, 4), DataType.FLOAT32).add(5f);
            float[] in = x.toFloatArray();
            float[] out = InstanceNorm.normalize(x).toFloatArray();
            for (int nc = 0; nc < 6; nc++) {
                double mean = 0;
                for (int k = 0; k < 16; k++) {
                    mean += in[nc * 16 + k];
                }
                mean /= 16;
                double var = 0;
                for (int k = 0; k < 16; k++) {
                    var += (in[nc * 16 + k] - mean) * (in[nc * 16 + k] - mean);
                }
                var /= 16;
                for (int k = 0; k < 16; k++) {
                    double want = (in[nc * 16 + k] - mean) / Math.sqrt(var + InstanceNorm.EPSILON);
                    assertEquals(want, out[nc * 16 + k], 1e-4);
                }
            }
        }
    }

    @Test
    void blocksKeepOrMapShapes() {
        assertEquals(new Shape(2, 8, 8, 8), run(new ResidualBlock(8, Norm.INSTANCE), true, new Shape(2, 8, 8, 8)));
        assertEquals(new Shape(2, 6, 8, 8), run(new ConditionalNorm(Norm.INSTANCE, 6), true,
                new Shape(2, 6, 8, 8), new Shape(2, 10)));
        assertEquals(new Shape(2, 6, 8, 8), run(new ConditionalNorm(Norm.BATCH, 6), true,
                new Shape(2, 6, 8, 8), new Shape(2, 10)));
        assertEquals(new Shape(2, 4, 8, 8), run(Layers.downBlock(4, Norm.BATCH, Layers.leakyRelu(0.2f)), true,
                new Shape(2, 3, 16, 16)));
        assertEquals(new Shape(2, 1, 4, 4), run(PatchDiscriminator.build(new int[] {8, 16}, new int[] {2, 2}, 4,
                Norm.INSTANCE), true, new Shape(2, 2, 16, 16)));
        assertEquals(new Shape(3, 5), run(Mlp.of(new int[] {7, 5}, Layers::relu), true, new Shape(3, 4)));
    }

    @Test
    void unetReturnsImageAndBottleneckCode() {
        for (boolean conditional : new boolean[] {false, true}) {
            UNet u = new UNet(new UNet.Config(1, 1, new int[] {4, 8, 8, 8}, 6, Norm.BATCH, conditional,
                    Upsampling.PIXEL_SHUFFLE, new int[] {1}, true));
            try (NDManager m = NDManager.newBaseManager()) {
                u.initialize(m, DataType.FLOAT32, new Shape(2, 1, 16, 16), new Shape(2, 6));
                NDList out = u.forward(new ParameterStore(m, false),
                        new NDList(m.randomNormal(new Shape(2, 1, 16, 16)), m.randomNormal(new Shape(2, 6))), true);
                assertEquals(new Shape(2, 1, 16, 16), out.get(0).getShape());
                assertEquals(new Shape(2, 8), out.get(1).getShape());
                assertTrue(out.get(0).abs().max().getFloat() <= 1f, "tanh output");
            }
        }
    }

    /** Training passes differ by dropout at rate 0.5 and repeat exactly at rate 0; a bad rate is refused. */
    @Test
    void unetDropoutRateIsSettable() {
        UNet u = new UNet(new UNet.Config(1, 1, new int[] {4, 8, 8, 8}, 6, Norm.BATCH, false,
                Upsampling.NEAREST_EXPAND, new int[] {1, 2}, true));
        try (NDManager m = NDManager.newBaseManager()) {
            u.initialize(m, DataType.FLOAT32, new Shape(4, 1, 16, 16), new Shape(4, 6));
            NDList in = new NDList(m.randomNormal(new Shape(4, 1, 16, 16)), m.randomNormal(new Shape(4, 6)));
            ParameterStore ps = new ParameterStore(m, false);
            assertEquals(0.5f, u.dropoutRate());
            float[] a = u.forward(ps, in, true).get(0).toFloatArray();
            float[] b = u.forward(ps, in, true).get(0).toFloatArray();
            assertTrue(!java.util.Arrays.equals(a, b), "rate 0.5: two training passes should differ");
            u.setDropoutRate(0f);
            assertArrayEquals(u.forward(ps, in, true).get(0).toFloatArray(), u.forward(ps, in, true).get(0).toFloatArray());
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> u.setDropoutRate(1f));
        }
    }

    @Test
    void weightsStartNearZero() {
        SequentialBlock b = Layers.initNormal(new SequentialBlock().add(Layers.conv3(64, true)));
        try (NDManager m = NDManager.newBaseManager()) {
            b.initialize(m, DataType.FLOAT32, new Shape(1, 64, 4, 4));
            NDArray w = b.getParameters().get(0).getValue().getArray();
            float std = (float) Math.sqrt(w.square().mean().getFloat());
            assertEquals(0.02, std, 0.002);
        }
    }
}
