package dev.fontgan.zi2zi;

import dev.fontgan.data.SyntheticPairs;

/** Manual probe: java -cp ... dev.fontgan.zi2zi.BenchProbe ARCH ITERS */
public final class BenchProbe {
    public static void main(String[] a) {
        dev.fontgan.TorchRuntime.configure();
        Zi2ziConfig config = Zi2ziConfig.defaults().withArch(Zi2ziArch.parse(a[0]));
        try (Zi2ziTrainer t = new Zi2ziTrainer(config, new SyntheticPairs(64, 40, 32, 1))) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < Integer.parseInt(a[1]); i++) {
                long t0 = System.nanoTime();
                t.iterate();
                sb.append(String.format("%.0f ", (System.nanoTime() - t0) / 1e6));
            }
            System.out.println(sb);
        }
    }
}
