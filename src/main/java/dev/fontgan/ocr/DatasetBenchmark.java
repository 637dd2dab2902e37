package dev.fontgan.ocr;

import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.Progress;
import dev.fontgan.font.ShippedFiles;
import dev.fontgan.render.ShippedFonts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code fontgan bench dataset}: lines per second making a dataset as a user would (images and all
 * label files written to disk), 32 px lines, half Latin windows of 4-10 words and half Chinese
 * windows of 10 characters, plain fonts, every line with skew, blur, noise and sine distortion.
 * Generated styles are timed from cached glyphs: every glyph the timed lines use is generated
 * before the warm-up run.
 *
 * <p>The result names the file system written to and the kernel's share of the CPU time, since
 * the disk can cost as much as the drawing: ext4 without a journal skips inodes freed in the last
 * minute (six while their table block is unwritten) on every file it creates, so creating files
 * where many were just deleted (the previous run's cleanup) costs up to ~1 ms each instead of ~30 us.
 */
public final class DatasetBenchmark {
    /** One measurement. */
    public record Result(String styles, double linesPerS, long count, int workers, int heightPx, double seconds, double peakRssMb,
                         double loadBefore, double loadAfter, int cores, double cpuSeconds, double kernelCpuSeconds,
                         String dir, String fileSystem, String formats) {
        public Map<String, Object> toJson() {
            return Json.obj("lines_per_s", round(linesPerS), "peak_rss_mb", round(peakRssMb), "count", count,
                    "lines_per_cpu_s", round(count / cpuSeconds), "cpu_seconds", round(cpuSeconds),
                    "kernel_cpu_seconds", round(kernelCpuSeconds), "dir", dir, "file_system", fileSystem, "formats", formats,
                    "workers", workers, "height", heightPx, "seconds", round(seconds),
                    "effects", List.of("skew", "blur", "noise", "sine"), "styles", styles,
                    "text", "en 4-10 words + zh 10 characters", "load_average_before", loadBefore,
                    "load_average_after", loadAfter, "cores", cores);
        }
    }

    private DatasetBenchmark() {}

    /** The benchmark's dataset spec. */
    public static DatasetSpec spec(long count, int heightPx) {
        return spec(count, heightPx, "fonts:all", LabelFormat.DEFAULT);
    }

    /** The benchmark's dataset spec with other styles and label formats. */
    public static DatasetSpec spec(long count, int heightPx, String styleSpec, Set<LabelFormat> formats) {
        ShippedFonts fonts = ShippedFonts.installed();
        TextSource en = CorpusText.load(ShippedFiles.resolve("corpus/text/en.txt"), CorpusText.Mode.WINDOWS, 4, 10);
        TextSource zh = CorpusText.load(ShippedFiles.resolve("corpus/text/zh.txt"), CorpusText.Mode.WINDOWS, 10, 10);
        StyleMix styles = StyleMix.parse(styleSpec, Map.of("fonts", new FontStyles(fonts),
                "default", PackStyles.defaultPack()));
        AugmentConfig a = AugmentConfig.none().with(Effect.SKEW, 1).with(Effect.BLUR, 1).with(Effect.NOISE, 1)
                .with(Effect.SINE, 1);
        return new DatasetSpec(TextSource.mix(List.of(en, zh), new double[] {1, 1}), styles, a, Uncovered.RESTYLE,
                fonts, count, 1, heightPx, 0.05, formats, false);
    }

    /**
     * Warms up on a small set, then times {@code count} lines with {@code workers} threads, writing
     * into a new temporary folder inside {@code dir} (the system's temporary folder when null) that
     * is removed afterwards. {@code formats}: the label files written (tesstrain adds a second file per line).
     */
    public static Result run(long count, int workers, int heightPx, String styles, Set<LabelFormat> formats, Path dir,
                             Progress progress) {
        Path tmp = benchFolder(dir);
        try {
            // one spec for both runs: the warm-up fills the styles' glyph caches that the timed run then uses
            DatasetSpec timed = spec(count, heightPx, styles, formats);
            DatasetSpec warm = new DatasetSpec(timed.text(), timed.styles(), timed.augment(), timed.uncovered(),
                    timed.fallbacks(), Math.min(count, 1000), timed.seed(), heightPx, timed.valFraction(), timed.formats(),
                    false);
            warmGlyphs(timed);
            new DatasetExporter(warm, tmp.resolve("warmup")).run(workers, Progress.NONE, -1);
            double loadBefore = loadAverage();
            long cpu0 = processCpuNanos();
            double kernel0 = kernelCpuSeconds();
            long t0 = System.nanoTime();
            new DatasetExporter(timed, tmp.resolve("timed")).run(workers, progress, -1);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
            double kernelSeconds = kernelCpuSeconds() - kernel0;
            return new Result(styles, count / seconds, count, workers, heightPx, seconds, peakRssMb(), loadBefore, loadAverage(),
                    Runtime.getRuntime().availableProcessors(), cpuSeconds, kernel0 < 0 ? -1 : kernelSeconds,
                    tmp.getParent().toString(), fileSystem(tmp),
                    formats.stream().map(LabelFormat::id).collect(java.util.stream.Collectors.joining(",")));
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

    /** A new empty folder for one run inside {@code dir} (made if missing), or in the system's temporary folder. */
    static Path benchFolder(Path dir) {
        try {
            if (dir == null) {
                return Files.createTempDirectory("fontgan-bench-dataset");
            }
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new FontganException(dir, "is a file, expected a folder to write the benchmark's dataset in");
            }
            Files.createDirectories(dir);
            return Files.createTempDirectory(dir, "fontgan-bench-dataset");
        } catch (IOException e) {
            Path where = dir == null ? Path.of(System.getProperty("java.io.tmpdir")) : dir;
            throw new FontganException(where, "cannot make a folder for the benchmark: " + dev.fontgan.AtomicFile.describe(e), e);
        }
    }

    /** The type of the file system holding {@code p} as the OS names it (ext4, tmpfs, ...); "unknown" if it cannot say. */
    static String fileSystem(Path p) {
        try {
            return Files.getFileStore(p).type();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * CPU time this process spent in the kernel (system calls, page faults), s, from the stime field
     * of /proc/self/stat in clock ticks of 1/100 s (USER_HZ on Linux); -1 where /proc is missing.
     */
    static double kernelCpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // the command name (field 2) may hold spaces; fields after its closing parenthesis are fixed
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return Long.parseLong(f[12]) / 100.0;
        } catch (IOException | RuntimeException e) {
            return -1;
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
