package dev.fontgan.bicycle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.TorchRuntime;
import dev.fontgan.nn.UNet.Injection;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BicycleModelTest {
    @BeforeAll
    static void engine() {
        TorchRuntime.configure();
    }

    private static NDArray glyphs(NDManager m, int n, int size, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] v = new float[n * size * size];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat() < 0.2f ? 1f : -1f;
        }
        return m.create(v, new Shape(n, 1, size, size));
    }

    private static NDArray latents(NDManager m, int n, int nz, long seed) {
        float[] z = new float[n * nz];
        for (int i = 0; i < n; i++) {
            System.arraycopy(BicycleModel.latentForSeed(seed + i, nz), 0, z, i * nz, nz);
        }
        return m.create(z, new Shape(n, nz));
    }

    @Test
    void shapesAndValueRange() {
        for (Injection where : new Injection[] {Injection.ALL, Injection.INPUT}) {
            try (BicycleModel model = BicycleModel.create(BicycleArch.TINY.withInjection(where), 32, 1);
                    NDManager m = model.manager().newSubManager()) {
                NDArray src = glyphs(m, 3, 32, 1);
                NDArray out = model.generate(src, latents(m, 3, model.latentSize(), 7));
                assertEquals(new Shape(3, 1, 32, 32), out.getShape());
                assertTrue(out.abs().max().getFloat() <= 1f);
                assertEquals(new Shape(3, 8), model.encodeMean(out).getShape());
                assertTrue(model.generatorParameterCount() > 0 && model.encoderParameterCount() > 0);
            }
        }
    }

    @Test
    void recalibratedBatchNormMakesEvalModeMatchBatchStatistics() {
        int n = 64;
        float before;
        float after;
        try (BicycleModel reference = BicycleModel.create(BicycleArch.TINY, 32, 3);
                BicycleModel model = BicycleModel.create(BicycleArch.TINY, 32, 3);
                NDManager m = NDManager.newBaseManager()) {
            NDArray src = glyphs(m, n, 32, 11);
            NDArray z = latents(m, n, model.latentSize(), 100);
            // what a big batch's own statistics give (fresh weights: far from the initial running (0, 1))
            NDArray batchStats = reference.generator().forward(reference.parameters(),
                    new ai.djl.ndarray.NDList(src, z), true).get(0);
            byte[] encoder = model.saveEncoder();
            before = model.generate(src, z).sub(batchStats).abs().mean().getFloat();
            model.recalibrateBatchNorm(48, (k, manager) -> new ai.djl.ndarray.NDList(glyphs(manager, n, 32, 20 + k),
                    glyphs(manager, n, 32, 40 + k)), 1);
            after = model.generate(src, z).sub(batchStats).abs().mean().getFloat();
            assertArrayEquals(encoder, model.saveEncoder(), "only G's statistics change");
        }
        assertTrue(after < 0.5f * before, "eval vs batch-statistics output: " + before + " before, " + after + " after");
    }

    @Test
    void zChangesTheOutputAndTheSameSeedGivesTheSameStyle() {
        try (BicycleModel model = BicycleModel.create(BicycleArch.TINY, 32, 2);
                NDManager m = model.manager().newSubManager()) {
            assertArrayEquals(BicycleModel.latentForSeed(42, 8), BicycleModel.latentForSeed(42, 8));
            assertFalse(Arrays.equals(BicycleModel.latentForSeed(42, 8), BicycleModel.latentForSeed(43, 8)));
            NDArray src = glyphs(m, 2, 32, 3);
            float[] a = model.generate(src, latents(m, 2, 8, 42)).toFloatArray();
            float[] b = model.generate(src, latents(m, 2, 8, 42)).toFloatArray();
            float[] c = model.generate(src, latents(m, 2, 8, 99)).toFloatArray();
            assertArrayEquals(a, b);
            assertFalse(Arrays.equals(a, c), "z must reach the output");
            assertArrayEquals(model.encodeMean(src).toFloatArray(), model.encodeMean(src).toFloatArray());
        }
    }

    @Test
    void saveLoadRoundTripGivesIdenticalOutputs() {
        try (BicycleModel a = BicycleModel.create(BicycleArch.TINY, 32, 3);
                BicycleModel b = BicycleModel.create(BicycleArch.TINY, 32, 4);
                NDManager m = a.manager().newSubManager()) {
            NDArray src = glyphs(m, 2, 32, 5);
            NDArray z = latents(m, 2, 8, 5);
            assertFalse(Arrays.equals(a.generate(src, z).toFloatArray(), b.generate(src, z).toFloatArray()));
            b.loadGenerator(a.saveGenerator(), "g");
            b.loadEncoder(a.saveEncoder(), "e");
            b.loadDiscriminators(a.saveDiscriminators(), "d");
            assertArrayEquals(a.generate(src, z).toFloatArray(), b.generate(src, z).toFloatArray());
            assertArrayEquals(a.encodeMean(src).toFloatArray(), b.encodeMean(src).toFloatArray());
            assertArrayEquals(a.saveDiscriminators(), b.saveDiscriminators());
        }
    }

    @Test
    void weightsOfAnotherShapeAreRefusedWithTheirName() {
        try (BicycleModel a = BicycleModel.create(BicycleArch.TINY, 32, 3);
                BicycleModel b = BicycleModel.create(BicycleArch.TINY.withInjection(Injection.INPUT), 32, 3)) {
            FontganException e = assertThrows(FontganException.class, () -> b.loadGenerator(a.saveGenerator(), "pack.zip"));
            assertEquals("pack.zip", e.where());
            assertThrows(FontganException.class, () -> a.loadEncoder(new byte[] {1, 2, 3}, "enc"));
        }
    }

    @Test
    void archRoundTripsThroughJson() {
        BicycleArch a = BicycleArch.DEFAULT.withInjection(Injection.INPUT);
        assertEquals(a, BicycleArch.fromJson(Json.parseObject(Json.write(a.toJson()), "x"), "x"));
        assertThrows(FontganException.class, () -> BicycleArch.named("huge"));
        assertThrows(FontganException.class, () -> BicycleModel.create(BicycleArch.DEFAULT, 48, 1));
    }
}
