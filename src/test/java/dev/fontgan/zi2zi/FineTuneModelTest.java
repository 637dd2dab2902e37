package dev.fontgan.zi2zi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.fontgan.TorchRuntime;
import dev.fontgan.data.SyntheticPairs;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** zi2zi's second stage (frozen encoder) and growing a model by one style slot, on the tiny arch. */
class FineTuneModelTest {
    @BeforeAll
    static void engine() {
        TorchRuntime.configure();
    }

    private static Map<String, float[]> snapshot(Block block) {
        Map<String, float[]> m = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            m.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return m;
    }

    /** Encoder levels are the U-Net's "encN" children (names carry DJL's ordinal prefixes). */
    private static boolean isEncoder(String key) {
        return key.matches("\\d*unet_\\d*enc\\d+_.*");
    }

    private static Zi2ziConfig tinyConfig() {
        return Zi2ziConfig.defaults().withArch(Zi2ziArch.TINY).withBatchSize(4).withLearningRate(2e-3f, 0, 2e-3f)
                .withSeed(5);
    }

    @Test
    void frozenEncoderStaysBitIdenticalWhileDecoderChanges() {
        SyntheticPairs data = new SyntheticPairs(16, 2, 12, 3);
        Zi2ziModel model = Zi2ziModel.create(Zi2ziArch.TINY, 2, 16, 3);
        Map<String, float[]> before = snapshot(model.generator());
        try (Zi2ziTrainer t = new Zi2ziTrainer(tinyConfig(), data, model, true)) {
            for (int i = 0; i < 4; i++) {
                t.iterate();
            }
            Map<String, float[]> after = snapshot(model.generator());
            int encoder = 0;
            int runningStats = 0;
            int changed = 0;
            for (Map.Entry<String, float[]> e : before.entrySet()) {
                boolean same = Arrays.equals(e.getValue(), after.get(e.getKey())); // bit-identical (NaN-safe)
                if (isEncoder(e.getKey())) {
                    encoder++;
                    if (e.getKey().contains("running")) {
                        runningStats++;
                    }
                    assertTrue(same, "frozen encoder parameter changed: " + e.getKey());
                } else if (!same) {
                    changed++;
                }
            }
            assertTrue(encoder >= 4, "encoder parameters found: " + encoder + " of " + before.keySet());
            assertTrue(runningStats >= 2, "the tiny encoder has batch norm; its running statistics must be checked too");
            assertTrue(changed >= 4, "decoder parameters changed: " + changed);
            assertTrue(model.generator().unet().encoderFrozen());
        }
    }

    /** Decoder levels are "upN"/"normN" (N = 0 innermost); the tiny arch has {@code depth} of them. */
    private static int decoderLevel(String key) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d*unet_\\d*(?:up|norm)(\\d+)_.*").matcher(key);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    @Test
    void frozenDecoderLevelsStayBitIdenticalWhileOuterLevelsAndEmbeddingLearn() {
        SyntheticPairs data = new SyntheticPairs(16, 2, 12, 3);
        Zi2ziModel model = Zi2ziModel.create(Zi2ziArch.TINY, 2, 16, 3);
        int depth = model.generator().unet().config().channels().length;
        model.generator().unet().freezeDecoder(1); // only the outermost level learns
        Map<String, float[]> before = snapshot(model.generator());
        try (Zi2ziTrainer t = new Zi2ziTrainer(tinyConfig(), data, model, true)) {
            for (int i = 0; i < 3; i++) {
                t.iterate();
            }
            Map<String, float[]> after = snapshot(model.generator());
            int frozen = 0;
            int outerChanged = 0;
            for (Map.Entry<String, float[]> e : before.entrySet()) {
                boolean same = Arrays.equals(e.getValue(), after.get(e.getKey()));
                int level = decoderLevel(e.getKey());
                if (isEncoder(e.getKey()) || (level >= 0 && level < depth - 1)) {
                    frozen++;
                    assertTrue(same, "frozen parameter changed: " + e.getKey());
                } else if (level == depth - 1 && !same) {
                    outerChanged++;
                }
            }
            assertTrue(frozen >= 8, "frozen parameters found: " + frozen + " of " + before.keySet());
            assertTrue(outerChanged >= 1, "the outermost decoder level learns");
            assertTrue(!Arrays.equals(before.get("styleEmbedding"), after.get("styleEmbedding")), "the embedding learns");
        }
    }

    @Test
    void unfrozenEncoderDoesChange() {
        SyntheticPairs data = new SyntheticPairs(16, 2, 12, 3);
        Zi2ziModel model = Zi2ziModel.create(Zi2ziArch.TINY, 2, 16, 3);
        Map<String, float[]> before = snapshot(model.generator());
        try (Zi2ziTrainer t = new Zi2ziTrainer(tinyConfig(), data, model, false)) {
            t.iterate();
            t.iterate();
            Map<String, float[]> after = snapshot(model.generator());
            long changed = before.keySet().stream().filter(k -> isEncoder(k) && !k.contains("running"))
                    .filter(k -> !Arrays.equals(before.get(k), after.get(k))).count();
            assertTrue(changed > 0, "without freezing, training moves the encoder (control for the test above)");
        }
    }

    @Test
    void extraStyleGrowsEmbeddingAndCategoryHeadByOneRowKeepingOldRows() {
        try (Zi2ziModel base = Zi2ziModel.create(Zi2ziArch.TINY, 3, 16, 11);
                Zi2ziModel nearest = base.withExtraStyle(1);
                Zi2ziModel mean = base.withExtraStyle(-1)) {
            int e = Zi2ziArch.TINY.embeddingDim();
            float[] old = base.styleTable().toFloatArray();
            float[] grown = nearest.styleTable().toFloatArray();
            assertEquals(4, nearest.styleCount());
            assertEquals(4, nearest.styleTable().getShape().get(0));
            assertArrayEquals(old, Arrays.copyOf(grown, 3 * e), "old rows unchanged");
            assertArrayEquals(Arrays.copyOfRange(old, e, 2 * e), Arrays.copyOfRange(grown, 3 * e, 4 * e),
                    "new row starts as style 1");
            float[] meanRow = Arrays.copyOfRange(mean.styleTable().toFloatArray(), 3 * e, 4 * e);
            for (int k = 0; k < e; k++) {
                assertEquals((old[k] + old[e + k] + old[2 * e + k]) / 3, meanRow[k], 1e-6f);
            }
            // every other generator parameter is copied bit for bit
            Map<String, float[]> a = snapshot(base.generator());
            Map<String, float[]> b = snapshot(nearest.generator());
            for (String k : a.keySet()) {
                if (!k.equals("styleEmbedding")) {
                    assertArrayEquals(a.get(k), b.get(k), k);
                }
            }
            // the discriminator's category head has one more class; the rest is unchanged
            Map<String, float[]> da = snapshot(base.discriminator());
            Map<String, float[]> db = snapshot(nearest.discriminator());
            int grownParams = 0;
            for (String k : da.keySet()) {
                if (da.get(k).length == db.get(k).length) {
                    assertArrayEquals(da.get(k), db.get(k), k);
                } else {
                    grownParams++;
                    assertTrue(k.contains("category"), k);
                    int width = da.get(k).length / 3;
                    assertEquals(4 * width, db.get(k).length);
                    assertArrayEquals(da.get(k), Arrays.copyOf(db.get(k), 3 * width));
                }
            }
            assertEquals(2, grownParams, "category weight and bias");
        }
    }
}
