package dev.fontgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Arrays;

/**
 * The engine's practical peak: GFLOP/s of a big square fp32 matrix product (the best case for the
 * CPU's FMA units), at a given intra-op thread count; the yardstick for achieved GFLOP/s.
 */
public final class MatmulPeak {
    private MatmulPeak() {}

    /** CPU time of the whole process (all threads), or 0 where the JVM cannot say. */
    public static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /**
     * @param perSecond GFLOP per wall second
     * @param perCpuSecond GFLOP per CPU second of the process (what a loaded shared machine does
     *     not distort much: on an idle machine it is the per-core rate)
     */
    public record Result(double perSecond, double perCpuSecond) {}

    /**
     * Median GFLOP/s of {@code repeats} products of two n x n matrices on {@code threads} threads
     * (the engine's thread count is restored afterwards).
     */
    public static Result measure(int n, int threads, int repeats) {
        int before = JniUtils.getNumThreads();
        JniUtils.setNumThreads(threads);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.randomUniform(-1, 1, new Shape(n, n));
            NDArray b = m.randomUniform(-1, 1, new Shape(n, n));
            a.matMul(b).close(); // warm-up: packing buffers, thread pool
            double[] s = new double[repeats];
            double[] cpu = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                long c0 = processCpuNanos();
                a.matMul(b).close();
                s[r] = (System.nanoTime() - t0) / 1e9;
                cpu[r] = (processCpuNanos() - c0) / 1e9;
            }
            Arrays.sort(s);
            Arrays.sort(cpu);
            double flops = 2.0 * n * n * n;
            return new Result(flops / s[repeats / 2] / 1e9, flops / cpu[repeats / 2] / 1e9);
        } finally {
            JniUtils.setNumThreads(before);
        }
    }
}
