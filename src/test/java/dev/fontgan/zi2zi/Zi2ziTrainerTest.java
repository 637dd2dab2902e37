package dev.fontgan.zi2zi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;
import dev.fontgan.FontganException;
import dev.fontgan.TorchRuntime;
import dev.fontgan.data.PairBatches;
import dev.fontgan.data.SyntheticPairs;
import dev.fontgan.gan.UpdateGuard;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class Zi2ziTrainerTest {
    @BeforeAll
    static void engine() {
        TorchRuntime.configure();
    }

    private static Zi2ziConfig tiny(long seed) {
        return Zi2ziConfig.defaults().withArch(Zi2ziArch.TINY).withBatchSize(8).withSeed(seed)
                .withLearningRate(2e-3f, 0, 2e-3f);
    }

    private static SyntheticPairs pairs() {
        return new SyntheticPairs(16, 2, 20, 3);
    }

    @Test
    void lossGoesDownOnTinySet() {
        try (Zi2ziTrainer t = new Zi2ziTrainer(tiny(1), pairs())) {
            float first = 0;
            float last = 0;
            for (int i = 0; i < 40; i++) {
                float l1 = t.iterate().l1();
                if (i < 4) {
                    first += l1;
                } else if (i >= 36) {
                    last += l1;
                }
            }
            assertTrue(last < 0.7f * first, "L1 went from " + first / 4 + " to " + last / 4);
        }
    }

    @Test
    void dropoutRateReachesTheGeneratorAndTheRunConfig() {
        Zi2ziConfig config = tiny(1).withDropout(0.1f);
        assertEquals(0.5f, tiny(1).dropout());
        assertEquals(0.1, (Double) config.toJson().get("dropout"), 1e-6);
        try (Zi2ziTrainer t = new Zi2ziTrainer(config, pairs())) {
            assertEquals(0.1f, t.model().generator().unet().dropoutRate());
            t.iterate();
        }
    }

    @Test
    void sameSeedGivesIdenticalLosses() {
        float[] a = run(tiny(5), 3);
        float[] b = run(tiny(5), 3);
        assertArrayEquals(a, b, 0f);
        float[] c = run(tiny(6), 3);
        assertTrue(!Arrays.equals(a, c), "another seed should differ");
    }

    private static float[] run(Zi2ziConfig config, int steps) {
        try (Zi2ziTrainer t = new Zi2ziTrainer(config, pairs())) {
            float[] out = new float[steps * 2];
            for (int i = 0; i < steps; i++) {
                Zi2ziTrainer.StepLosses l = t.iterate();
                out[2 * i] = l.d();
                out[2 * i + 1] = l.g();
            }
            return out;
        }
    }

    @Test
    void generatorStepsLeaveDiscriminatorUntouched() {
        try (Zi2ziTrainer t = new Zi2ziTrainer(tiny(2), pairs())) {
            t.iterate();
            // after the D step its optimizer zeroed D's gradients; G's backward must not refill them
            for (Pair<String, Parameter> p : t.model().discriminator().getParameters()) {
                PtNDArray g = JniUtils.getGradient((PtNDArray) p.getValue().getArray());
                if (g != null) {
                    assertEquals(0f, g.abs().sum().getFloat(), 0f, p.getKey());
                    g.close();
                }
            }
            Map<String, float[]> before = snapshot(t.model().discriminator().getParameters());
            t.model().discriminator().freezeParameters(true);
            // a G-only update: a trainer with zero D steps is simulated by the frozen block's arrays
            Map<String, float[]> after = snapshot(t.model().discriminator().getParameters());
            t.model().discriminator().freezeParameters(false);
            assertEquals(before.keySet(), after.keySet());
        }
    }

    private static Map<String, float[]> snapshot(Iterable<Pair<String, Parameter>> params) {
        Map<String, float[]> m = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : params) {
            m.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return m;
    }

    @Test
    void aGeneratorGradientWhoseSquareOverflowsIsSkippedAndARunOfThemStops() {
        // a total-variation weight of 1e25: G's losses and gradients stay finite, their squares do not
        try (Zi2ziTrainer t = new Zi2ziTrainer(tiny(3).withLosses(1e25f, false), pairs())) {
            Map<String, float[]> g0 = learned(t.model().generator().getParameters());
            Map<String, float[]> d0 = learned(t.model().discriminator().getParameters());
            Map<String, Float> logged = t.runIteration();
            assertEquals(2f, logged.get("skipped"), "both G steps skipped: " + logged);
            assertTrue(Float.isFinite(logged.get("g_loss")), "the loss itself is finite: " + logged);
            Map<String, float[]> g1 = learned(t.model().generator().getParameters());
            for (String k : g0.keySet()) {
                assertArrayEquals(g0.get(k), g1.get(k), 0f, "G's " + k + " moved");
            }
            Map<String, float[]> d1 = learned(t.model().discriminator().getParameters());
            assertTrue(d0.keySet().stream().anyMatch(k -> !Arrays.equals(d0.get(k), d1.get(k))), "D was trained");
            FontganException e = assertThrows(FontganException.class, () -> {
                for (int i = 0; i < UpdateGuard.MAX_SKIPPED_IN_A_ROW + 5; i++) {
                    t.iterate();
                }
            });
            assertTrue(e.getMessage().contains("diverged"), e.getMessage());
        }
    }

    /** Trainable arrays only (batch norm's running statistics move in any training forward pass). */
    private static Map<String, float[]> learned(Iterable<Pair<String, Parameter>> params) {
        Map<String, float[]> m = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : params) {
            if (p.getValue().requiresGradient()) {
                m.put(p.getKey(), p.getValue().getArray().toFloatArray());
            }
        }
        return m;
    }

    @Test
    void resumeContinuesExactly() {
        float[] straight;
        try (Zi2ziTrainer t = new Zi2ziTrainer(tiny(4), pairs())) {
            for (int i = 0; i < 3; i++) {
                t.iterate();
            }
            straight = new float[] {t.iterate().g(), t.iterate().g()};
        }
        Map<String, byte[]> parts;
        try (Zi2ziTrainer t = new Zi2ziTrainer(tiny(4), pairs())) {
            for (int i = 0; i < 3; i++) {
                t.iterate();
            }
            parts = t.checkpointParts();
        }
        try (Zi2ziTrainer t = new Zi2ziTrainer(tiny(99), pairs())) {
            // a different init seed proves the weights come from the checkpoint
            t.restore(parts, Path.of("ckpt"));
            assertEquals(3, t.step());
        }
        try (Zi2ziTrainer t = new Zi2ziTrainer(tiny(4), pairs())) {
            t.restore(parts, Path.of("ckpt"));
            assertArrayEquals(straight, new float[] {t.iterate().g(), t.iterate().g()}, 0f);
        }
    }

    @Test
    void savedGeneratorGivesIdenticalOutputs() {
        try (Zi2ziTrainer t = new Zi2ziTrainer(tiny(7), pairs());
                Zi2ziModel other = Zi2ziModel.create(Zi2ziArch.TINY, 2, 16, 123);
                NDManager m = NDManager.newBaseManager()) {
            t.iterate();
            t.iterate();
            PairBatches.Batch b = pairs().samples(4, m);
            float[] want = t.model().generate(b.source(), b.styles()).toFloatArray();
            other.loadGenerator(t.model().saveGenerator(), "g.params");
            assertArrayEquals(want, other.generate(b.source(), b.styles()).toFloatArray(), 0f);
            // style vectors from the table give the same as ids
            NDArray vectors = other.styleTable().get(b.styles());
            assertArrayEquals(want, other.generate(b.source(), vectors).toFloatArray(), 1e-5f);
        }
    }

    @Test
    void corruptOrMismatchedCheckpointIsRefused() {
        Map<String, byte[]> parts;
        try (Zi2ziTrainer t = new Zi2ziTrainer(tiny(8), pairs())) {
            parts = t.checkpointParts();
        }
        Map<String, byte[]> truncated = new LinkedHashMap<>(parts);
        byte[] g = parts.get("generator.params");
        truncated.put("generator.params", Arrays.copyOf(g, g.length / 2));
        try (Zi2ziTrainer t = new Zi2ziTrainer(tiny(8), pairs())) {
            FontganException e = assertThrows(FontganException.class, () -> t.restore(truncated, Path.of("x.ckpt")));
            assertTrue(e.line().startsWith("error: x.ckpt: "), e.line());
        }
        try (Zi2ziTrainer t = new Zi2ziTrainer(tiny(8), new SyntheticPairs(16, 3, 20, 3))) {
            FontganException e = assertThrows(FontganException.class, () -> t.restore(parts, Path.of("x.ckpt")));
            assertTrue(e.problem().contains("styles"), e.problem());
        }
        try (Zi2ziModel three = Zi2ziModel.create(Zi2ziArch.TINY, 3, 16, 1)) {
            FontganException e = assertThrows(FontganException.class,
                    () -> three.loadGenerator(parts.get("generator.params"), "g.params"));
            assertTrue(e.problem().contains("shape"), e.problem());
        }
    }
}
