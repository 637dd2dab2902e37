package dev.fontgan.zi2zi;

import dev.fontgan.Json;
import dev.fontgan.data.SyntheticPairs;
import java.util.Arrays;
import java.util.Map;

/** Times training iterations (1 D step + G steps) on synthetic data: median of timed iterations. */
public final class Zi2ziBenchmark {
    private Zi2ziBenchmark() {}

    public static Map<String, Object> run(Zi2ziArch arch, int batch, int sizePx, int styles, int warmup, int iterations) {
        Zi2ziConfig config = Zi2ziConfig.defaults().withArch(arch).withBatchSize(batch);
        SyntheticPairs data = new SyntheticPairs(sizePx, styles, 32, 1);
        try (Zi2ziTrainer t = new Zi2ziTrainer(config, data)) {
            for (int i = 0; i < warmup; i++) {
                t.iterate();
            }
            double[] ms = new double[iterations];
            for (int i = 0; i < iterations; i++) {
                long t0 = System.nanoTime();
                t.iterate();
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            double median = sorted[iterations / 2];
            return Json.obj("images_per_s", batch * 1000.0 / median, "arch", arch.id(),
                    "params", t.model().generatorParameterCount() + t.model().discriminatorParameterCount(),
                    "g_params", t.model().generatorParameterCount(), "d_params", t.model().discriminatorParameterCount(),
                    "batch", batch, "size", sizePx, "styles", styles, "ms_per_step", median,
                    "min_ms_per_step", sorted[0], "g_steps_per_d", config.generatorSteps(), "iterations", iterations,
                    "threads", Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors()));
        }
    }
}
