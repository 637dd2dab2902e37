package dev.fontgan.gan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.Progress;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shared GAN training loop: per iteration a fresh NDManager, the engine re-seeded with
 * (seed, iteration), the iteration's batch, and the variant's recipe of D and G updates. Runs
 * into a {@link RunDirectory}: config, metrics.jsonl, fixed-seed sample grids, checkpoints with
 * optimizer state; resume continues exactly where the newest checkpoint stopped.
 */
public final class GanTrainer implements Trainable {
    private final Variant variant;
    private final VariantConfig config;
    private final GanData data;
    private final Players players;
    /** Skips updates with a non-finite gradient (they would freeze Adam's moments); stops after many. */
    private final UpdateGuard guard = new UpdateGuard("gan train");
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

    @Override
    public long step() {
        return step;
    }

    /** Runs one iteration and returns its recorded losses. */
    @Override
    public Map<String, Float> runIteration() {
        Map<String, Float> losses;
        try (NDManager sub = players.manager().newSubManager()) {
            Engine.getInstance().setRandomSeed((int) (config.seed() * 1_000_003L + step));
            Batch b = data.batch(step, config.batchSize(), sub);
            Step s = new Step(players, sub, step, config.seed(), data, b, guard);
            variant.iterate(players, b, s);
            guard.endIteration(step + 1);
            losses = new LinkedHashMap<>(s.losses());
            if (guard.skipped() > 0) {
                losses.put("skipped", (float) guard.skipped()); // since this process started
            }
        }
        step++;
        return losses;
    }

    /** The sample grid of the fixed samples (see {@link SampleSheet}). */
    @Override
    public BufferedImage sampleGrid() {
        return SampleSheet.grid(variant, players, data, -1);
    }

    @Override
    public Map<String, byte[]> checkpointParts() {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("state.json", Json.pretty(Json.obj("kind", "gan", "variant", variant.name(), "step", step,
                "config", config.toJson())).getBytes(StandardCharsets.UTF_8));
        parts.putAll(players.save());
        return parts;
    }

    /** Restores a checkpoint of the same variant and configuration. */
    @Override
    public void restore(Map<String, byte[]> parts, Path file) {
        Map<String, Object> state = Json.parseObject(
                new String(Checkpoints.part(parts, "state.json", file), StandardCharsets.UTF_8), file.toString());
        if (!"gan".equals(state.get("kind")) || !variant.name().equals(state.get("variant"))) {
            throw new FontganException(file, "checkpoint is for " + state.get("kind") + " " + state.get("variant")
                    + ", this run trains " + variant.name());
        }
        players.load(parts, file);
        UpdateGuard.requireFiniteState(file, "start a new run", players.generatorOptimizer(),
                players.criticOptimizer(), players.auxiliaryOptimizer());
        step = ((Number) state.get("step")).longValue();
    }

    /**
     * Trains into a run folder until {@code steps} iterations are done (see {@link TrainingLoop}).
     * With {@code resume} it continues from the newest checkpoint of a run of the same variant.
     */
    public static TrainingLoop.Result train(Variant variant, VariantConfig config, GanData data, Path runDir,
            long steps, boolean resume, Progress progress, StopSignal stop) {
        TrainingLoop loop = new TrainingLoop(runDir, config.loopSchedule(), progress, stop);
        RunDirectory run = loop.runDirectory();
        if (resume && run.exists()) {
            Map<String, Object> saved = run.readConfig();
            if (!variant.name().equals(saved.get("variant"))) {
                throw new FontganException(run.configFile(), "run trains " + saved.get("variant") + ", not "
                        + variant.name());
            }
        }
        return loop.run(variant.name(), steps, resume, () -> new GanTrainer(variant, config, data), t -> {
            Map<String, Object> cfg = new LinkedHashMap<>();
            cfg.put("kind", "gan");
            cfg.put("variant", variant.name());
            cfg.put("data", data.describe());
            cfg.put("config", config.toJson());
            cfg.putAll(t.players().parameterCounts());
            return cfg;
        });
    }

    @Override
    public void close() {
        players.close();
    }
}
