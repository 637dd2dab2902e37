package dev.fontgan.gan;

import dev.fontgan.Json;
import java.util.Map;

/**
 * What a variant's networks are built for: image size, batch, noise width, classes of the data,
 * network width, the seed, and how often the trainer logs, samples and checkpoints.
 * @param width base channel count (DCGAN's ngf / ndf) or hidden width of MLPs / 8
 * @param averageDecay EMA decay of the generator's weights; 0 keeps no average
 * @param styleCount fonts of class-glyph data (the style ids a style-given variant reads); 0 otherwise
 */
public record VariantConfig(int sizePx, int batchSize, int latentDim, int classCount, int embeddingDim, int width,
        long seed, float averageDecay, int logEvery, int sampleEvery, int checkpointEvery, int keepCheckpoints,
        int styleCount) {

    public static VariantConfig defaults(int sizePx, int classCount) {
        return new VariantConfig(sizePx, 64, 64, classCount, 16, 32, 1, 0f, 10, 500, 500, 3, 0);
    }

    public VariantConfig withBatchSize(int b) {
        return new VariantConfig(sizePx, b, latentDim, classCount, embeddingDim, width, seed, averageDecay, logEvery,
                sampleEvery, checkpointEvery, keepCheckpoints, styleCount);
    }

    public VariantConfig withSeed(long s) {
        return new VariantConfig(sizePx, batchSize, latentDim, classCount, embeddingDim, width, s, averageDecay,
                logEvery, sampleEvery, checkpointEvery, keepCheckpoints, styleCount);
    }

    public VariantConfig withWidth(int w) {
        return new VariantConfig(sizePx, batchSize, latentDim, classCount, embeddingDim, w, seed, averageDecay,
                logEvery, sampleEvery, checkpointEvery, keepCheckpoints, styleCount);
    }

    public VariantConfig withAverageDecay(float d) {
        return new VariantConfig(sizePx, batchSize, latentDim, classCount, embeddingDim, width, seed, d, logEvery,
                sampleEvery, checkpointEvery, keepCheckpoints, styleCount);
    }

    public VariantConfig withSchedule(int log, int sample, int checkpoint) {
        return new VariantConfig(sizePx, batchSize, latentDim, classCount, embeddingDim, width, seed, averageDecay,
                log, sample, checkpoint, keepCheckpoints, styleCount);
    }

    /** This config for data of {@code styles} fonts. */
    public VariantConfig withStyleCount(int styles) {
        return new VariantConfig(sizePx, batchSize, latentDim, classCount, embeddingDim, width, seed, averageDecay,
                logEvery, sampleEvery, checkpointEvery, keepCheckpoints, styles);
    }

    /** When the training loop logs, samples and checkpoints. */
    public TrainingLoop.Schedule loopSchedule() {
        return new TrainingLoop.Schedule(logEvery, sampleEvery, checkpointEvery, keepCheckpoints);
    }

    public Map<String, Object> toJson() {
        return Json.obj("size_px", sizePx, "batch", batchSize, "latent_dim", latentDim, "classes", classCount,
                "embedding_dim", embeddingDim, "width", width, "seed", seed, "average_decay", (double) averageDecay,
                "log_every", logEvery, "sample_every", sampleEvery, "checkpoint_every", checkpointEvery,
                "keep_checkpoints", keepCheckpoints, "styles", styleCount);
    }

    public static VariantConfig fromJson(Map<String, Object> m) {
        return new VariantConfig(i(m, "size_px"), i(m, "batch"), i(m, "latent_dim"), i(m, "classes"),
                i(m, "embedding_dim"), i(m, "width"), ((Number) m.get("seed")).longValue(),
                ((Number) m.get("average_decay")).floatValue(), i(m, "log_every"), i(m, "sample_every"),
                i(m, "checkpoint_every"), i(m, "keep_checkpoints"),
                m.get("styles") instanceof Number n ? n.intValue() : 0); // older runs have no "styles"
    }

    private static int i(Map<String, Object> m, String k) {
        Object v = m.get(k);
        if (!(v instanceof Number n)) {
            throw new dev.fontgan.FontganException("config.json", "missing or non-numeric " + k);
        }
        return n.intValue();
    }
}
