package dev.fontgan.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.Progress;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop on a stand-in trainable without tensors: a "loss" of 1/(step+1) that can be made to blow up. */
class TrainingLoopTest {
    static final class Countdown implements Trainable {
        final long divergeAt;
        long step;
        boolean closed;

        Countdown(long divergeAt) {
            this.divergeAt = divergeAt;
        }

        @Override public long step() {
            return step;
        }

        @Override public Map<String, Float> runIteration() {
            step++;
            Map<String, Float> m = new LinkedHashMap<>();
            m.put("loss", step == divergeAt ? Float.NaN : 1f / step);
            return m;
        }

        @Override public BufferedImage sampleGrid() {
            return new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        }

        @Override public Map<String, byte[]> checkpointParts() {
            return Map.of("state.json", Json.write(Json.obj("step", step)).getBytes(StandardCharsets.UTF_8));
        }

        @Override public void restore(Map<String, byte[]> parts, Path file) {
            step = ((Number) Json.parseObject(new String(parts.get("state.json"), StandardCharsets.UTF_8), "t")
                    .get("step")).longValue();
        }

        @Override public void close() {
            closed = true;
        }
    }

    private static final TrainingLoop.Schedule EVERY_2 = new TrainingLoop.Schedule(1, 2, 2, 2);

    @Test
    void divergedLossStopsAndNamesTheLastGoodCheckpoint(@TempDir Path tmp) {
        Countdown c = new Countdown(5);
        FontganException e = assertThrows(FontganException.class, () -> new TrainingLoop(tmp, EVERY_2, Progress.NONE,
                null).run("t", 10, false, () -> c, t -> Map.of("kind", "test")));
        assertTrue(e.getMessage().contains("diverged at step 5"), e.getMessage());
        assertTrue(e.getMessage().contains("step-00000004.ckpt"), e.getMessage());
        assertTrue(c.closed, "the loop closes what it trained");
        assertTrue(Files.exists(tmp.resolve("checkpoints/step-00000004.ckpt")));
        assertFalse(Files.exists(tmp.resolve("checkpoints/step-00000005.ckpt")), "no checkpoint of a diverged step");
    }

    @Test
    void zeroStepsStillLeavesACheckpointOfTheUntrainedModel(@TempDir Path tmp) {
        TrainingLoop.Result r = new TrainingLoop(tmp, EVERY_2, Progress.NONE, null)
                .run("t", 0, false, () -> new Countdown(-1), t -> Map.of("kind", "test"));
        assertEquals(0, r.endStep());
        assertEquals(null, r.last());
        assertTrue(Files.exists(tmp.resolve("checkpoints/step-00000000.ckpt")));
        assertFalse(Files.exists(tmp.resolve("metrics.jsonl")));
    }

    @Test
    void resumeDropsMetricsAfterTheCheckpointAndKeepsTheNewestK(@TempDir Path tmp) throws Exception {
        new TrainingLoop(tmp, new TrainingLoop.Schedule(1, 0, 4, 2), Progress.NONE, null)
                .run("t", 6, false, () -> new Countdown(-1), t -> Map.of("kind", "test"));
        // as after a crash at step 6 before its checkpoint: metrics reach 6, newest checkpoint is 4
        Files.delete(tmp.resolve("checkpoints/step-00000006.ckpt"));
        TrainingLoop.Result r = new TrainingLoop(tmp, EVERY_2, Progress.NONE, null)
                .run("t", 8, true, () -> new Countdown(-1), t -> Map.of("kind", "unused"));
        assertEquals(4, r.startStep());
        assertEquals(8, r.endStep());
        assertEquals(1f / 8, r.last().get("loss"));
        List<String> steps = Files.readAllLines(tmp.resolve("metrics.jsonl")).stream()
                .map(l -> String.valueOf(Json.parseObject(l, "m").get("step"))).toList();
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8"), steps);
        // the resumed settings differ: they become the config, the first one kept under "previous"
        Map<String, Object> config = Json.parseObject(Files.readString(tmp.resolve("config.json")), "c");
        assertEquals("unused", config.get("kind"));
        assertEquals(4L, ((Number) config.get("resumed_at_step")).longValue());
        assertEquals(Map.of("kind", "test"), config.get("previous"));
        try (var files = Files.list(tmp.resolve("checkpoints"))) {
            assertEquals(List.of("step-00000006.ckpt", "step-00000008.ckpt"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertTrue(Files.exists(tmp.resolve("samples/step-000008.png")));
    }

    @Test
    void resumingWithTheSameSettingsLeavesTheConfigAsItWas(@TempDir Path tmp) throws Exception {
        new TrainingLoop(tmp, EVERY_2, Progress.NONE, null)
                .run("t", 2, false, () -> new Countdown(-1), t -> Map.of("kind", "test", "lr", 0.5));
        String before = Files.readString(tmp.resolve("config.json"));
        new TrainingLoop(tmp, EVERY_2, Progress.NONE, null)
                .run("t", 4, true, () -> new Countdown(-1), t -> Map.of("kind", "test", "lr", 0.5));
        assertEquals(before, Files.readString(tmp.resolve("config.json")));
    }
}
