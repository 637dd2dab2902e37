package dev.fontgan.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.fontgan.TorchRuntime;
import dev.fontgan.gan.variants.InfoGan;
import dev.fontgan.gan.variants.Variants;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GanVariantsTest {
    @BeforeAll
    static void engine() {
        TorchRuntime.configure();
    }

    @Test
    void everyVariantTrainsTwentyStepsWithoutNanAndItsLossesChange() {
        for (Variant v : Variants.all()) {
            GanData data = GanFixtures.dataFor(v);
            try (GanTrainer t = new GanTrainer(v, GanFixtures.config(data), data)) {
                List<Map<String, Float>> log = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    Map<String, Float> l = t.runIteration();
                    assertTrue(TrainingLoop.finite(l), v.name() + " step " + i + ": " + l);
                    log.add(l);
                }
                assertTrue(log.get(0).containsKey("d_loss") && log.get(0).containsKey("g_loss"), v.name());
                assertNotEquals(log.get(0).get("g_loss"), log.get(19).get("g_loss"), v.name() + " G loss is stuck");
                assertNotEquals(log.get(0).get("d_loss"), log.get(19).get("d_loss"), v.name() + " D loss is stuck");
                assertEquals(1, t.sampleGrid().getType() == java.awt.image.BufferedImage.TYPE_BYTE_GRAY ? 1 : 0);
            }
        }
    }

    private static float[] sampleOutput(GanTrainer t, GanData data) {
        Players p = t.players();
        try (NDManager m = p.manager().newSubManager()) {
            ai.djl.engine.Engine.getInstance().setRandomSeed(11);
            NDArray input = p.conditioning() == Conditioning.IMAGE ? data.evaluation(4, m).sources()
                    : m.randomNormal(new ai.djl.ndarray.types.Shape(4, t.variant().codes() == null
                    ? p.config().latentDim() : p.config().latentDim() + t.variant().codes().width()));
            NDArray labels = !p.conditioning().generatorTakesLabels() ? null
                    : t.variant().givenStyle() ? m.create(new int[] {0, 1, 2, 0}) : m.create(new int[] {0, 1, 2, 3});
            return p.sample(input, labels).toFloatArray();
        }
    }

    @Test
    void saveThenLoadGivesIdenticalGeneratorOutputs() {
        for (String name : new String[] {"dcgan", "infogan", "infogan-font", "acgan", "pix2pix"}) {
            Variant v = Variants.named(name);
            GanData data = GanFixtures.dataFor(v);
            VariantConfig c = GanFixtures.config(data).withAverageDecay(0.9f);
            Map<String, byte[]> parts;
            float[] before;
            try (GanTrainer t = new GanTrainer(v, c, data)) {
                for (int i = 0; i < 3; i++) {
                    t.runIteration();
                }
                parts = t.checkpointParts();
                before = sampleOutput(t, data);
            }
            try (GanTrainer t = new GanTrainer(Variants.named(name), c.withSeed(99), data)) {
                assertFalse(java.util.Arrays.equals(before, sampleOutput(t, data)), name + ": fresh weights differ");
                t.restore(parts, Path.of("test.ckpt"));
                assertEquals(3, t.step());
                assertArrayEquals(before, sampleOutput(t, data), name);
            }
        }
    }

    @Test
    void twoRunsWithOneSeedGiveIdenticalLosses() {
        for (String name : new String[] {"wgan-gp", "infogan", "infogan-font", "cgan"}) {
            List<Map<String, Float>> a = new ArrayList<>();
            List<Map<String, Float>> b = new ArrayList<>();
            for (List<Map<String, Float>> log : List.of(a, b)) {
                Variant v = Variants.named(name);
                GanData data = GanFixtures.dataFor(v);
                try (GanTrainer t = new GanTrainer(v, GanFixtures.config(data), data)) {
                    for (int i = 0; i < 4; i++) {
                        log.add(t.runIteration());
                    }
                }
            }
            assertEquals(a, b, name);
        }
    }

    @Test
    void labelConditionedVariantsPayTheModeSeekingTerm() {
        // without it CGAN and ACGAN drew one glyph per class whatever z (samples/RESULTS.md, ACGAN)
        for (String name : new String[] {"cgan", "acgan"}) {
            Variant v = Variants.named(name);
            GanData data = GanFixtures.dataFor(v);
            try (GanTrainer t = new GanTrainer(v, GanFixtures.config(data), data)) {
                Map<String, Float> l = t.runIteration();
                Float ms = l.get("g_mode_seeking");
                assertTrue(ms != null && ms > 0f && Float.isFinite(ms), name + ": " + l);
                assertTrue(l.get("g_loss") > ms, name + ": G's loss includes the term: " + l);
            }
        }
    }

    /** A variant built on the class-glyph fixture, a step manager and its first batch of 8. */
    private record Fixture(Variant variant, GanData data, Players players, NDManager manager, Batch batch)
            implements AutoCloseable {
        static Fixture open(String name) {
            Variant v = Variants.named(name);
            GanData data = GanFixtures.classGlyphs();
            Players p = v.build(GanFixtures.config(data));
            NDManager m = p.manager().newSubManager();
            return new Fixture(v, data, p, m, data.batch(0, 8, m));
        }

        /** Iteration 0's step over the batch. */
        Step step(UpdateGuard guard) {
            return new Step(players, manager, 0, 1, data, batch, guard);
        }

        @Override
        public void close() {
            manager.close();
            players.close();
        }
    }

    /** Whether any array differs between two {@link #values} snapshots. */
    private static boolean anyMoved(List<float[]> before, List<float[]> after) {
        for (int i = 0; i < before.size(); i++) {
            if (!java.util.Arrays.equals(before.get(i), after.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** Every trainable parameter of the block holds no gradient (or a zero one). */
    private static void assertNoGradient(ai.djl.nn.Block block, String what) {
        for (Pair<String, Parameter> q : block.getParameters()) {
            if (q.getValue().requiresGradient()) {
                var g = ai.djl.pytorch.jni.JniUtils.getGradient((ai.djl.pytorch.engine.PtNDArray) q.getValue().getArray());
                if (g != null) {
                    assertEquals(0f, g.abs().sum().getFloat(), q.getKey() + " " + what);
                    g.close();
                }
            }
        }
    }

    private static List<float[]> values(ai.djl.nn.Block block) {
        List<float[]> v = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                v.add(p.getValue().getArray().toFloatArray());
            }
        }
        return v;
    }

    @Test
    void anUpdateWhoseGradientSquaresOverflowIsSkipped() {
        try (Fixture f = Fixture.open("dcgan")) {
            Players p = f.players();
            Batch b = f.batch();
            UpdateGuard guard = new UpdateGuard("gan train");
            Step s = f.step(guard);
            List<float[]> g0 = values(p.generator());
            // a finite loss whose gradients (~1e25) square to infinity in Adam's second moment
            s.updateGenerator("g_loss", () -> p.generate(s.latent(8), b.labels(), true).mean().mul(1e25f));
            assertEquals(1, guard.skipped());
            assertFalse(anyMoved(g0, values(p.generator())), "the generator moved");
            assertTrue(p.generatorOptimizer().stateFinite(), "Adam's moments stay finite");
            assertFalse(guard.endIteration(1), "the iteration is marked unclean");
            s.critic(b, AdversarialLoss.NON_SATURATING);
            assertEquals(1, guard.skipped(), "an ordinary update goes through");
        }
    }

    @Test
    void criticDoesNotMoveDuringGeneratorStepsAndItsNextStepSeesNoGeneratorGradient() {
        try (Fixture f = Fixture.open("dcgan")) {
            Players p = f.players();
            Batch b = f.batch();
            Step s = f.step(new UpdateGuard("gan train"));
            List<float[]> d0 = values(p.critic());
            List<float[]> g0 = values(p.generator());
            s.generator(b, AdversarialLoss.NON_SATURATING);
            List<float[]> d1 = values(p.critic());
            for (int i = 0; i < d0.size(); i++) {
                assertArrayEquals(d0.get(i), d1.get(i), "critic parameter " + i + " moved in a G step");
            }
            assertTrue(anyMoved(g0, values(p.generator())), "the generator must move in its own step");
            assertNoGradient(p.critic(), "collected G's gradient");
        }
    }

    @Test
    void infoGanGeneratorReadsSixteenNoiseValuesAndTheCodes() {
        Variant v = Variants.named("infogan");
        GanData data = GanFixtures.classGlyphs();
        VariantConfig small = GanFixtures.config(data);
        VariantConfig c = new VariantConfig(small.sizePx(), small.batchSize(), 64, small.classCount(), // the CLI's 64
                small.embeddingDim(), small.width(), small.seed(), 0f, 1, 0, 0, 2, small.styleCount()); // noise values
        try (Players p = v.build(c); NDManager m = p.manager().newSubManager()) {
            int latent = p.config().latentDim();
            int width = latent + v.codes().width();
            ai.djl.engine.Engine.getInstance().setRandomSeed(5);
            float[] base = m.randomNormal(new ai.djl.ndarray.types.Shape(2, width)).toFloatArray();
            float[] out = generate(p, m, base, width);
            assertArrayEquals(out, generate(p, m, changed(base, width, 40), width), "noise value 40 is unused");
            assertFalse(java.util.Arrays.equals(out, generate(p, m, changed(base, width, 3), width)), "noise value 3");
            assertFalse(java.util.Arrays.equals(out, generate(p, m, changed(base, width, latent), width)), "first code");
        }
    }

    private static float[] changed(float[] rows, int width, int column) {
        float[] c = rows.clone();
        for (int r = 0; r < c.length / width; r++) {
            c[r * width + column] += 1f;
        }
        return c;
    }

    private static float[] generate(Players p, NDManager m, float[] input, int width) {
        return p.sample(m.create(input, new ai.djl.ndarray.types.Shape(input.length / width, width)), null).toFloatArray();
    }

    @Test
    void infoLossTrainsQInBothStepsAndTheCriticBodyInItsOwn() {
        try (Fixture f = Fixture.open("infogan")) {
            Players p = f.players();
            List<float[]> q0 = values(p.auxiliary());
            Step s = f.step(new UpdateGuard("gan train"));
            f.variant().iterate(p, f.batch(), s);
            assertTrue(s.losses().containsKey("info"), "G's step carries the MI term");
            assertTrue(s.losses().containsKey("d_info"), "D's step carries the MI term");
            assertTrue(anyMoved(q0, values(p.auxiliary())), "Q must learn from the info loss");
            // after the auxiliary step no gradient is left over for the next iteration
            assertNoGradient(p.auxiliary(), "kept a gradient");
        }
    }

    /** D's MI term of iteration 0 for an InfoGAN whose Q reads through {@code jitter}, from seeded weights. */
    private static float criticInfo(Variant v) {
        Engine.getInstance().setRandomSeed(5);
        GanData data = GanFixtures.classGlyphs();
        try (Players p = v.build(GanFixtures.config(data)); NDManager m = p.manager().newSubManager()) {
            Engine.getInstance().setRandomSeed(6);
            Step s = new Step(p, m, 0, 1, data, data.batch(0, 8, m), new UpdateGuard("gan train"));
            v.iterate(p, s.batch(0), s);
            return s.losses().get("d_info");
        }
    }

    @Test
    void infoGanQReadsTheCategoricalCodeThroughTheStyleJitter() {
        float clean = criticInfo(new InfoGan(false, null));
        assertEquals(clean, criticInfo(new InfoGan(false, new StyleJitter(0, 0, 0, 0, 0))), 1e-4f,
                "an identity jitter changes nothing");
        float jittered = criticInfo(new InfoGan(false, StyleJitter.standard()));
        assertNotEquals(clean, jittered, 1e-4f, "Q reads jittered fakes");
        assertEquals(jittered, criticInfo(Variants.named("infogan")), 1e-6f, "the registry's infogan jitters");
    }

    /** Every label moved to the next of {@code count} values. */
    private static NDArray shifted(NDArray labels, int count, NDManager m) {
        int[] l = labels.toIntArray();
        for (int i = 0; i < l.length; i++) {
            l[i] = (l[i] + 1) % count;
        }
        return m.create(l);
    }

    /** The projection starts at N(0, 0.02); give it weight so the score's dependence on the label is visible. */
    private static void strengthenProjection(Players p) {
        for (Pair<String, Parameter> q : p.critic().getParameters()) {
            if (q.getKey().contains("projection")) {
                q.getValue().getArray().muli(50);
            }
        }
    }

    @Test
    void infoGanFontGivesBothPlayersTheFontAndQOnlyTheImage() {
        try (Fixture f = Fixture.open("infogan-font")) {
            Players p = f.players();
            NDManager m = f.manager();
            Batch b = f.batch();
            assertTrue(f.variant().givenStyle());
            assertEquals(3, f.data().styleCount(), "the fixture's three fonts");
            assertEquals(b.count(), b.styles().getShape().get(0));
            for (int font : b.styles().toIntArray()) {
                assertTrue(font >= 0 && font < 3, "font id " + font);
            }
            NDArray otherFonts = shifted(b.styles(), 3, m);
            strengthenProjection(p);
            var own = p.criticize(b.images(), b.styles(), false);
            var swapped = p.criticize(b.images(), otherFonts, false);
            assertTrue(own.get(0).sub(swapped.get(0)).abs().max().getFloat() > 1e-3f, "D's score reads the font");
            // Q reads D's body features, which the font does not reach: the codes must show in the image
            assertArrayEquals(own.get(1).toFloatArray(), swapped.get(1).toFloatArray(), 1e-6f);
            NDArray input = m.randomNormal(new ai.djl.ndarray.types.Shape(b.count(),
                    p.config().latentDim() + f.variant().codes().width()));
            assertFalse(java.util.Arrays.equals(p.sample(input, b.styles()).toFloatArray(),
                    p.sample(input, otherFonts).toFloatArray()), "G draws the font it is given");
        }
    }

    @Test
    void acganScoreDependsOnTheLabelThroughItsProjection() {
        try (Fixture f = Fixture.open("acgan")) {
            Players p = f.players();
            NDManager m = f.manager();
            GanData data = f.data();
            Batch b = f.batch();
            NDArray other = shifted(b.labels(), data.classCount(), m);
            strengthenProjection(p);
            var withOwn = p.criticize(b.images(), b.labels(), false);
            var withOther = p.criticize(b.images(), other, false);
            assertEquals(3, withOwn.size(), "scores, features, class logits");
            assertEquals(data.classCount(), withOwn.get(2).getShape().get(1));
            assertTrue(withOwn.get(0).sub(withOther.get(0)).abs().max().getFloat() > 1e-3f,
                    "the real/fake score must depend on the label");
            assertArrayEquals(withOwn.get(2).toFloatArray(), withOther.get(2).toFloatArray(), 1e-6f,
                    "the class head reads the image alone");
        }
    }
}
