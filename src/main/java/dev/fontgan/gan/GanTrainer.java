package dev.fontgan.gan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.Progress;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The shared GAN training loop: per iteration a fresh NDManager, the engine re-seeded with
 * (seed, iteration), the iteration's batch, and the variant's recipe of D and G updates. Runs
 * into a {@link RunDirectory}: config, metrics.jsonl, fixed-seed sample grids, checkpoints with
 * optimizer state; resume continues exactly where the newest checkpoint stopped.
 */
public final class GanTrainer implements AutoCloseable {
    /** A loss above this (or not finite) stops training as diverged. */
    public static final float EXPLODED = 1e6f;

    private final Variant variant;
    private final VariantConfig config;
    private final GanData data;
    private final Players players;
    private long step;

    public GanTrainer(Variant variant, VariantConfig config, GanData data) {
        if (config.sizePx() != data.sizePx()) {
            throw new IllegalArgumentException("config is for " + config.sizePx() + " px, data is " + data.sizePx());
        }
        this.variant = variant;
        this.config = config;
        this.data = data;
        this.players = variant.build(config);
    }

    public Players players() {
        return players;
    }

    public Variant variant() {
        return variant;
    }

    public VariantConfig config() {
        return config;
    }

    /** Iterations done so far. */
    public long step() {
        return step;
    }

    /** Runs one iteration and returns its recorded losses. */
    public Map<String, Float> iterate() {
        Map<String, Float> losses;
        try (NDManager sub = players.manager().newSubManager()) {
            Engine.getInstance().setRandomSeed((int) (config.seed() * 1_000_003L + step));
            Batch b = data.batch(step, config.batchSize(), sub);
            Step s = new Step(players, sub, step, config.seed(), data, b);
            variant.iterate(players, b, s);
            losses = new LinkedHashMap<>(s.losses());
        }
        step++;
        return losses;
    }

    static boolean finite(Map<String, Float> losses) {
        for (float v : losses.values()) {
            if (!Float.isFinite(v) || Math.abs(v) > EXPLODED) {
                return false;
            }
        }
        return true;
    }

    /** The sample grid of the fixed samples (see {@link SampleSheet}). */
    public BufferedImage sampleGrid() {
        return SampleSheet.grid(variant, players, data, -1);
    }

    /** Everything needed to resume. */
    public Map<String, byte[]> checkpointParts() {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("state.json", Json.pretty(Json.obj("kind", "gan", "variant", variant.name(), "step", step,
                "config", config.toJson())).getBytes(StandardCharsets.UTF_8));
        parts.putAll(players.save());
        return parts;
    }

    /** Restores a checkpoint of the same variant and configuration. */
    public void restore(Map<String, byte[]> parts, Path file) {
        Map<String, Object> state = Json.parseObject(
                new String(Checkpoints.part(parts, "state.json", file), StandardCharsets.UTF_8), file.toString());
        if (!"gan".equals(state.get("kind")) || !variant.name().equals(state.get("variant"))) {
            throw new FontganException(file, "checkpoint is for " + state.get("kind") + " " + state.get("variant")
                    + ", this run trains " + variant.name());
        }
        players.load(parts, file);
        step = ((Number) state.get("step")).longValue();
    }

    /** What {@link #train} did. */
    public record Result(long startStep, long endStep, Map<String, Float> last, Path checkpoint, boolean stopped) {}

    /**
     * Trains into a run folder until {@code steps} iterations are done. With {@code resume} it
     * continues from the newest checkpoint and drops metrics logged after it.
     */
    public static Result train(Variant variant, VariantConfig config, GanData data, Path runDir, long steps,
            boolean resume, Progress progress, StopSignal stop) {
        RunDirectory run = new RunDirectory(runDir, config.keepCheckpoints());
        if (!resume && run.exists()) {
            throw new FontganException(runDir, "already holds a run; use --resume to continue it or choose another --out");
        }
        if (resume && run.exists()) {
            Map<String, Object> saved = run.readConfig();
            if (!variant.name().equals(saved.get("variant"))) {
                throw new FontganException(run.configFile(), "run trains " + saved.get("variant") + ", not "
                        + variant.name());
            }
        }
        try (GanTrainer t = new GanTrainer(variant, config, data)) {
            Optional<Path> newest = resume ? run.checkpoints().newest() : Optional.empty();
            if (newest.isPresent()) {
                t.restore(Checkpoints.read(newest.get()), newest.get());
                run.truncateMetricsAfter(t.step());
            } else {
                Map<String, Object> cfg = new LinkedHashMap<>();
                cfg.put("kind", "gan");
                cfg.put("variant", variant.name());
                cfg.put("data", data.describe());
                cfg.put("config", config.toJson());
                cfg.putAll(t.players().parameterCounts());
                run.writeConfig(cfg);
            }
            long start = t.step();
            Path checkpoint = newest.orElse(null);
            Map<String, Float> last = null;
            boolean stopped = false;
            long began = System.nanoTime();
            progress.start(variant.name(), steps);
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
                    if (s % config.logEvery() == 0 || s == steps) {
                        Map<String, Object> line = new LinkedHashMap<>();
                        line.put("step", s);
                        for (Map.Entry<String, Float> e : l.entrySet()) {
                            line.put(e.getKey(), (double) e.getValue());
                        }
                        line.put("elapsed_s", (System.nanoTime() - began) / 1e9);
                        run.appendMetrics(line);
                    }
                    if (config.sampleEvery() > 0 && (s % config.sampleEvery() == 0 || s == steps)) {
                        run.writeSample(s, t.sampleGrid());
                    }
                    boolean stopping = stop != null && stop.requested();
                    if ((config.checkpointEvery() > 0 && s % config.checkpointEvery() == 0) || s == steps || stopping) {
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

    private static String status(Map<String, Float> l) {
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

    @Override
    public void close() {
        players.close();
    }
}
