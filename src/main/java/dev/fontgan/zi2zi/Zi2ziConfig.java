package dev.fontgan.zi2zi;

import dev.fontgan.Json;
import dev.fontgan.gan.LearningRate;
import java.util.Map;

/**
 * Training settings for zi2zi. Loss weights follow the paper's code: L1 100, encoding
 * consistency 15, category 1; Adam lr 1e-3, beta1 0.5; one D step then two G steps.
 */
public record Zi2ziConfig(Zi2ziArch arch, int batchSize, float learningRate, long halveEvery, float learningRateFloor,
        float l1Weight, float constWeight, float categoryWeight, float tvWeight, int generatorSteps,
        boolean shuffleLabels, long seed, int sampleEvery, int checkpointEvery, int keepCheckpoints, int logEvery,
        float dropout) {

    public static Zi2ziConfig defaults() {
        return new Zi2ziConfig(Zi2ziArch.DEFAULT, 16, 1e-3f, 4000, 2e-4f, 100f, 15f, 1f, 1e-4f, 2, false, 1,
                500, 500, 3, 10, 0.5f);
    }

    public Zi2ziConfig withArch(Zi2ziArch a) {
        return new Zi2ziConfig(a, batchSize, learningRate, halveEvery, learningRateFloor, l1Weight, constWeight,
                categoryWeight, tvWeight, generatorSteps, shuffleLabels, seed, sampleEvery, checkpointEvery,
                keepCheckpoints, logEvery, dropout);
    }

    public Zi2ziConfig withBatchSize(int b) {
        return new Zi2ziConfig(arch, b, learningRate, halveEvery, learningRateFloor, l1Weight, constWeight,
                categoryWeight, tvWeight, generatorSteps, shuffleLabels, seed, sampleEvery, checkpointEvery,
                keepCheckpoints, logEvery, dropout);
    }

    public Zi2ziConfig withLearningRate(float lr, long every, float floor) {
        return new Zi2ziConfig(arch, batchSize, lr, every, floor, l1Weight, constWeight, categoryWeight, tvWeight,
                generatorSteps, shuffleLabels, seed, sampleEvery, checkpointEvery, keepCheckpoints, logEvery, dropout);
    }

    public Zi2ziConfig withSeed(long s) {
        return new Zi2ziConfig(arch, batchSize, learningRate, halveEvery, learningRateFloor, l1Weight, constWeight,
                categoryWeight, tvWeight, generatorSteps, shuffleLabels, s, sampleEvery, checkpointEvery,
                keepCheckpoints, logEvery, dropout);
    }

    public Zi2ziConfig withSchedule(int sampleEvery, int checkpointEvery, int logEvery) {
        return new Zi2ziConfig(arch, batchSize, learningRate, halveEvery, learningRateFloor, l1Weight, constWeight,
                categoryWeight, tvWeight, generatorSteps, shuffleLabels, seed, sampleEvery, checkpointEvery,
                keepCheckpoints, logEvery, dropout);
    }

    public Zi2ziConfig withLosses(float tv, boolean shuffle) {
        return new Zi2ziConfig(arch, batchSize, learningRate, halveEvery, learningRateFloor, l1Weight, constWeight,
                categoryWeight, tv, generatorSteps, shuffle, seed, sampleEvery, checkpointEvery, keepCheckpoints,
                logEvery, dropout);
    }

    /** The generator's decoder dropout rate in training (zi2zi's 0.5; 0 = none). */
    public Zi2ziConfig withDropout(float rate) {
        return new Zi2ziConfig(arch, batchSize, learningRate, halveEvery, learningRateFloor, l1Weight, constWeight,
                categoryWeight, tvWeight, generatorSteps, shuffleLabels, seed, sampleEvery, checkpointEvery,
                keepCheckpoints, logEvery, rate);
    }

    public LearningRate schedule() {
        return LearningRate.halving(learningRate, halveEvery, learningRateFloor);
    }

    public Map<String, Object> toJson() {
        return Json.obj("arch", arch.id(), "batch", batchSize, "lr", (double) learningRate, "lr_halve_every", halveEvery,
                "lr_floor", (double) learningRateFloor, "l1_weight", (double) l1Weight, "const_weight",
                (double) constWeight, "category_weight", (double) categoryWeight, "tv_weight", (double) tvWeight,
                "g_steps_per_d", generatorSteps, "shuffle_labels", shuffleLabels, "seed", seed, "sample_every",
                sampleEvery, "checkpoint_every", checkpointEvery, "keep_checkpoints", keepCheckpoints, "log_every",
                logEvery, "dropout", (double) dropout);
    }
}
