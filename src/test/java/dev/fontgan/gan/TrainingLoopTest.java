package dev.fontgan.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fontgan.FontganException;
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

class TrainingLoopTest {
    /** A session whose loss is 1 / (step + 1), NaN at {@code nanAt}; its state is the step alone. */
    static final class Counter implements TrainingLoop.Session {
        final long nanAt;
        final StopSignal stopAfterFirst;
        long step;

        Counter(long nanAt, StopSignal stopAfterFirst) {
            this.nanAt = nanAt;
            this.stopAfterFirst = stopAfterFirst;
        }

        @Override
        public long step() {
            return step;
        }

        @Override
        public Map<String, Float> iterate() {
            step++;
            if (stopAfterFirst != null) {
                stopAfterFirst.request();
            }
            Map<String, Float> l = new LinkedHashMap<>();
            l.put("loss", step == nanAt ? Float.NaN : 1f / step);
            return l;
        }

        @Override
        public Map<String, byte[]> checkpointParts() {
            return Map.of("step", Long.toString(step).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void restore(Map<String, byte[]> parts, Path file) {
            step = Long.parseLong(new String(Checkpoints.part(parts, "step", file), StandardCharsets.UTF_8));
        }

        @Override
        public BufferedImage sampleGrid() {
            return new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        }

        @Override
        public void close() {}
    }

    private static TrainingLoop.Result run(Path dir, long steps, boolean resume, long nanAt, StopSignal stop) {
        return TrainingLoop.run("counter", () -> new Counter(nanAt, stop), s -> Map.of("note", "test"),
                new TrainingLoop.Schedule(1, 3, 2, 2), dir, steps, resume, Progress.NONE, stop);
    }

    @Test
    void aNanLossStopsTrainingNamingTheLastGoodCheckpoint(@TempDir Path dir) {
        FontganException e = assertThrows(FontganException.class, () -> run(dir, 10, false, 5, null));
        assertTrue(e.getMessage().contains("diverged at step 5"), e.getMessage());
        assertTrue(e.getMessage().contains("step-00000004.ckpt"), e.getMessage());
    }

    @Test
    void aStopRequestSavesACheckpointAndResumeContinues(@TempDir Path dir) throws Exception {
        TrainingLoop.Result r = run(dir, 10, false, -1, new StopSignal());
        assertTrue(r.stopped());
        assertEquals(1, r.endStep());
        assertEquals("step-00000001.ckpt", r.checkpoint().getFileName().toString());
        TrainingLoop.Result rest = run(dir, 6, true, -1, null);
        assertEquals(1, rest.startStep());
        assertEquals(6, rest.endStep());
        List<String> metrics = Files.readAllLines(dir.resolve("metrics.jsonl"));
        assertEquals(6, metrics.size());
        assertTrue(Files.readString(dir.resolve("config.json")).contains("\"kind\": \"counter\""));
        assertTrue(Files.exists(dir.resolve("samples/step-000006.png")));
        // two checkpoints kept: 4 and 6
        assertEquals(List.of("step-00000004.ckpt", "step-00000006.ckpt"),
                new RunDirectory(dir, 2).checkpoints().list().stream().map(p -> p.getFileName().toString()).toList());
        FontganException other = assertThrows(FontganException.class, () -> TrainingLoop.run("other",
                () -> new Counter(-1, null), s -> Map.of(), new TrainingLoop.Schedule(1, 0, 0, 1), dir, 8, true,
                Progress.NONE, null));
        assertTrue(other.getMessage().contains("run trains counter"), other.getMessage());
    }
}
