import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import dev.fontgan.TorchRuntime;
import dev.fontgan.bicycle.BicycleArch;
import dev.fontgan.bicycle.BicycleConfig;
import dev.fontgan.bicycle.BicycleTrainer;
import dev.fontgan.data.SyntheticPairs;
import dev.fontgan.eval.GlyphClassifier;
import dev.fontgan.gan.Batch;
import dev.fontgan.gan.GanData;
import dev.fontgan.gan.GanTrainer;
import dev.fontgan.gan.VariantConfig;
import dev.fontgan.gan.variants.Variants;
import java.util.Map;

/**
 * libtorch's per-op profile of training iterations (chrome trace), to find where fontgan's
 * training loses time against the PyTorch eager twins; the twins' side is
 * {@code tools/bench_gan_ref.py --profile} / {@code tools/bicycle_ref.py --profile}. A scratch
 * measurement, not part of fontgan; run with the built jar on the class path (and the launcher's
 * engine flags):
 *
 * <pre>java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -cp "target/fontgan.jar:target/lib/*" \
 *     tools/ProfileTrain.java pix2pix|bicycle WARMUP ITERATIONS trace.json</pre>
 * then {@code python3 tools/profile_ops.py trace.json} for self time per op.
 */
public final class ProfileTrain {
    /** Random glyph-shaped pairs (what the GAN bench times). */
    record RandomData(int sizePx) implements GanData {
        public int classCount() {
            return 62;
        }

        public Batch batch(long iteration, int batchSize, NDManager m) {
            Shape s = new Shape(batchSize, 1, sizePx, sizePx);
            int[] labels = new int[batchSize];
            for (int i = 0; i < batchSize; i++) {
                labels[i] = (int) ((iteration + i) % 62);
            }
            return new Batch(m.randomUniform(-1f, 1f, s), m.create(labels), m.randomUniform(-1f, 1f, s));
        }

        public Batch evaluation(int count, NDManager m) {
            return batch(0, count, m);
        }

        public int codePoint(int label) {
            return '0' + label;
        }

        public Map<String, Object> describe() {
            return Map.of("mode", "random");
        }
    }

    public static void main(String[] args) throws Exception {
        String net = args[0];
        int warmup = Integer.parseInt(args[1]), iterations = Integer.parseInt(args[2]);
        TorchRuntime.configure();
        if (net.equals("bicycle")) {
            BicycleConfig config = BicycleConfig.defaults().withArch(BicycleArch.named("default")).withBatchSize(16);
            try (GlyphClassifier c = GlyphClassifier.loadDefault();
                    BicycleTrainer t = new BicycleTrainer(config, new SyntheticPairs(64, 4, 32, 1), c.lossFeatures())) {
                run(t::runIteration, warmup, iterations, args[3]);
            }
        } else {
            VariantConfig c = VariantConfig.defaults(64, 62).withBatchSize(16).withWidth(32);
            try (GanTrainer t = new GanTrainer(Variants.named(net), c, new RandomData(64))) {
                run(t::runIteration, warmup, iterations, args[3]);
            }
        }
    }

    private static void run(Runnable iteration, int warmup, int iterations, String trace) {
        for (int i = 0; i < warmup; i++) {
            iteration.run();
        }
        JniUtils.startProfile(false, true, false);
        long t0 = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            iteration.run();
        }
        long ns = System.nanoTime() - t0;
        JniUtils.stopProfile(trace);
        System.out.printf("%.1f ms per iteration (profiled)%n", ns / 1e6 / iterations);
    }
}
