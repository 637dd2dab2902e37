package dev.fontgan.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fontgan.FontganException;
import dev.fontgan.Progress;
import dev.fontgan.TorchRuntime;
import dev.fontgan.gan.variants.Variants;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GanTrainerTest {
    @BeforeAll
    static void engine() {
        TorchRuntime.configure();
    }

    private static List<String> metricLines(Path run) throws Exception {
        return Files.readAllLines(run.resolve("metrics.jsonl")).stream()
                .map(l -> l.replaceAll(",\"elapsed_s\":[^,}]*", "")).toList();
    }

    @Test
    void resumeContinuesTheLossCurveExactly(@TempDir Path tmp) throws Exception {
        Variant v = Variants.named("wgan-gp");
        GanData data = GanFixtures.classGlyphs();
        VariantConfig c = GanFixtures.config(data).withAverageDecay(0.9f).withSchedule(1, 3, 3);
        Path whole = tmp.resolve("whole");
        GanTrainer.train(v, c, data, whole, 6, false, Progress.NONE, null);
        Path parts = tmp.resolve("parts");
        GanTrainer.train(Variants.named("wgan-gp"), c, data, parts, 3, false, Progress.NONE, null);
        assertThrows(FontganException.class,
                () -> GanTrainer.train(Variants.named("wgan-gp"), c, data, parts, 6, false, Progress.NONE, null));
        TrainingLoop.Result r = GanTrainer.train(Variants.named("wgan-gp"), c, data, parts, 6, true, Progress.NONE, null);
        assertEquals(3, r.startStep());
        assertEquals(6, r.endStep());
        List<String> a = metricLines(whole);
        List<String> b = metricLines(parts);
        assertEquals(6, a.size());
        assertEquals(a, b, "the resumed run must log exactly the uninterrupted run's losses");
        assertTrue(Files.exists(parts.resolve("samples/step-000006.png")));
        assertTrue(Files.exists(parts.resolve("checkpoints/step-00000006.ckpt")));
    }

    @Test
    void stopSignalSavesACheckpointAndEndsEarly(@TempDir Path tmp) {
        GanData data = GanFixtures.classGlyphs();
        StopSignal stop = new StopSignal();
        stop.request();
        TrainingLoop.Result r = GanTrainer.train(Variants.named("dcgan"), GanFixtures.config(data), data,
                tmp.resolve("run"), 100, false, Progress.NONE, stop);
        assertTrue(r.stopped());
        assertEquals(1, r.endStep());
        assertTrue(Files.exists(tmp.resolve("run/checkpoints/step-00000001.ckpt")));
    }
}
