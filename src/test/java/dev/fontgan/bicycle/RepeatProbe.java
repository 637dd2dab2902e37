package dev.fontgan.bicycle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.fontgan.data.PairBatches;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Scratch probe (run by hand, one JVM per run): a tiny bicycle trainer's first iterations, every
 * loss and a checksum of every player's weights printed bit for bit, so runs can be diffed.
 * Args: iterations, shift (-1: batches as DJL makes them; k >= 0: batch arrays placed k bytes into
 * a direct buffer), logvar bias (NaN: leave), seed (5), log variance bound (0: none),
 * arch (tiny | default: bench train's bicycle at 64 px, batch 16), runs in this JVM (1).
 */
public final class RepeatProbe {
    private RepeatProbe() {}

    public static void main(String[] args) {
        dev.fontgan.TorchRuntime.configure();
        int iterations = Integer.parseInt(args[0]);
        int shift = Integer.parseInt(args[1]);
        float bias = args.length > 2 ? Float.parseFloat(args[2]) : Float.NaN;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 5;
        float bound = args.length > 4 ? Float.parseFloat(args[4]) : 0;
        BicycleConfig c = BicycleTrainerTest.tiny(seed);
        if (!Float.isNaN(bias)) {
            c = c.withWeights(new BicycleConfig.LossWeights(0, 0, 0, 0.01f, 0, 0, 0, 0, 0));
        }
        if (bound > 0) {
            c = c.withEncoderStability(new BicycleConfig.EncoderStability(1, 0, bound));
        }
        PairBatches data = BicycleTrainerTest.pairs();
        if (args.length > 5 && args[5].equals("default")) {
            // bench train --model bicycle without the feature loss
            BicycleConfig.LossWeights w = BicycleConfig.LossWeights.defaults();
            c = BicycleConfig.defaults().withBatchSize(16).withSeed(seed).withWeights(new BicycleConfig.LossWeights(
                    w.gan(), w.gan2(), w.l1(), w.kl(), w.latent(), w.tv(), 0, w.style(), w.modeSeeking()));
            data = new dev.fontgan.data.SyntheticPairs(64, 4, 32, 1);
        }
        if (shift >= 0) {
            data = shifted(data, shift);
        }
        int runs = args.length > 6 ? Integer.parseInt(args[6]) : 1;
        for (int run = 0; run < runs; run++) {
            System.out.println("run " + run);
            once(c, data, bias, iterations);
        }
    }

    private static void once(BicycleConfig c, PairBatches data, float bias, int iterations) {
        try (BicycleTrainer t = new BicycleTrainer(c, data, null)) {
            if (!Float.isNaN(bias)) {
                Parameter head = t.model().encoder().getParameters().stream()
                        .filter(p -> p.getKey().endsWith("logvar_bias")).findFirst().orElseThrow().getValue();
                float[] b = new float[Math.toIntExact(head.getArray().size())];
                Arrays.fill(b, bias);
                head.getArray().set(b);
            }
            for (int i = 0; i < iterations; i++) {
                Map<String, Float> l = t.runIteration();
                StringBuilder s = new StringBuilder("it " + i);
                for (Map.Entry<String, Float> e : l.entrySet()) {
                    s.append(' ').append(e.getKey()).append('=').append(Integer.toHexString(Float.floatToRawIntBits(e.getValue())));
                }
                System.out.println(s);
                System.out.println("w " + i + " G=" + sum(t.model().generator()) + " E=" + sum(t.model().encoder())
                        + " D=" + sum(t.model().discriminator()) + " D2=" + sum(t.model().discriminator2()));
                if (Boolean.getBoolean("probe.each")) {
                    for (Pair<String, Parameter> p : t.model().encoder().getParameters()) {
                        System.out.println("  e " + i + " " + p.getKey() + " " + sum(p.getValue().getArray()));
                    }
                }
            }
        }
    }

    private static String sum(ai.djl.nn.Block b) {
        double s = 0;
        for (Pair<String, Parameter> p : b.getParameters()) {
            for (float v : p.getValue().getArray().toFloatArray()) {
                s += v * (double) v;
            }
        }
        return Long.toHexString(Double.doubleToRawLongBits(s));
    }

    private static String sum(NDArray a) {
        double s = 0;
        for (float v : a.toFloatArray()) {
            s += v * (double) v;
        }
        return Long.toHexString(Double.doubleToRawLongBits(s));
    }

    /** The same batches, each array's data placed {@code shift} bytes into a direct buffer (DJL keeps it as the tensor's memory). */
    static PairBatches shifted(PairBatches d, int shift) {
        return new PairBatches() {
            @Override
            public int sizePx() {
                return d.sizePx();
            }

            @Override
            public List<String> styleNames() {
                return d.styleNames();
            }

            @Override
            public int size() {
                return d.size();
            }

            @Override
            public Batch batch(long iteration, int batchSize, NDManager manager) {
                return move(d.batch(iteration, batchSize, manager), manager);
            }

            @Override
            public Batch samples(int count, NDManager manager) {
                return move(d.samples(count, manager), manager);
            }

            private Batch move(Batch b, NDManager m) {
                return new Batch(at(b.source(), m), at(b.target(), m), at(b.styles(), m));
            }

            private NDArray at(NDArray a, NDManager m) {
                byte[] bytes = a.toByteArray();
                ByteBuffer raw = ByteBuffer.allocateDirect(bytes.length + shift + 64);
                raw.position(shift);
                ByteBuffer buf = raw.slice().order(ByteOrder.nativeOrder());
                buf.limit(bytes.length);
                buf.put(bytes).rewind();
                KEEP.add(raw);
                NDArray out = m.create(buf, a.getShape(), a.getDataType() == DataType.INT32 ? DataType.INT32 : a.getDataType());
                return out;
            }
        };
    }

    /** Keeps the buffers alive for the whole probe (DJL holds only the slice). */
    private static final List<ByteBuffer> KEEP = new java.util.ArrayList<>();
}
