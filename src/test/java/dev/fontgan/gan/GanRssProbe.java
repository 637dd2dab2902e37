package dev.fontgan.gan;

import dev.fontgan.gan.variants.Variants;
import java.nio.file.Files;
import java.nio.file.Path;

/** Manual probe: RSS over many training iterations of a variant. java -cp ... GanRssProbe VARIANT ITERS EVERY */
public final class GanRssProbe {
    public static void main(String[] a) throws Exception {
        dev.fontgan.TorchRuntime.configure();
        GanData data = new GanBenchmark.RandomData(32, 10);
        VariantConfig c = VariantConfig.defaults(32, 10).withBatchSize(16).withWidth(8);
        try (GanTrainer t = new GanTrainer(Variants.named(a[0]), c, data)) {
            int n = Integer.parseInt(a[1]);
            int every = Integer.parseInt(a[2]);
            long t0 = System.nanoTime();
            for (int i = 1; i <= n; i++) {
                t.runIteration();
                if (i % every == 0 || i == 1) {
                    String rss = Files.readAllLines(Path.of("/proc/self/status")).stream()
                            .filter(l -> l.startsWith("VmRSS")).findFirst().orElse("?");
                    System.out.printf("iter %d %s %.1f s%n", i, rss.replaceAll("\\s+", " "), (System.nanoTime() - t0) / 1e9);
                }
            }
        }
    }
}
