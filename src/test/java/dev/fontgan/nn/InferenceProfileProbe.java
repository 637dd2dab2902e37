package dev.fontgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Manual probe: where a folded forward pass of the default zi2zi generator spends its time, op by
 * op, at its real shapes (random weights; libtorch CPU ops are synchronous, so wall time per call
 * is the op's time). {@code java -cp target/fontgan.jar:target/test-classes:target/lib/*
 * dev.fontgan.nn.InferenceProfileProbe [BATCH] [REPEATS]}
 */
public final class InferenceProfileProbe {
    public static void main(String[] a) {
        dev.fontgan.TorchRuntime.configure();
        int n = a.length > 0 ? Integer.parseInt(a[0]) : 64;
        int repeats = a.length > 1 ? Integer.parseInt(a[1]) : 15;
        int[] ch = {16, 32, 64, 128, 128, 128};
        int emb = 64;
        Map<String, double[]> times = new LinkedHashMap<>();
        try (NDManager m = NDManager.newBaseManager()) {
            for (int r = 0; r < repeats; r++) {
                try (NDManager s = m.newSubManager()) {
                    NDArray h = s.randomUniform(-1, 1, new Shape(n, 1, 64, 64));
                    NDArray[] skips = new NDArray[ch.length];
                    int in = 1;
                    for (int i = 0; i < ch.length; i++) {
                        NDArray x = i == 0 ? h : time(times, r, repeats, "act", leaky(h));
                        NDArray w = s.randomNormal(new Shape(ch[i], in, 4, 4)).mul(0.05f);
                        NDArray b = s.zeros(new Shape(ch[i]));
                        final NDArray xx = x;
                        h = time(times, r, repeats, "enc" + i + " conv4x4s2 " + in + "->" + ch[i],
                                () -> xx.getNDArrayInternal().convolution(xx, w, b, new Shape(2, 2), new Shape(1, 1),
                                        new Shape(1, 1), 1).singletonOrThrow());
                        skips[i] = h;
                        in = ch[i];
                    }
                    NDArray cond = s.randomNormal(new Shape(n, emb, 1, 1));
                    final NDArray bott = h;
                    h = time(times, r, repeats, "concat", () -> bott.concat(cond, 1));
                    for (int j = 0; j < ch.length; j++) {
                        int level = ch.length - 1 - j;
                        int out = level == 0 ? 1 : ch[level - 1];
                        int cin = (int) h.getShape().get(1);
                        long hh = h.getShape().get(2);
                        final NDArray x = time(times, r, repeats, "act", relu(h));
                        NDArray w = s.randomNormal(new Shape(4L * out, cin, 2, 2)).mul(0.05f);
                        NDArray b = s.zeros(new Shape(4L * out));
                        NDArray z = time(times, r, repeats, "dec" + j + " phase conv2x2 " + cin + "->4x" + out + " @"
                                + hh, () -> x.getNDArrayInternal().convolution(x, w, b, new Shape(1, 1), new Shape(1, 1),
                                        new Shape(1, 1), 1).singletonOrThrow());
                        h = time(times, r, repeats, "interleave", () -> interleave(z, out, hh));
                        if (level == 0) {
                            final NDArray y = h;
                            time(times, r, repeats, "act", y::tanh);
                            break;
                        }
                        final NDArray y = h;
                        final NDArray skip = skips[level - 1];
                        h = time(times, r, repeats, "concat", () -> y.concat(skip, 1));
                    }
                }
            }
        }
        double total = 0;
        Map<String, Double> med = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : times.entrySet()) {
            double[] v = e.getValue().clone();
            Arrays.sort(v);
            med.put(e.getKey(), v[v.length / 2]);
            total += v[v.length / 2];
        }
        for (Map.Entry<String, Double> e : med.entrySet()) {
            System.out.printf("%-40s %8.2f ms %5.1f%%%n", e.getKey(), e.getValue(), 100 * e.getValue() / total);
        }
        System.out.printf("%-40s %8.2f ms  (batch %d: %.0f glyphs/s)%n", "total", total, n, n / total * 1000);
    }

    private static Supplier<NDArray> leaky(NDArray h) {
        return () -> h.getNDArrayInternal().leakyRelu(0.2f);
    }

    private static Supplier<NDArray> relu(NDArray h) {
        return () -> h.getNDArrayInternal().relu();
    }

    static NDArray interleave(NDArray z, int out, long h) {
        long n = z.getShape().get(0);
        NDList rows = new NDList(2);
        for (int a = 0; a < 2; a++) {
            NDList cols = new NDList(2);
            for (int b = 0; b < 2; b++) {
                int p = 2 * a + b;
                cols.add(z.get(":, " + p * out + ":" + (p + 1) * out + ", " + a + ":" + (a + h) + ", " + b + ":" + (b + h)));
            }
            rows.add(NDArrays.stack(cols, 4));
        }
        return NDArrays.stack(rows, 3).reshape(n, out, 2 * h, 2 * h);
    }

    /** Runs op; adds its wall time to the named bucket (summed within a repeat). */
    private static NDArray time(Map<String, double[]> times, int r, int repeats, String name, Supplier<NDArray> op) {
        long t0 = System.nanoTime();
        NDArray out = op.get();
        double ms = (System.nanoTime() - t0) / 1e6;
        times.computeIfAbsent(name, k -> new double[repeats])[r] += ms;
        return out;
    }
}
