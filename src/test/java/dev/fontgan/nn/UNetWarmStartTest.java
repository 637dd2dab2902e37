package dev.fontgan.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.fontgan.TorchRuntime;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UNetWarmStartTest {
    private static final int[] ENCODER = {4, 8, 8, 8};

    @BeforeAll
    static void engine() {
        TorchRuntime.configure();
    }

    private static UNet unet(NDManager m, int[] decoder, long seed) {
        return unet(m, ENCODER, decoder, seed);
    }

    private static UNet unet(NDManager m, int[] encoder, int[] decoder, long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        UNet u = new UNet(new UNet.Config(1, 1, encoder, 3, Norm.BATCH, false, Upsampling.NEAREST_EXPAND,
                new int[] {1}, true, UNet.Injection.BOTTLENECK, decoder));
        u.initialize(m, DataType.FLOAT32, new Shape(2, 1, 16, 16), new Shape(2, 3));
        // trained-looking norms: scales and statistics away from their initial values
        for (Pair<String, Parameter> p : u.getParameters()) {
            NDArray a = p.getValue().getArray();
            switch (p.getValue().getType()) {
                case GAMMA -> a.set(m.randomUniform(0.5f, 2f, a.getShape()).toFloatArray());
                case BETA, RUNNING_MEAN -> a.set(m.randomNormal(0f, 0.3f, a.getShape(), DataType.FLOAT32).toFloatArray());
                case RUNNING_VAR -> a.set(m.randomUniform(0.2f, 2f, a.getShape()).toFloatArray());
                case WEIGHT -> a.set(m.randomNormal(0f, 0.2f, a.getShape(), DataType.FLOAT32).toFloatArray());
                default -> { }
            }
        }
        return u;
    }

    private static NDArray eval(UNet u, NDManager m, NDArray x, NDArray c) {
        return u.forward(new ParameterStore(m, false), new NDList(x, c), false).get(0);
    }

    @Test
    void sameShapeCopiesTheNetwork() {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet from = unet(m, null, 1);
            UNet to = unet(m, null, 2);
            UNetWarmStart.copy(from, to);
            NDArray x = m.randomUniform(-1f, 1f, new Shape(3, 1, 16, 16));
            NDArray c = m.randomNormal(new Shape(3, 3));
            assertArrayEquals(eval(from, m, x, c).toFloatArray(), eval(to, m, x, c).toFloatArray());
        }
    }

    /**
     * When the channels a narrower decoder drops carry nothing (their norm's scale and shift are
     * zero, so they are 0 after ReLU), the narrowed copy computes the same function: this checks
     * that the strongest channels are kept and that the next level reads the right inputs.
     */
    @Test
    void narrowerDecoderKeepsTheStrongestChannels() {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet from = unet(m, null, 3);
            // decoder levels mirroring encoder levels 1, 2, 3 (widths 4, 8, 8) narrowed to 2, 5, 8
            int[] narrow = {2, 5, 8};
            int depth = ENCODER.length;
            for (int j = 0; j < depth - 1; j++) {
                int i = depth - 1 - j;
                BatchNorm bn = (BatchNorm) from.decoderNorms().get(j);
                float[] gamma = param(bn, "gamma").toFloatArray();
                float[] beta = param(bn, "beta").toFloatArray();
                int drop = gamma.length - narrow[i - 1];
                for (int k = 0; k < drop; k++) {
                    int ch = (k * 3 + 1) % gamma.length; // scattered, not just the last ones
                    while (gamma[ch] == 0) {
                        ch = (ch + 1) % gamma.length;
                    }
                    gamma[ch] = 0;
                    beta[ch] = 0;
                }
                param(bn, "gamma").set(gamma);
                param(bn, "beta").set(beta);
            }
            UNet to = unet(m, narrow, 4);
            UNetWarmStart.copy(from, to);
            NDArray x = m.randomUniform(-1f, 1f, new Shape(3, 1, 16, 16));
            assertSameFunction(from, to, m, x);
            for (int i = 0; i < from.encoderLevels().size(); i++) { // the encoder bit for bit
                List<Parameter> a = from.encoderLevels().get(i).getParameters().values();
                List<Parameter> b = to.encoderLevels().get(i).getParameters().values();
                for (int k = 0; k < a.size(); k++) {
                    assertArrayEquals(a.get(k).getArray().toFloatArray(), b.get(k).getArray().toFloatArray());
                }
            }
        }
    }

    /**
     * net2wider: a network wider at every level (new channels with trained-looking random weights
     * and norms) computes the source's function exactly, because whatever reads a new channel
     * starts at zero; the trained channels are copied.
     */
    @Test
    void widerNetworkComputesTheSameFunction() {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet from = unet(m, null, 3);
            UNet to = unet(m, new int[] {6, 8, 12, 16}, new int[] {5, 12, 8}, 9);
            UNetWarmStart.copy(from, to);
            NDArray x = m.randomUniform(-1f, 1f, new Shape(3, 1, 16, 16));
            assertSameFunction(from, to, m, x);
            // and it is not the same network: the new channels are there and learn (non-zero outputs)
            NDArray code = to.code(new ParameterStore(m, false), x, false);
            assertTrue(code.get(":, 8:").abs().sum().getFloat() > 0, "new bottleneck channels are dead");
        }
    }

    @Test
    void narrowerEncoderOrOtherDepthIsRefused() {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet mirrored = unet(m, null, 6);
            UNet narrowEncoder = unet(m, new int[] {4, 8, 8, 4}, null, 7);
            assertThrows(IllegalArgumentException.class, () -> UNetWarmStart.copy(mirrored, narrowEncoder));
            UNet shallower = unet(m, new int[] {4, 8, 8}, null, 8);
            assertThrows(IllegalArgumentException.class, () -> UNetWarmStart.copy(mirrored, shallower));
        }
    }

    /** Both networks map x (with random conditions) to the same, unsaturated output in eval mode. */
    private static void assertSameFunction(UNet from, UNet to, NDManager m, NDArray x) {
        NDArray c = m.randomNormal(new Shape(x.getShape().get(0), 3));
        NDArray expected = eval(from, m, x, c);
        float diff = expected.sub(eval(to, m, x, c)).abs().max().getFloat();
        assertTrue(diff < 1e-5f, "max difference " + diff);
        assertTrue(expected.abs().lt(0.9f).sum().getLong() > 100, "output saturated");
    }

    private static NDArray param(BatchNorm bn, String name) {
        for (Pair<String, Parameter> p : bn.getParameters()) {
            if (p.getKey().equals(name)) {
                return p.getValue().getArray();
            }
        }
        throw new AssertionError(name);
    }
}
