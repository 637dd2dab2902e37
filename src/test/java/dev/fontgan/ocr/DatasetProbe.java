package dev.fontgan.ocr;

import dev.fontgan.Json;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Manual probe (not a test): thread CPU time per stage of making the benchmark's lines, one
 * thread, so a stage's cost shows whatever else runs on the machine. Stages: plan, render, PNG,
 * the manifest row, and the two files of a sample written the exporter's way (into a scratch
 * folder, wall time too since file calls can wait).
 * {@code java -cp target/classes:target/test-classes:target/lib/* dev.fontgan.ocr.DatasetProbe [LINES] [styles] [defaults|bench] [renames]}
 */
public final class DatasetProbe {
    public static void main(String[] args) throws IOException {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        DatasetSpec bench = DatasetBenchmark.spec(lines, 32, args.length > 1 ? args[1] : "fonts:all",
                java.util.EnumSet.allOf(LabelFormat.class));
        DatasetSpec spec = args.length > 2 && args[2].equals("defaults")
                ? new DatasetSpec(bench.text(), bench.styles(), AugmentConfig.defaults(), bench.uncovered(), bench.fallbacks(),
                        lines, 1, 32, 0.05, bench.formats(), false)
                : bench;
        Path scratch = Files.createTempDirectory("fontgan-probe");
        DatasetExporter exporter = new DatasetExporter(spec, scratch, 500);
        SamplePlanner planner = exporter.planner();
        LineRenderer renderer = new LineRenderer(spec.styles(), spec.fallbacks());
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 3; round++) {
            long plan = 0, render = 0, png = 0, row = 0, write = 0, writeWall = 0, pixels = 0, bytes = 0, grey = 0;
            for (int i = 0; i < lines; i++) {
                long t0 = mx.getCurrentThreadCpuTime();
                LinePlan p = planner.plan(i);
                long t1 = mx.getCurrentThreadCpuTime();
                LineImage img = renderer.render(p);
                long t2 = mx.getCurrentThreadCpuTime();
                byte[] b = exporter.encode(img);
                long t3 = mx.getCurrentThreadCpuTime();
                String path = exporter.imagePath(i);
                String json = Json.write(exporter.row(p, path, img));
                long t4 = mx.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                Path target = scratch.resolve(path);
                if (i % 500 == 0) {
                    Files.createDirectories(target.getParent());
                }
                if (args.length > 3 && args[3].equals("renames")) {
                    writeThroughRename(target, b);
                    writeThroughRename(scratch.resolve(path.replace(".png", ".gt.txt")), (p.text() + "\n").getBytes(StandardCharsets.UTF_8));
                } else {
                    DatasetExporter.writeSampleFile(target, b);
                    DatasetExporter.writeSampleFile(scratch.resolve(path.replace(".png", ".gt.txt")),
                            (p.text() + "\n").getBytes(StandardCharsets.UTF_8));
                }
                long t5 = mx.getCurrentThreadCpuTime();
                writeWall += System.nanoTime() - w0;
                plan += t1 - t0;
                render += t2 - t1;
                png += t3 - t2;
                row += t4 - t3;
                write += t5 - t4;
                pixels += (long) img.widthPx() * img.heightPx(); bytes += b.length + json.length(); grey += img.channels() == 1 ? 1 : 0;
            }
            long total = plan + render + png + row + write;
            System.out.printf("round %d: per line ms: plan %.3f render %.3f png %.3f row %.3f write %.3f (wall %.3f)  total %.3f"
                            + " -> %.0f lines/cpu-s; %.0f px/line, %.0f bytes/line, grey %d%n",
                    round, plan / 1e6 / lines, render / 1e6 / lines, png / 1e6 / lines, row / 1e6 / lines, write / 1e6 / lines,
                    writeWall / 1e6 / lines, total / 1e6 / lines, lines / (total / 1e9), (double) pixels / lines,
                    (double) bytes / lines, grey);
        }
        try (var s = Files.walk(scratch)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** As the exporter wrote a sample file before: a hidden temporary and a rename. */
    private static void writeThroughRename(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
