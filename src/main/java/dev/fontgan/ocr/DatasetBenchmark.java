package dev.fontgan.ocr;

import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.Progress;
import dev.fontgan.font.ShippedFiles;
import dev.fontgan.render.ShippedFonts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * {@code fontgan bench dataset}: lines per second making a dataset as a user would (images and all
 * label files written to disk), 32 px lines, half Latin windows of 4-10 words and half Chinese
 * windows of 10 characters, plain fonts, every line with skew, blur, noise and sine distortion.
 * Generated styles are timed from cached glyphs: every glyph the timed lines use is generated
 * before the warm-up run.
 */
public final class DatasetBenchmark {
    /** One measurement. */
    public record Result(String styles, double linesPerS, long count, int workers, int heightPx, double seconds, double peakRssMb,
                         double loadBefore, double loadAfter, int cores, double cpuSeconds) {
        public Map<String, Object> toJson() {
            return Json.obj("lines_per_s", round(linesPerS), "peak_rss_mb", round(peakRssMb), "count", count,
                    "lines_per_cpu_s", round(count / cpuSeconds), "cpu_seconds", round(cpuSeconds),
                    "workers", workers, "height", heightPx, "seconds", round(seconds),
                    "effects", List.of("skew", "blur", "noise", "sine"), "styles", styles,
                    "text", "en 4-10 words + zh 10 characters", "load_average_before", loadBefore,
                    "load_average_after", loadAfter, "cores", cores);
        }
    }

    private DatasetBenchmark() {}

    /** The benchmark's dataset spec. */
    public static DatasetSpec spec(long count, int heightPx) {
        return spec(count, heightPx, "fonts:all");
    }

    /** The benchmark's dataset spec with other styles. */
    public static DatasetSpec spec(long count, int heightPx, String styleSpec) {
        ShippedFonts fonts = ShippedFonts.installed();
        TextSource en = CorpusText.load(ShippedFiles.resolve("corpus/text/en.txt"), CorpusText.Mode.WINDOWS, 4, 10);
        TextSource zh = CorpusText.load(ShippedFiles.resolve("corpus/text/zh.txt"), CorpusText.Mode.WINDOWS, 10, 10);
        StyleMix styles = StyleMix.parse(styleSpec, Map.of("fonts", new FontStyles(fonts),
                "default", PackStyles.defaultPack()));
        AugmentConfig a = AugmentConfig.none().with(Effect.SKEW, 1).with(Effect.BLUR, 1).with(Effect.NOISE, 1)
                .with(Effect.SINE, 1);
        return new DatasetSpec(TextSource.mix(List.of(en, zh), new double[] {1, 1}), styles, a, Uncovered.RESTYLE,
                fonts, count, 1, heightPx, 0.05, EnumSet.allOf(LabelFormat.class), false);
    }

    /** Warms up on a small set, then times {@code count} lines with {@code workers} threads. */
    public static Result run(long count, int workers, int heightPx, String styles, Progress progress) {
        Path tmp;
        try {
            tmp = Files.createTempDirectory("fontgan-bench-dataset");
        } catch (IOException e) {
            throw new FontganException("bench", "cannot make a temporary folder: " + e.getMessage(), e);
        }
        try {
            // one spec for both runs: the warm-up fills the styles' glyph caches that the timed run then uses
            DatasetSpec timed = spec(count, heightPx, styles);
            DatasetSpec warm = new DatasetSpec(timed.text(), timed.styles(), timed.augment(), timed.uncovered(),
                    timed.fallbacks(), Math.min(count, 1000), timed.seed(), heightPx, timed.valFraction(), timed.formats(),
                    false);
            warmGlyphs(timed);
            new DatasetExporter(warm, tmp.resolve("warmup")).run(workers, Progress.NONE, -1);
            double loadBefore = loadAverage();
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            new DatasetExporter(timed, tmp.resolve("timed")).run(workers, progress, -1);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
            return new Result(styles, count / seconds, count, workers, heightPx, seconds, peakRssMb(), loadBefore, loadAverage(),
                    Runtime.getRuntime().availableProcessors(), cpuSeconds);
        } finally {
            deleteTree(tmp);
        }
    }

    /**
     * Generates (and shrinks to line size) every glyph the timed lines ask of each generated style,
     * found by planning them (planning is cheap and draws nothing), so the timed run measures lines
     * from cached glyphs, as the benchmark is defined.
     */
    static void warmGlyphs(DatasetSpec spec) {
        SamplePlanner planner = new SamplePlanner(spec.text(), spec.styles(), spec.augment(), spec.uncovered(),
                spec.fallbacks(), spec.seed(), spec.heightPx());
        java.util.Map<String, java.util.TreeSet<Integer>> wanted = new java.util.HashMap<>();
        for (long i = 0; i < spec.count(); i++) {
            LinePlan plan = planner.plan(i);
            java.util.Set<Integer> chars = wanted.computeIfAbsent(plan.style(), k -> new java.util.TreeSet<>());
            plan.text().codePoints().filter(cp -> cp != ' ').forEach(chars::add);
        }
        int pxPerEm = LineRenderer.pxPerEm(spec.heightPx());
        for (Style s : spec.styles().styles()) {
            java.util.Set<Integer> chars = wanted.get(s.name());
            if (chars != null && s.hand() instanceof CachedHand cached) {
                int[] generated = chars.stream().mapToInt(Integer::intValue)
                        .filter(cp -> cached.canWrite(cp) && cached.outline(cp) == null).toArray();
                if (generated.length > 0) {
                    cached.forLineSize(pxPerEm).write(generated);
                }
            }
        }
    }

    /** Peak resident memory of this process (VmHWM), MB; -1 where /proc is missing. */
    public static double peakRssMb() {
        return dev.fontgan.ProcessMemory.peakResidentMb();
    }

    /** CPU time of this process (all threads, user and system), ns; what the run cost whatever else ran. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a leftover temp folder is harmless
        }
    }
}
