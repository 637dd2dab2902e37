package dev.fontgan.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.fontgan.TorchRuntime;
import dev.fontgan.gan.variants.Variants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Energy margin, pull-away, feature matching, boundary-seeking and R1 against hand-computed values. */
class ObjectivesTest {
    @BeforeAll
    static void engine() {
        TorchRuntime.configure();
    }

    @Test
    void energyMarginHingesFakesAtTheMargin() {
        try (NDManager m = NDManager.newBaseManager()) {
            EnergyMargin e = new EnergyMargin(1f);
            NDArray real = m.create(new float[] {0.2f, 0.4f});
            NDArray fake = m.create(new float[] {0.5f, 2.0f}); // only the first is inside the margin
            assertEquals(0.3f + 0.25f, e.discriminator(real, fake).getFloat(), 1e-6f);
            assertEquals(1.25f, e.generator(fake).getFloat(), 1e-6f);
            NDArray x = m.create(new float[] {0, 0, 1, 1, 2, 2, 2, 2}, new Shape(2, 1, 2, 2));
            NDArray rec = m.create(new float[] {0, 0, 0, 0, 2, 2, 2, 0}, new Shape(2, 1, 2, 2));
            float[] energy = EnergyMargin.energy(x, rec).toFloatArray();
            assertEquals(0.5f, energy[0], 1e-6f); // (1 + 1) / 4
            assertEquals(1.0f, energy[1], 1e-6f); // 4 / 4
        }
    }

    @Test
    void pullAwayIsMeanSquaredCosineOfDistinctPairs() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertEquals(0f, EnergyMargin.pullAway(m.create(new float[][] {{1, 0}, {0, 3}})).getFloat(), 1e-6f);
            assertEquals(1f, EnergyMargin.pullAway(m.create(new float[][] {{1, 2}, {2, 4}})).getFloat(), 1e-5f);
            // cos^2 of (1,0) and (1,1) is 1/2; with (0,1): 0 and 1/2; mean over the 6 ordered pairs: 1/3
            assertEquals(1f / 3, EnergyMargin.pullAway(m.create(new float[][] {{1, 0}, {1, 1}, {0, 1}})).getFloat(), 1e-5f);
        }
    }

    @Test
    void featureMatchingComparesBatchMeansAndLeavesRealsConstant() {
        try (NDManager m = NDManager.newBaseManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray real = m.create(new float[][] {{1, 2, 3}, {3, 2, 1}}); // mean (2, 2, 2)
            NDArray fake = m.create(new float[][] {{0, 2, 5}, {0, 2, 5}}); // mean (0, 2, 5)
            real.setRequiresGradient(true);
            fake.setRequiresGradient(true);
            NDArray loss = FeatureMatching.loss(real, fake);
            assertEquals((4 + 0 + 9) / 3f, loss.getFloat(), 1e-5f);
            gc.backward(loss);
            // d/d fake_ij = 2 (mean_f - mean_r)_j / F / N
            float[] g = fake.getGradient().toFloatArray();
            assertEquals(2 * (0 - 2) / 3f / 2, g[0], 1e-5f);
            assertEquals(0f, g[1], 1e-6f);
            assertEquals(2 * (5 - 2) / 3f / 2, g[2], 1e-5f);
            PtNDArray rg = JniUtils.getGradient((PtNDArray) real);
            if (rg != null) {
                for (float v : rg.toFloatArray()) {
                    assertEquals(0f, v, "real features are a constant target");
                }
                rg.close();
            }
        }
    }

    @Test
    void modeSeekingIsInverseImageOverNoiseDistanceAndPushesSamplesApart() {
        try (NDManager m = NDManager.newBaseManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray a = m.create(new float[][] {{0, 0}, {1, 1}});
            NDArray b = m.create(new float[][] {{1, 0}, {1, 2}}); // mean |a - b| = 2 / 4 = 0.5
            NDArray za = m.create(new float[][] {{0, 0, 0}, {0, 0, 0}});
            NDArray zb = m.create(new float[][] {{1, 1, 1}, {1, 1, 1}}); // mean |za - zb| = 1
            a.setRequiresGradient(true);
            NDArray loss = Losses.modeSeeking(a, b, za, zb);
            assertEquals(1 / (0.5f + 1e-5f), loss.getFloat(), 1e-4f);
            gc.backward(loss);
            // d/da = -1 / r^2 * sign(a - b) / 4: the loss falls as a moves away from b
            float[] g = a.getGradient().toFloatArray();
            float scale = 1 / (0.5f * 0.5f) / 4;
            assertArrayEquals(new float[] {scale, 0, 0, scale}, g, 1e-3f);
        }
    }

    @Test
    void boundarySeekingGeneratorLossIsHalfSquaredLogOdds() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] d = {0.1f, 0.5f, 0.8f}; // D's probabilities
            float[] logits = new float[d.length];
            double expected = 0;
            for (int i = 0; i < d.length; i++) {
                logits[i] = (float) Math.log(d[i] / (1 - d[i]));
                double t = Math.log(d[i]) - Math.log(1 - d[i]);
                expected += 0.5 * t * t / d.length;
            }
            assertEquals(expected, AdversarialLoss.BOUNDARY_SEEKING.generator(m.create(logits)).getFloat(), 1e-5);
            // the generator is pulled to D's decision boundary (D = 1/2), not past it
            assertEquals(0f, AdversarialLoss.BOUNDARY_SEEKING.generator(m.create(new float[] {0f})).getFloat());
            // D trains as the standard GAN does
            NDArray r = m.create(new float[] {1.5f});
            NDArray f = m.create(new float[] {-0.5f});
            assertEquals(AdversarialLoss.MINIMAX.discriminator(r, f).getFloat(),
                    AdversarialLoss.BOUNDARY_SEEKING.discriminator(r, f).getFloat());
        }
    }

    /** R1 = gamma / 2 * mean over samples of ||dD/dx||^2, the gradient checked by central differences. */
    @Test
    void r1MatchesFiniteDifferences() {
        GanData data = GanFixtures.classGlyphs();
        VariantConfig c = GanFixtures.config(data);
        try (Players p = Variants.named("wgan-gp").build(c); NDManager m = p.manager().newSubManager()) {
            NDArray x = data.batch(0, 2, m).images();
            float r1;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray pen = GradientPenalty.r1(10f).penalty(p, x, x, null);
                r1 = pen.getFloat();
                gc.backward(pen);
            }
            double weightGradient = 0;
            for (var e : p.critic().getParameters()) {
                PtNDArray g = JniUtils.getGradient((PtNDArray) e.getValue().getArray());
                if (g == null) {
                    continue; // e.g. the last bias: the input gradient does not depend on it
                }
                weightGradient += g.abs().sum().getFloat();
                g.close();
            }
            assertTrue(weightGradient > 0, "the penalty must reach the critic's weights");
            float[] base = x.toFloatArray();
            int perSample = base.length / 2;
            double[] squaredNorm = new double[2];
            double h = 1e-2;
            for (int i = 0; i < base.length; i++) {
                float[] plus = base.clone();
                float[] minus = base.clone();
                plus[i] += (float) h;
                minus[i] -= (float) h;
                double dPlus = score(p, m, plus, x.getShape(), i / perSample);
                double dMinus = score(p, m, minus, x.getShape(), i / perSample);
                double g = (dPlus - dMinus) / (2 * h);
                squaredNorm[i / perSample] += g * g;
            }
            double expected = 10 / 2.0 * (squaredNorm[0] + squaredNorm[1]) / 2;
            assertTrue(expected > 1e-6, "a critic with no input gradient proves nothing");
            assertEquals(expected, r1, 0.02 * expected);
        }
    }

    private static double score(Players p, NDManager m, float[] x, Shape shape, int sample) {
        try (NDManager s = m.newSubManager()) {
            return p.criticize(s.create(x, shape), null, true).get(0).toFloatArray()[sample];
        }
    }

    @Test
    void klFreeBitsFloorsEachDimensionAndStopsItsGradientBelowTheFloor() {
        try (NDManager m = NDManager.newBaseManager()) {
            // dimension 0: KL 0 (mu 0, var 1); dimension 1: mu 2 gives KL 2 in both rows
            NDArray mu = m.create(new float[] {0, 2, 0, 2}, new Shape(2, 2));
            NDArray logVar = m.zeros(new Shape(2, 2));
            assertEquals(2f, Losses.klToStandardNormal(mu, logVar).getFloat(), 1e-6f);
            assertEquals(2f, Losses.klToStandardNormalFreeBits(mu, logVar, 0f).getFloat(), 1e-6f);
            mu.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray kl = Losses.klToStandardNormalFreeBits(mu, logVar, 0.5f);
                assertEquals(0.5f + 2f, kl.getFloat(), 1e-6f);
                gc.backward(kl);
            }
            // d/dmu of mean over 2 rows of mu^2 / 2 = mu / 2 above the floor, 0 below it
            assertArrayEquals(new float[] {0, 1, 0, 1}, mu.getGradient().toFloatArray(), 1e-6f);
        }
    }
}
