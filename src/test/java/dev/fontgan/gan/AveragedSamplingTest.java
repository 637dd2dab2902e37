package dev.fontgan.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.fontgan.TorchRuntime;
import dev.fontgan.gan.variants.Variants;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A run that keeps a moving average must sample, once reloaded, with that average. */
class AveragedSamplingTest {
    @BeforeAll
    static void engine() {
        TorchRuntime.configure();
    }

    /** Samples four images from one fixed noise batch (the same numbers for every players object). */
    private static float[] sample(Players players, long seed) {
        int width = players.config().latentDim();
        float[] z = new float[4 * width];
        Random r = new Random(seed);
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) r.nextGaussian();
        }
        try (NDArray input = players.manager().create(z, new Shape(4, width));
                NDArray out = players.sample(input, null)) {
            return out.toFloatArray();
        }
    }

    @Test
    void reloadedRunSamplesWithTheSavedAverageNotTheInitialWeights() {
        GanData data = GanFixtures.classGlyphs();
        VariantConfig c = GanFixtures.config(data).withAverageDecay(0.5f);
        Map<String, byte[]> parts;
        float[] trainedSample;
        float[] untrainedSample;
        try (Players trained = Variants.named("dcgan").build(c)) {
            untrainedSample = sample(trained, 3);
            // stand-in for training: move every weight, then let the average follow twice
            for (var p : trained.generator().getParameters()) {
                if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                    p.getValue().getArray().muli(1.7f);
                }
            }
            trained.average().update();
            trained.average().update();
            trainedSample = sample(trained, 3);
            parts = trained.save();
        }
        float diff = 0;
        for (int i = 0; i < trainedSample.length; i++) {
            diff = Math.max(diff, Math.abs(trainedSample[i] - untrainedSample[i]));
        }
        assertTrue(diff > 1e-3f, "the stand-in training must change the averaged samples");
        try (Players reloaded = Variants.named("dcgan").build(c)) {
            reloaded.loadGeneratorForSampling(parts, Path.of("test.ckpt"));
            assertArrayEquals(trainedSample, sample(reloaded, 3), 1e-5f);
        }
    }
}
