package dev.fontgan.gan;

import ai.djl.ndarray.NDManager;
import dev.fontgan.Json;
import dev.fontgan.ProcessMemory;
import dev.fontgan.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.Map;

/**
 * Times training iterations of a variant on random data of the right shape (no font rendering in
 * the loop): median milliseconds per iteration over timed iterations after warm-up.
 */
public final class GanBenchmark {
    private GanBenchmark() {}

    /** Random glyph-shaped data: images and sources uniform in [-1, 1], labels cycling. */
    static final class RandomData implements GanData {
        private final int sizePx;
        private final int classes;

        RandomData(int sizePx, int classes) {
            this.sizePx = sizePx;
            this.classes = classes;
        }

        @Override
        public int sizePx() {
            return sizePx;
        }

        @Override
        public int classCount() {
            return classes;
        }

        @Override
        public Batch batch(long iteration, int batchSize, NDManager m) {
            ai.djl.ndarray.types.Shape s = new ai.djl.ndarray.types.Shape(batchSize, 1, sizePx, sizePx);
            int[] labels = new int[batchSize];
            for (int i = 0; i < batchSize; i++) {
                labels[i] = (int) ((iteration + i) % Math.max(1, classes));
            }
            return new Batch(m.randomUniform(-1f, 1f, s), m.create(labels), m.randomUniform(-1f, 1f, s));
        }

        @Override
        public Batch evaluation(int count, NDManager m) {
            return batch(0, count, m);
        }

        @Override
        public int codePoint(int label) {
            return '0' + label;
        }

        @Override
        public Map<String, Object> describe() {
            return Json.obj("mode", "random");
        }
    }

    /** CPU time of every thread of this process so far, in nanoseconds. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** @return {"images_per_s", "ms_per_step", "process_cpu_ms_per_step", ...} */
    public static Map<String, Object> run(Variant variant, int sizePx, int batch, int width, int warmup, int iterations) {
        VariantConfig c = VariantConfig.defaults(sizePx, 62).withBatchSize(batch).withWidth(width);
        try (GanTrainer t = new GanTrainer(variant, c, new RandomData(sizePx, 62))) {
            for (int i = 0; i < warmup; i++) {
                t.runIteration();
            }
            double[] ms = new double[iterations];
            // the whole process's CPU time (every torch thread): the work done, which a shared
            // machine's other jobs do not inflate the way they inflate wall time
            long process0 = processCpuNanos();
            for (int i = 0; i < iterations; i++) {
                long t0 = System.nanoTime();
                t.runIteration();
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            double processMs = (processCpuNanos() - process0) / 1e6 / iterations;
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            double median = sorted[iterations / 2];
            Map<String, Object> out = Json.obj("images_per_s", batch * 1000.0 / median, "variant", variant.name(),
                    "size", sizePx, "batch", batch, "width", width, "ms_per_step", median, "min_ms_per_step", sorted[0],
                    "iterations", iterations, "process_cpu_ms_per_step", processMs, "threads",
                    Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors()));
            out.putAll(t.players().parameterCounts());
            return out;
        }
    }

    /**
     * Resident memory over a long run of iterations (native leaks show here, not in the Java
     * heap): RSS after the first iteration and every {@code every} iterations.
     * @return {"variant", "steps", "rss_mb": [{"step", "rss_mb", "elapsed_s"}], "start_rss_mb", "middle_rss_mb",
     *     "end_rss_mb", "growth_second_half_mb"}
     */
    public static Map<String, Object> memory(Variant variant, int sizePx, int batch, int width, long steps, long every,
            Progress progress) {
        VariantConfig c = VariantConfig.defaults(sizePx, 62).withBatchSize(batch).withWidth(width);
        List<Map<String, Object>> rows = new ArrayList<>();
        long began = System.nanoTime();
        try (GanTrainer t = new GanTrainer(variant, c, new RandomData(sizePx, 62))) {
            progress.start(variant.name() + " memory", steps);
            try {
                for (long i = 1; i <= steps; i++) {
                    t.runIteration();
                    progress.advance(1);
                    if (i == 1 || i % every == 0 || i == steps) {
                        double rss = ProcessMemory.residentMb();
                        progress.status(String.format("RSS %.0f MB", rss));
                        rows.add(Json.obj("step", i, "rss_mb", rss, "elapsed_s", (System.nanoTime() - began) / 1e9));
                    }
                }
            } finally {
                progress.close();
            }
        }
        double start = (Double) rows.get(0).get("rss_mb");
        double middle = rssAt(rows, steps / 2);
        double end = (Double) rows.get(rows.size() - 1).get("rss_mb");
        return Json.obj("variant", variant.name(), "size", sizePx, "batch", batch, "width", width, "steps", steps,
                "start_rss_mb", start, "middle_rss_mb", middle, "end_rss_mb", end,
                "growth_second_half_mb", end - middle, "rss_mb", rows);
    }

    /** RSS of the row logged at or just after {@code step}. */
    private static double rssAt(List<Map<String, Object>> rows, long step) {
        for (Map<String, Object> r : rows) {
            if (((Number) r.get("step")).longValue() >= step) {
                return (Double) r.get("rss_mb");
            }
        }
        return (Double) rows.get(rows.size() - 1).get("rss_mb");
    }
}
