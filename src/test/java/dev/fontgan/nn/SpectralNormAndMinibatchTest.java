package dev.fontgan.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.fontgan.TorchRuntime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SpectralNormAndMinibatchTest {
    @BeforeAll
    static void engine() {
        TorchRuntime.configure();
    }

    /** Largest singular value of a row-major (rows, cols) matrix by many power iterations in plain Java. */
    private static double largestSingularValue(float[] m, int rows, int cols) {
        double[] v = new double[cols];
        java.util.Arrays.fill(v, 1.0);
        double sigma = 0;
        for (int it = 0; it < 500; it++) {
            double[] u = new double[rows];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    u[r] += m[r * cols + c] * v[c];
                }
            }
            double[] next = new double[cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    next[c] += m[r * cols + c] * u[r];
                }
            }
            double norm = Math.sqrt(java.util.Arrays.stream(next).map(x -> x * x).sum());
            sigma = Math.sqrt(norm);
            for (int c = 0; c < cols; c++) {
                v[c] = next[c] / norm;
            }
        }
        return sigma;
    }

    /** A 3 -> 6 channel spectral-norm down conv for (2, 3, 8, 8) inputs, initialised after seeding the engine. */
    private static SpectralNormConv seededConv(NDManager m, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        SpectralNormConv conv = SpectralNormConv.down(6);
        conv.initialize(m, DataType.FLOAT32, new Shape(2, 3, 8, 8));
        return conv;
    }

    @Test
    void spectralNormKeepsTheLargestSingularValueAtOne() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            SpectralNormConv conv = seededConv(m, 4);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(2, 3, 8, 8));
            NDArray raw = conv.getParameters().get("weight").getArray();
            double before = largestSingularValue(raw.toFloatArray(), 6, 48);
            assertTrue(before > 0.05, "the raw weight is far from norm 1: " + before);
            for (int i = 0; i < 30; i++) { // power iterations converge over training forwards
                assertEquals(new Shape(2, 6, 4, 4), conv.forward(ps, new NDList(x), true).singletonOrThrow().getShape());
            }
            NDArray w = conv.normalizedWeight(ps, x.getDevice(), false);
            assertEquals(1.0, largestSingularValue(w.toFloatArray(), 6, 48), 0.01);

            // u is saved with the weights: a loaded copy gives identical outputs in inference
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            conv.saveParameters(new DataOutputStream(bytes));
            SpectralNormConv copy = SpectralNormConv.down(6);
            copy.initialize(m, DataType.FLOAT32, new Shape(2, 3, 8, 8));
            copy.loadParameters(m, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            assertArrayEquals(conv.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray(),
                    copy.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray(), 0f);
        }
    }

    /**
     * A training pass divides by the sigma of the u it has just updated, as an inference pass right
     * after it does. The update once gave u new memory and left the pass reading the old, stale u
     * from a buffer nothing held any more (freed whenever the JVM collected it).
     */
    @Test
    void aTrainingPassUsesTheVectorItJustUpdated() {
        try (NDManager m = NDManager.newBaseManager()) {
            SpectralNormConv conv = seededConv(m, 5);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(2, 3, 8, 8));
            NDArray u = conv.getParameters().get("u").getArray();
            float[] before = u.toFloatArray();
            try (NDManager step = m.newSubManager()) {
                NDArray xs = x.duplicate();
                xs.attach(step);
                float[] trained = conv.forward(ps, new NDList(xs), true).singletonOrThrow().toFloatArray();
                assertFalse(java.util.Arrays.equals(before, u.toFloatArray()), "u moved");
                float[] inferred = conv.forward(ps, new NDList(xs), false).singletonOrThrow().toFloatArray();
                assertArrayEquals(inferred, trained, 0f);
            }
        }
    }

    @Test
    void minibatchStdDevAppendsTheBatchSpread() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray same = m.ones(new Shape(3, 2, 4, 4));
            NDArray out = MinibatchStdDev.append(same);
            assertEquals(new Shape(3, 3, 4, 4), out.getShape());
            assertEquals(0f, out.get(":, 2").abs().max().getFloat(), 1e-3f, "a collapsed batch has no spread");
            assertArrayEquals(same.toFloatArray(), out.get(":, 0:2").toFloatArray(), 0f);
            // samples +a and -a: every feature's std is a
            NDArray spread = m.ones(new Shape(1, 2, 4, 4)).mul(0.5f).concat(m.ones(new Shape(1, 2, 4, 4)).mul(-0.5f), 0);
            float[] channel = MinibatchStdDev.append(spread).get(":, 2").toFloatArray();
            for (float c : channel) {
                assertEquals(0.5f, c, 1e-5f);
            }
        }
    }
}
