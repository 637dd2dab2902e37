package dev.fontgan.gan;

import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.Progress;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The run-folder side of training any model: refuses to overwrite a run unless resuming, restores
 * the newest checkpoint, writes config.json on a fresh start, then iterates with a progress bar,
 * metrics.jsonl lines, sample grids and atomic checkpoints (the last K kept), stops on a
 * non-finite or exploding loss, and saves a checkpoint when a {@link StopSignal} (Ctrl-C) arrives.
 * A model's trainer only supplies one iteration and its state as a {@link Session}.
 */
public final class TrainingLoop {
    /** A loss above this (or not finite) stops training as diverged. */
    public static final float EXPLODED = 1e6f;

    private TrainingLoop() {}

    /** What the loop needs from a model's trainer. */
    public interface Session extends AutoCloseable {
        /** Iterations done so far. */
        long step();

        /** Runs one iteration and returns its named losses (insertion order is the display order). */
        Map<String, Float> iterate();

        /** Everything needed to resume exactly: weights, optimizer state, step. */
        Map<String, byte[]> checkpointParts();

        /** Restores {@link #checkpointParts()}; a mismatch is a {@link FontganException} naming {@code file}. */
        void restore(Map<String, byte[]> parts, Path file);

        /** A picture of the current outputs for {@code samples/}. */
        BufferedImage sampleGrid();

        @Override
        void close();
    }

    /**
     * How often to log, sample and checkpoint (0 = never for samples and checkpoints; the last step
     * always gets all three).
     */
    public record Schedule(int logEvery, int sampleEvery, int checkpointEvery, int keepCheckpoints) {}

    /** What a run did. */
    public record Result(long startStep, long endStep, Map<String, Float> last, Path checkpoint, boolean stopped) {}

    /**
     * Trains into {@code runDir} until {@code steps} iterations are done.
     * @param kind model kind, written to config.json and shown by the progress bar
     * @param sessions makes the trainer (after the run folder was checked)
     * @param config the config.json content of a fresh run, given the new session
     */
    public static Result run(String kind, Supplier<? extends Session> sessions,
            Function<Session, Map<String, Object>> config, Schedule schedule, Path runDir, long steps, boolean resume,
            Progress progress, StopSignal stop) {
        RunDirectory run = new RunDirectory(runDir, schedule.keepCheckpoints());
        if (!resume && run.exists()) {
            throw new FontganException(runDir, "already holds a run; use --resume to continue it or choose another --out");
        }
        if (resume && java.nio.file.Files.isRegularFile(run.configFile())
                && !kind.equals(run.readConfig().get("kind"))) {
            throw new FontganException(run.configFile(), "run trains " + run.readConfig().get("kind") + ", not " + kind);
        }
        try (Session t = sessions.get()) {
            Optional<Path> newest = resume ? run.checkpoints().newest() : Optional.empty();
            if (newest.isPresent()) {
                t.restore(Checkpoints.read(newest.get()), newest.get());
                run.truncateMetricsAfter(t.step());
            } else {
                Map<String, Object> cfg = new LinkedHashMap<>();
                cfg.put("kind", kind);
                cfg.putAll(config.apply(t));
                run.writeConfig(cfg);
            }
            long start = t.step();
            Path checkpoint = newest.orElse(null);
            Map<String, Float> last = null;
            boolean stopped = false;
            long began = System.nanoTime();
            progress.start(kind, steps);
            progress.resumeAt(start);
            try {
                while (t.step() < steps) {
                    Map<String, Float> l = t.iterate();
                    long s = t.step();
                    if (!finite(l)) {
                        throw new FontganException(runDir, "training diverged at step " + s + " (" + Json.write(l)
                                + "); the last good checkpoint is "
                                + (checkpoint == null ? "none" : checkpoint.getFileName()));
                    }
                    last = l;
                    progress.advance(1);
                    progress.status(status(l));
                    if (s % schedule.logEvery() == 0 || s == steps) {
                        Map<String, Object> line = new LinkedHashMap<>();
                        line.put("step", s);
                        for (Map.Entry<String, Float> e : l.entrySet()) {
                            line.put(e.getKey(), (double) e.getValue());
                        }
                        line.put("elapsed_s", (System.nanoTime() - began) / 1e9);
                        run.appendMetrics(line);
                    }
                    if (schedule.sampleEvery() > 0 && (s % schedule.sampleEvery() == 0 || s == steps)) {
                        run.writeSample(s, t.sampleGrid());
                    }
                    boolean stopping = stop != null && stop.requested();
                    if ((schedule.checkpointEvery() > 0 && s % schedule.checkpointEvery() == 0) || s == steps
                            || stopping) {
                        checkpoint = run.checkpoints().save(s, t.checkpointParts());
                    }
                    if (stopping) {
                        stopped = true;
                        break;
                    }
                }
            } finally {
                progress.close();
                if (stop != null) {
                    stop.finished();
                }
            }
            return new Result(start, t.step(), last, checkpoint, stopped);
        }
    }

    static boolean finite(Map<String, Float> losses) {
        for (float v : losses.values()) {
            if (!Float.isFinite(v) || Math.abs(v) > EXPLODED) {
                return false;
            }
        }
        return true;
    }

    /** The first few losses, short enough to sit beside a progress bar. */
    static String status(Map<String, Float> l) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Float> e : l.entrySet()) {
            if (b.length() > 60) {
                break;
            }
            b.append(b.length() == 0 ? "" : " ").append(e.getKey()).append(' ')
                    .append(String.format("%.3f", e.getValue()));
        }
        return b.toString();
    }
}
