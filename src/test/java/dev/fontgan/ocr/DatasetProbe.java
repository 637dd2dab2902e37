package dev.fontgan.ocr;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Manual probe (not a test): thread CPU time per stage of making the benchmark's lines, one
 * thread, so a stage's cost shows whatever else runs on the machine.
 * {@code java -cp target/classes:target/test-classes:target/lib/* dev.fontgan.ocr.DatasetProbe [LINES] [styles]}
 */
public final class DatasetProbe {
    public static void main(String[] args) {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        DatasetSpec bench = DatasetBenchmark.spec(lines, 32, args.length > 1 ? args[1] : "fonts:all");
        DatasetSpec spec = args.length > 2 && args[2].equals("defaults")
                ? new DatasetSpec(bench.text(), bench.styles(), AugmentConfig.defaults(), bench.uncovered(), bench.fallbacks(),
                        lines, 1, 32, 0.05, bench.formats(), false)
                : bench;
        SamplePlanner planner = new SamplePlanner(spec.text(), spec.styles(), spec.augment(), spec.uncovered(),
                spec.fallbacks(), spec.seed(), spec.heightPx());
        LineRenderer renderer = new LineRenderer(spec.styles(), spec.fallbacks());
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 3; round++) {
            long plan = 0, render = 0, png = 0, pixels = 0, bytes = 0, grey = 0;
            for (int i = 0; i < lines; i++) {
                long t0 = mx.getCurrentThreadCpuTime();
                LinePlan p = planner.plan(i);
                long t1 = mx.getCurrentThreadCpuTime();
                LineImage img = renderer.render(p);
                long t2 = mx.getCurrentThreadCpuTime();
                byte[] b = LinePng.encode(img);
                long t3 = mx.getCurrentThreadCpuTime();
                plan += t1 - t0;
                render += t2 - t1;
                png += t3 - t2;
                pixels += (long) img.widthPx() * img.heightPx(); bytes += b.length; grey += img.channels() == 1 ? 1 : 0;
            }
            System.out.printf("round %d: per line ms: plan %.3f render %.3f png %.3f  total %.3f -> %.0f lines/cpu-s; %.0f px/line, %.0f bytes/line, grey %d%n",
                    round, plan / 1e6 / lines, render / 1e6 / lines, png / 1e6 / lines,
                    (plan + render + png) / 1e6 / lines, lines / ((plan + render + png) / 1e9), (double) pixels / lines, (double) bytes / lines, grey);
        }
    }
}
