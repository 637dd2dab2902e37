package dev.fontgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

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
        NDList parts = new NDList(4);
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                long p = 2L * a + b;
                parts.add(z.get(":, {}:{}, {}:{}, {}:{}", p * out, (p + 1) * out, a, a + h, b, b + w));
            }
        }
        // (N, a, b, O, H, W) -> (N, O, H, a, W, b) = (N, O, 2H, 2W)
        return NDArrays.stack(parts, 1).reshape(n, 2, 2, out, h, w).transpose(0, 3, 4, 1, 5, 2)
                .reshape(n, out, 2 * h, 2 * w);
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
