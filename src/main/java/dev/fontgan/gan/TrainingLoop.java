package dev.fontgan.gan;

import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.Progress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Trains a {@link Trainable} into a run folder: writes the config of a fresh run or resumes from
 * the newest checkpoint (dropping metrics logged after it), then per iteration logs metrics,
 * writes sample grids and checkpoints on schedule, stops on a diverged loss (keeping the last good
 * checkpoint) or on a {@link StopSignal} (after saving one). Every trainer in the project uses it.
 *
 * <pre>{@code
 * TrainingLoop.Result r = new TrainingLoop(runDir, schedule, progress, stop)
 *         .run("bicycle", steps, resume, () -> new BicycleTrainer(...), t -> configJson(t));
 * }</pre>
 */
public final class TrainingLoop {
    /** A logged value above this (or not finite) stops training as diverged. */
    public static final float EXPLODED = 1e6f;

    /**
     * How often the loop writes: a metrics line every {@code logEvery} iterations, a sample grid
     * every {@code sampleEvery} and a checkpoint every {@code checkpointEvery} (0: only at the end),
     * keeping the newest {@code keepCheckpoints}.
     */
    public record Schedule(int logEvery, int sampleEvery, int checkpointEvery, int keepCheckpoints) {
        public Schedule {
            if (logEvery < 1 || sampleEvery < 0 || checkpointEvery < 0 || keepCheckpoints < 1) {
                throw new IllegalArgumentException("bad schedule " + logEvery + "/" + sampleEvery + "/"
                        + checkpointEvery + "/" + keepCheckpoints);
            }
        }
    }

    /**
     * What {@link #run} did: iterations at start and end, the last iteration's logged values
     * (null when none ran), the newest checkpoint (null when none) and whether a stop signal ended it.
     */
    public record Result(long startStep, long endStep, Map<String, Float> last, Path checkpoint, boolean stopped) {}

    private final RunDirectory run;
    private final Schedule schedule;
    private final Progress progress;
    private final StopSignal stop;

    /** @param stop null when nothing can ask the loop to stop early */
    public TrainingLoop(Path runDir, Schedule schedule, Progress progress, StopSignal stop) {
        this.run = new RunDirectory(runDir, schedule.keepCheckpoints());
        this.schedule = schedule;
        this.progress = progress;
        this.stop = stop;
    }

    public RunDirectory runDirectory() {
        return run;
    }

    /**
     * Trains until {@code steps} iterations are done. Without {@code resume} the folder must not
     * hold a run yet. The trainable is made only after that check, and closed at the end. A run
     * always ends with a checkpoint (with 0 steps, of the untrained model).
     *
     * @param name the task name on the progress bar
     * @param config what {@code config.json} of a fresh run holds, given the new trainable
     */
    public <T extends Trainable> Result run(String name, long steps, boolean resume, Supplier<T> trainable,
            Function<? super T, Map<String, Object>> config) {
        if (!resume && run.exists()) {
            throw new FontganException(run.dir(), "already holds a run; use --resume to continue it or choose another --out");
        }
        try (T t = trainable.get()) {
            Optional<Path> newest = resume ? run.checkpoints().newest() : Optional.empty();
            if (newest.isPresent()) {
                t.restore(Checkpoints.read(newest.get()), newest.get());
                run.truncateMetricsAfter(t.step());
                recordResumedConfig(config.apply(t), t.step());
            } else {
                run.writeConfig(config.apply(t));
            }
            long start = t.step();
            Path checkpoint = newest.orElse(null);
            Map<String, Float> last = null;
            boolean stopped = false;
            long began = System.nanoTime();
            progress.start(name, steps);
            progress.resumeAt(start);
            try {
                while (t.step() < steps) {
                    Map<String, Float> logged = t.runIteration();
                    long s = t.step();
                    if (!finite(logged)) {
                        throw new FontganException(run.dir(), "training diverged at step " + s + " ("
                                + Json.write(logged) + "); the last good checkpoint is "
                                + (checkpoint == null ? "none" : checkpoint.getFileName()));
                    }
                    last = logged;
                    progress.advance(1);
                    progress.status(t.status(logged));
                    if (s % schedule.logEvery() == 0 || s == steps) {
                        run.appendMetrics(metricsLine(s, logged, (System.nanoTime() - began) / 1e9));
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
                if (checkpoint == null) {
                    // nothing to do (0 steps): still leave a checkpoint, e.g. to measure the untrained model
                    checkpoint = run.checkpoints().save(t.step(), t.checkpointParts());
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

    /**
     * A resumed run may take other settings than its config says (rate, loss weights): then the new
     * settings become config.json, with the step they start at and the earlier config under
     * "previous", so the folder always tells what trained its newest steps.
     */
    private void recordResumedConfig(Map<String, Object> now, long step) {
        if (!java.nio.file.Files.isRegularFile(run.configFile())) {
            run.writeConfig(now);
            return;
        }
        Map<String, Object> old = run.readConfig();
        Map<String, Object> oldSettings = new LinkedHashMap<>(old);
        oldSettings.remove("resumed_at_step");
        oldSettings.remove("previous");
        if (!Json.parseObject(Json.write(now), "config").equals(oldSettings)) {
            Map<String, Object> updated = new LinkedHashMap<>(now);
            updated.put("resumed_at_step", step);
            updated.put("previous", old);
            run.writeConfig(updated);
        }
    }

    /** True when every value is finite and below {@link #EXPLODED} in magnitude. */
    public static boolean finite(Map<String, Float> logged) {
        for (float v : logged.values()) {
            if (!Float.isFinite(v) || Math.abs(v) > EXPLODED) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Object> metricsLine(long step, Map<String, Float> logged, double elapsedS) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("step", step);
        for (Map.Entry<String, Float> e : logged.entrySet()) {
            line.put(e.getKey(), (double) e.getValue());
        }
        line.put("elapsed_s", elapsedS);
        return line;
    }
}
