package dev.fontgan.zi2zi;

import dev.fontgan.Json;
import dev.fontgan.data.SyntheticPairs;
import dev.fontgan.nn.MatmulPeak;
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
            double[] cpuMs = new double[iterations];
            for (int i = 0; i < iterations; i++) {
                long t0 = System.nanoTime();
                long c0 = MatmulPeak.processCpuNanos();
                t.iterate();
                ms[i] = (System.nanoTime() - t0) / 1e6;
                cpuMs[i] = (MatmulPeak.processCpuNanos() - c0) / 1e6;
            }
            Arrays.sort(cpuMs);
            double imagesPerCpuS = batch * 1000.0 / cpuMs[iterations / 2];
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            double median = sorted[iterations / 2];
            double imagesPerS = batch * 1000.0 / median;
            long flops = Zi2ziFlops.trainingIteration(arch, sizePx, styles, config.generatorSteps());
            MatmulPeak.Result peak1 = MatmulPeak.measure(2048, 1, 3);
            MatmulPeak.Result peak2 = MatmulPeak.measure(2048, 2, 3);
            return Json.obj("images_per_s", batch * 1000.0 / median, "arch", arch.id(),
                    "params", t.model().generatorParameterCount() + t.model().discriminatorParameterCount(),
                    "g_params", t.model().generatorParameterCount(), "d_params", t.model().discriminatorParameterCount(),
                    "batch", batch, "size", sizePx, "styles", styles, "ms_per_step", median,
                    "min_ms_per_step", sorted[0], "g_steps_per_d", config.generatorSteps(), "iterations", iterations,
                    "flops_per_image_iteration", flops,
                    "gflops_per_s", imagesPerS * flops / 1e9, "peak_gflops_1_thread", peak1.perSecond(),
                    "peak_gflops_2_threads", peak2.perSecond(), "fraction_of_peak", imagesPerS * flops / 1e9 / peak2.perSecond(),
                    // per CPU second: what the shared, loaded machine distorts least
                    "images_per_cpu_s", imagesPerCpuS, "gflops_per_cpu_s", imagesPerCpuS * flops / 1e9,
                    "peak_gflops_per_cpu_s", peak1.perCpuSecond(),
                    "fraction_of_peak_per_cpu_s", imagesPerCpuS * flops / 1e9 / peak1.perCpuSecond(),
                    "threads", Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors()));
        }
    }
}
