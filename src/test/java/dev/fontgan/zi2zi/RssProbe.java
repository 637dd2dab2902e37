package dev.fontgan.zi2zi;

import dev.fontgan.data.SyntheticPairs;
import java.nio.file.Files;
import java.nio.file.Path;

/** Manual probe: RSS over many tiny training iterations. java -cp ... RssProbe ITERS EVERY */
public final class RssProbe {
    public static void main(String[] a) throws Exception {
        dev.fontgan.TorchRuntime.configure();
        Zi2ziConfig config = Zi2ziConfig.defaults().withArch(Zi2ziArch.TINY).withBatchSize(8);
        try (Zi2ziTrainer t = new Zi2ziTrainer(config, new SyntheticPairs(16, 4, 50, 1))) {
            int n = Integer.parseInt(a[0]);
            int every = Integer.parseInt(a[1]);
            long t0 = System.nanoTime();
            for (int i = 1; i <= n; i++) {
                t.iterate();
                if (i % every == 0 || i == 1) {
                    String rss = Files.readAllLines(Path.of("/proc/self/status")).stream()
                            .filter(l -> l.startsWith("VmRSS")).findFirst().orElse("?");
                    System.out.printf("iter %d %s %.1f s%n", i, rss.replaceAll("\\s+", " "), (System.nanoTime() - t0) / 1e9);
                }
            }
        }
    }
}
