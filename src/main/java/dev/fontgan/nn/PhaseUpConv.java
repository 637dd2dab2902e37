package dev.fontgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "Nearest 2x upsample, then 3x3 conv (padding 1)" computed at the low resolution, for training
 * (differentiable in the input and the 3x3 weights; the same function, equal up to float rounding).
 * A 3x3 tap over a nearest-upsampled map only ever sees 2 distinct rows and 2 distinct columns of
 * the input, so each output phase (a, b) (pixels (2i + a, 2j + b)) is a 2x2 conv of the input
 * whose taps are sums of 3x3 taps: row phase 0 reads rows i-1 (tap 0) and i (taps 1+2), phase 1
 * rows i (taps 0+1) and i+1 (tap 2); the same for columns. The four phases run as one 2x2 conv
 * with padding 1 and 4x the output channels; phase (a, b) sits at rows a..a+H-1, columns b..b+W-1
 * of its (H+1, W+1) output. No upsampled copy of the input, 16/36 of the multiply-adds, and no
 * 1-output-channel conv at full resolution (libtorch's slowest case: the image layer).
 */
public final class PhaseUpConv {
    /**
     * Rows (phase, 2x2 tap), columns 3x3 tap: which 3x3 taps a phase tap sums. The phase weights
     * are vec(W) @ kron(P, P), one small matrix product, so their gradient is one product too.
     */
    private static final float[][] PHASE_TAPS = {{1, 0, 0}, {0, 1, 1}, {1, 1, 0}, {0, 0, 1}};
    private static final float[] KRON = kron();
    private static final Shape ONE = new Shape(1, 1);

    /**
     * Smallest input (pixels per channel) worth the phase form: below it the weight rewrite and
     * the larger conv cost more than they save (bench: faster from 8x8, slower at 4x4 and below).
     */
    public static final long MIN_PIXELS = 64;

    private PhaseUpConv() {}

    /** Whether an input of {@code height x width} runs faster in the phase form. */
    public static boolean worthIt(long height, long width) {
        return height * width >= MIN_PIXELS;
    }

    /**
     * @param x (N, C, H, W)
     * @param weight (O, C, 3, 3)
     * @param bias (O) or null
     * @return (N, O, 2H, 2W), equal to conv3x3(nearest2x(x), weight, bias, padding 1)
     */
    public static NDArray forward(NDArray x, NDArray weight, NDArray bias) {
        Shape ws = weight.getShape();
        long out = ws.get(0);
        if (ws.dimension() != 4 || ws.get(2) != 3 || ws.get(3) != 3) {
            throw new IllegalArgumentException("phase form needs 3x3 kernels, got " + ws);
        }
        Shape xs = x.getShape();
        long n = xs.get(0), h = xs.get(2), w = xs.get(3);
        NDManager step = x.getManager();
        NDArray phases = phaseWeights(weight, step);
        NDArray phaseBias = null;
        if (bias != null) {
            phaseBias = Weights.inStep(bias, step).tile(4);
        }
        NDArray z = x.getNDArrayInternal().convolution(x, phases, phaseBias, ONE, ONE, ONE, 1).singletonOrThrow();
        // one gather interleaves the phases: four slices, a stack and a transposed copy cost more
        // CPU (fwd + bwd 10-20% of the whole level at one thread) and, in backward, a zeroed
        // full-size gradient per slice: more parallel regions at two threads
        return z.take(step, interleaveIndex(n, out, h, w));
    }

    /**
     * Where the cached indices live: not a step's manager (they outlive steps), and libtorch's own
     * memory, not a Java buffer (see {@link #interleaveIndex}).
     */
    private static final NDManager INDEX_MANAGER = NDManager.newBaseManager();

    /**
     * Recently used interleave indices by (N, O, H, W), as native arrays: a training run uses a few
     * shapes. Made once per shape: copying the long[] in every step cost Pix2Pix's widest level a
     * fresh 33 MB direct buffer per step (zeroed, copied, freed only when the GC ran).
     */
    private static final Map<List<Long>, NDArray> INDICES = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<List<Long>, NDArray> eldest) {
                    if (size() > 16) {
                        // a graph still reading it holds its own reference to libtorch's tensor
                        eldest.getValue().close();
                        return true;
                    }
                    return false;
                }
            });

    /**
     * For every output pixel (n, o, 2i + a, 2j + b), its flat position in the phase conv's
     * (N, 4 O, H + 1, W + 1) output: phase (a, b) of o is channel (2a + b) O + o, shifted by (a, b).
     * @return (N, O, 2H, 2W) int64, shared: never close it
     */
    static NDArray interleaveIndex(long n, long out, long h, long w) {
        return INDICES.computeIfAbsent(List.of(n, out, h, w), k -> {
            long h1 = h + 1, w1 = w + 1;
            long[] index = new long[Math.toIntExact(n * out * 4 * h * w)];
            int k2 = 0;
            for (long s = 0; s < n; s++) {
                for (long o = 0; o < out; o++) {
                    for (long r = 0; r < 2 * h; r++) {
                        long a = r % 2, i = r / 2;
                        for (long c = 0; c < 2 * w; c++) {
                            long b = c % 2, j = c / 2;
                            index[k2++] = ((s * 4 + 2 * a + b) * out + o) * h1 * w1 + (i + a) * w1 + j + b;
                        }
                    }
                }
            }
            // create() wraps a Java direct buffer (freed by the GC, not by close); the copy is
            // libtorch's, so closing an evicted entry while a graph reads it is safe
            try (NDArray wrapped = INDEX_MANAGER.create(index, new Shape(n, out, 2 * h, 2 * w))) {
                return wrapped.duplicate();
            }
        });
    }

    /**
     * The four phase kernels of a 3x3 kernel, differentiable in it, made in {@code manager}. An op
     * attaches its result to its receiver's manager, and a parameter's is the model's: without
     * the move, every training step would leave its phase kernels there for good.
     * @param weight (O, C, 3, 3)
     * @param manager where the result and its intermediates live (a training step's manager)
     * @return (4 * O, C, 2, 2); output channel (2a + b) * O + o is phase (a, b) of output o
     */
    public static NDArray phaseWeights(NDArray weight, NDManager manager) {
        long out = weight.getShape().get(0), in = weight.getShape().get(1);
        NDArray flat = Weights.inStep(weight, manager).reshape(out * in, 9);
        NDArray kron = manager.create(KRON, new Shape(9, 16));
        // (O*C, 9) @ (9, 16) -> (O, C, a, u, b, v) -> (a, b, O, C, u, v)
        return flat.matMul(kron).reshape(out, in, 2, 2, 2, 2).transpose(2, 4, 0, 1, 3, 5).reshape(4 * out, in, 2, 2);
    }

    /** kron(P, P) as a (9, 16) row-major matrix: [(ky, kx)][(a, u, b, v)] = P[(a,u)][ky] * P[(b,v)][kx]. */
    private static float[] kron() {
        float[] k = new float[9 * 16];
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                for (int ky = 0; ky < 3; ky++) {
                    for (int kx = 0; kx < 3; kx++) {
                        k[(ky * 3 + kx) * 16 + r * 4 + c] = PHASE_TAPS[r][ky] * PHASE_TAPS[c][kx];
                    }
                }
            }
        }
        return k;
    }
}
