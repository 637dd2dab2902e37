package dev.fontgan.bicycle;

import ai.djl.ndarray.NDArray;
import dev.fontgan.Json;
import dev.fontgan.data.SyntheticPairs;
import java.util.Arrays;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Times BicycleGAN training iterations (D + D2 step, then one G + E step) on synthetic data:
 * median of the timed iterations (wall, and the calling thread's CPU time, which is the whole CPU
 * cost with one torch thread), and the mean CPU time of the whole process per timed iteration. tools/bicycle_ref.py is the same iteration in PyTorch eager.
 */
public final class BicycleBenchmark {
    private BicycleBenchmark() {}

    /** CPU time of every thread of this process so far, in nanoseconds. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** @param features the feature-loss extractor, or null to time without the feature loss */
    public static Map<String, Object> run(BicycleArch arch, int batch, int sizePx, UnaryOperator<NDArray> features,
            int warmup, int iterations) {
        BicycleConfig.LossWeights w = BicycleConfig.LossWeights.defaults();
        BicycleConfig config = BicycleConfig.defaults().withArch(arch).withBatchSize(batch)
                .withWeights(features == null ? new BicycleConfig.LossWeights(w.gan(), w.gan2(), w.l1(), w.kl(),
                        w.latent(), w.tv(), 0, w.style(), w.modeSeeking()) : w);
        SyntheticPairs data = new SyntheticPairs(sizePx, 4, 32, 1);
        try (BicycleTrainer t = new BicycleTrainer(config, data, features)) {
            for (int i = 0; i < warmup; i++) {
                t.runIteration();
            }
            double[] ms = new double[iterations];
            double[] cpu = new double[iterations];
            // this thread's CPU time: with one torch thread every op runs here, and unlike wall time
            // it does not count time the machine gave to other work (a shared machine's noise)
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            // the whole process's CPU time (every torch thread): at two threads, the work both did
            long process0 = processCpuNanos();
            for (int i = 0; i < iterations; i++) {
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                t.runIteration();
                ms[i] = (System.nanoTime() - t0) / 1e6;
                cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
            }
            double processMs = (processCpuNanos() - process0) / 1e6 / iterations;
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            double median = sorted[iterations / 2];
            Arrays.sort(cpu);
            BicycleModel m = t.model();
            return Json.obj("images_per_s", batch * 1000.0 / median, "model", "bicycle", "arch", arch.toString(),
                    "g_params", m.generatorParameterCount(), "e_params", m.encoderParameterCount(),
                    "d_params", m.discriminatorParameterCount(), "feature_loss", features != null,
                    "batch", batch, "size", sizePx, "ms_per_step", median, "min_ms_per_step", sorted[0],
                    "iterations", iterations, "cpu_ms_per_step", cpu[iterations / 2],
                    "process_cpu_ms_per_step", processMs,
                    "threads", Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors()));
        }
    }
}
