package dev.fontgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained {@link UNet}'s eval-mode forward pass, rewritten for speed with the same weights (the
 * outputs equal {@code UNet.forward(..., training = false)} up to float rounding):
 * <ul>
 *   <li>batch norm (running statistics) is folded into the preceding convolution's weight and bias;
 *   <li>each decoder "nearest 2x upsample, then 3x3 conv" is computed at the low resolution as four
 *       2x2 phase convolutions in one conv call (4x the output channels), then interleaved: no
 *       upsampled copy, 16/36 of the multiply-adds (a 3x3 tap over a nearest-upsampled map only
 *       ever sees 2 distinct rows and 2 distinct columns of the input);
 *   <li>levels whose input has at most {@value #DENSE_MAX_PIXELS} pixels (the innermost ones) run
 *       as one matrix product: the level's linear map written out as a matrix the first time an
 *       input of that size arrives, since a conv over a 1x1 or 2x2 map mostly multiplies padding
 *       (1/16 and 16/36 of a decoder phase conv's multiply-adds, and one GEMM instead of a conv call);
 *   <li>dropout is skipped and nothing the caller does not use (the bottleneck code) is returned.
 * </ul>
 * Only nearest upsampling, batch or no norm, and no conditional norm are covered ({@link #supports});
 * other configurations keep the generic forward pass.
 */
public final class UNetInference implements AutoCloseable {
    /** Epsilon of {@link Norm#BATCH}'s batch norm; folding must use the same. */
    private static final double BATCH_NORM_EPSILON = Norm.BATCH_EPSILON;
    private static final Shape ONE = new Shape(1, 1);
    private static final Shape TWO = new Shape(2, 2);
    private static final Shape NO_PAD = new Shape(0, 0);
    /** Largest input (pixels per channel) of a level run as a matrix product. */
    static final int DENSE_MAX_PIXELS = 4;
    /** Largest such matrix (floats), so wide networks (the reference arch) keep their convs. */
    private static final long DENSE_MAX_FLOATS = 8L << 20;

    /** One convolution with its folded bias. */
    private record Conv(NDArray weight, NDArray bias) {}

    /** A level as y = x.flatten() @ matrix + bias for one input shape (C, H, W). */
    private record Dense(Shape input, NDArray matrix, NDArray bias, Shape output) {}

    private final NDManager manager;
    private final List<Conv> encoder = new ArrayList<>();
    /** Decoder levels as phase convolutions: weight (4 * out, in, 2, 2), phases (0,0),(0,1),(1,0),(1,1). */
    private final List<Conv> decoder = new ArrayList<>();
    private final int[] decoderOut;
    /** Matrix forms of levels by (encoder or decoder, level, input shape), built on first use. */
    private final java.util.Map<String, Dense> dense = new java.util.HashMap<>();

    /** Whether a U-Net of this configuration can be rewritten. */
    public static boolean supports(UNet.Config c) {
        return !c.conditionalDecoderNorm() && (c.norm() == Norm.BATCH || c.norm() == Norm.NONE)
                && (c.up() == Upsampling.NEAREST_EXPAND || c.up() == Upsampling.NEAREST_INTERPOLATE);
    }

    /**
     * Folds a U-Net's current weights (later changes to the U-Net are not seen).
     * @param manager where the folded weights live (closed with this object)
     */
    public UNetInference(UNet unet, NDManager manager) {
        if (!supports(unet.config())) {
            throw new IllegalArgumentException("no fast inference for " + unet.config());
        }
        this.manager = manager.newSubManager();
        int depth = unet.config().channels().length;
        decoderOut = new int[depth];
        for (Block level : unet.encoderLevels()) {
            encoder.add(folded(level, null));
        }
        for (int j = 0; j < depth; j++) {
            Conv up = folded(unet.decoderUps().get(j), unet.decoderNorms().get(j));
            decoderOut[j] = (int) up.weight().getShape().get(0);
            decoder.add(phases(up));
        }
    }

    /**
     * Eval-mode forward pass.
     * @param x (N, in, H, W)
     * @param condition (N, E)
     * @return (N, out, H, W) in [-1, 1], in x's manager
     */
    public NDArray forward(NDArray x, NDArray condition) {
        return decode(encode(x), condition);
    }

    /**
     * The encoder's outputs (outermost first; the last is the bottleneck); one source batch's
     * encoding serves any number of {@link #decode} calls, e.g. one per style.
     */
    public List<NDArray> encode(NDArray x) {
        List<NDArray> skips = new ArrayList<>(encoder.size());
        NDArray h = x;
        for (int i = 0; i < encoder.size(); i++) {
            if (i > 0) {
                h = h.getNDArrayInternal().leakyRelu(0.2f);
            }
            Conv c = encoder.get(i);
            Dense d = dense("enc" + i, h.getShape(), x2 -> encoderConv(x2, c));
            h = d != null ? applyDense(h, d) : encoderConv(h, c);
            skips.add(h);
        }
        return skips;
    }

    /**
     * The decoder on an encoding from {@link #encode}.
     * @param condition (N, E)
     * @return (N, out, H, W) in [-1, 1]
     */
    public NDArray decode(List<NDArray> skips, NDArray condition) {
        int depth = skips.size();
        NDArray bottleneck = skips.get(depth - 1);
        Shape bs = bottleneck.getShape();
        long n = bs.get(0);
        NDArray condMap = condition.reshape(n, -1, 1, 1);
        if (bs.get(2) != 1 || bs.get(3) != 1) {
            condMap = condMap.broadcast(n, condition.getShape().get(1), bs.get(2), bs.get(3));
        }
        NDArray h = bottleneck.concat(condMap, 1).getNDArrayInternal().relu();
        for (int j = 0; j < depth; j++) {
            boolean last = j == depth - 1;
            NDArray skip = last ? null : skips.get(depth - 2 - j).getNDArrayInternal().relu();
            Conv c = decoder.get(j);
            int out = decoderOut[j];
            Dense d = dense("dec" + j, h.getShape(), x2 -> interleave(phaseConv(x2, c), out, null));
            if (d != null) {
                NDArray z = applyDense(h, d);
                z = last ? z.tanh() : z.getNDArrayInternal().relu();
                h = skip == null ? z : z.concat(skip, 1);
                continue;
            }
            NDArray z = phaseConv(h, c);
            z = last ? z.tanh() : z.getNDArrayInternal().relu(); // elementwise, so before the interleave
            h = interleave(z, out, skip);
        }
        return h;
    }

    /**
     * Whether a level runs as a matrix product.
     * @param inputPixels H * W of its input
     * @param inputSize C * H * W of its input
     * @param outputSize C * H * W of its output
     */
    public static boolean runsDense(long inputPixels, long inputSize, long outputSize) {
        return inputPixels <= DENSE_MAX_PIXELS && inputSize * outputSize <= DENSE_MAX_FLOATS;
    }

    private static NDArray encoderConv(NDArray x, Conv c) {
        return x.getNDArrayInternal().convolution(x, c.weight(), c.bias(), TWO, ONE, ONE, 1).singletonOrThrow();
    }

    private static NDArray applyDense(NDArray x, Dense d) {
        long n = x.getShape().get(0);
        Shape o = d.output();
        return x.reshape(n, -1).matMul(d.matrix()).add(d.bias()).reshape(n, o.get(0), o.get(1), o.get(2));
    }

    /**
     * The matrix form of a level for inputs of {@code in}'s (C, H, W), or null where it does not
     * pay ({@link #runsDense}); built once per level and input size. {@code linear} is the level's
     * affine map on a batch.
     */
    private synchronized Dense dense(String level, Shape in, java.util.function.UnaryOperator<NDArray> linear) {
        Shape chw = in.slice(1);
        if (in.get(2) * in.get(3) > DENSE_MAX_PIXELS) {
            return null;
        }
        String key = level + chw;
        if (dense.containsKey(key)) {
            return dense.get(key); // null: measured once, too large
        }
        long k = chw.size();
        Dense d = null;
        try (NDManager scratch = manager.newSubManager()) {
            NDArray zero = linear.apply(scratch.zeros(new Shape(1, chw.get(0), chw.get(1), chw.get(2))));
            long outSize = zero.size();
            if (runsDense(in.get(2) * in.get(3), k, outSize)) {
                // row j of the matrix = image of the j-th unit input minus the image of zero (the bias)
                NDArray basis = scratch.eye((int) k).reshape(k, chw.get(0), chw.get(1), chw.get(2));
                NDArray matrix = linear.apply(basis).reshape(k, outSize).sub(zero.reshape(1, outSize));
                d = new Dense(chw, matrix, zero.reshape(outSize), zero.getShape().slice(1));
                d.matrix().attach(manager);
                d.bias().attach(manager);
            }
        }
        dense.put(key, d);
        return d;
    }

    /**
     * Nearest 2x upsample then 3x3 conv, as one 2x2 conv (padding 1) at low resolution: its
     * (H+1, W+1) output holds phase (a, b) (channels (2a+b) * out ...) at rows a..a+H-1 and
     * columns b..b+W-1.
     */
    private static NDArray phaseConv(NDArray x, Conv phases) {
        return x.getNDArrayInternal().convolution(x, phases.weight(), phases.bias(), ONE, ONE, ONE, 1)
                .singletonOrThrow();
    }

    /**
     * Writes the four phases of a {@link #phaseConv} output to their pixels (2i + a, 2j + b) of a
     * (N, out + skip channels, 2H, 2W) map and the skip into the channels after them: one copy
     * each, the upsampled map and the concatenation of the generic pass in one.
     */
    private static NDArray interleave(NDArray z, int out, NDArray skip) {
        Shape s = z.getShape();
        long n = s.get(0), h = s.get(2) - 1, w = s.get(3) - 1;
        long skipChannels = skip == null ? 0 : skip.getShape().get(1);
        NDArray y = z.getManager().create(new Shape(n, out + skipChannels, 2 * h, 2 * w), z.getDataType());
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                int p = 2 * a + b;
                y.set(new NDIndex(":, 0:{}, {}::2, {}::2", out, a, b), z.get(new NDIndex(":, {}:{}, {}:{}, {}:{}",
                        p * out, (p + 1) * out, a, a + h, b, b + w)));
            }
        }
        if (skip != null) {
            y.set(new NDIndex(":, {}:", out), skip);
        }
        return y;
    }

    /**
     * A level's or up block's convolution with its batch norm folded in: the norm inside the
     * block (encoder levels) or the one after it ({@code nextNorm}, decoder levels; may be null).
     */
    private Conv folded(Block block, Block nextNorm) {
        Conv2d conv = block instanceof Conv2d c ? c : null;
        BatchNorm norm = nextNorm instanceof BatchNorm b ? b : null;
        if (nextNorm != null && norm == null) {
            throw new IllegalArgumentException("cannot fold " + nextNorm);
        }
        for (Pair<String, Block> child : block.getChildren()) {
            if (child.getValue() instanceof Conv2d c) {
                conv = c;
            } else if (child.getValue() instanceof BatchNorm b) {
                norm = b;
            }
        }
        if (conv == null) {
            throw new IllegalArgumentException("U-Net block without a convolution: " + block);
        }
        NDArray weight = param(conv, "weight");
        long out = weight.getShape().get(0);
        float[] bias = conv.getParameters().contains("bias") ? param(conv, "bias").toFloatArray() : new float[(int) out];
        Conv c = new Conv(manager.create(weight.toFloatArray(), weight.getShape()), manager.create(bias));
        return norm == null ? c : foldBatchNorm(c, norm);
    }

    /** y = gamma (conv(x) + b - mean) / sqrt(var + eps) + beta as one conv: scale weights per output channel. */
    private Conv foldBatchNorm(Conv c, BatchNorm bn) {
        float[] gamma = param(bn, "gamma").toFloatArray();
        float[] beta = param(bn, "beta").toFloatArray();
        float[] mean = param(bn, "runningMean").toFloatArray();
        float[] var = param(bn, "runningVar").toFloatArray();
        Shape shape = c.weight().getShape();
        float[] w = c.weight().toFloatArray();
        float[] b = c.bias().toFloatArray();
        int out = (int) shape.get(0);
        int per = w.length / out;
        float[] fw = new float[w.length];
        float[] fb = new float[out];
        for (int o = 0; o < out; o++) {
            double scale = gamma[o] / Math.sqrt(var[o] + BATCH_NORM_EPSILON);
            for (int k = 0; k < per; k++) {
                fw[o * per + k] = (float) (w[o * per + k] * scale);
            }
            fb[o] = (float) ((b[o] - mean[o]) * scale + beta[o]);
        }
        c.weight().close();
        c.bias().close();
        return new Conv(manager.create(fw, shape), manager.create(fb));
    }

    /** The folded 3x3 convolution as its four 2x2 phase kernels ({@link PhaseUpConv#phaseWeights}). */
    private Conv phases(Conv c) {
        Shape shape = c.weight().getShape();
        if (shape.get(2) != 3 || shape.get(3) != 3) {
            throw new IllegalArgumentException("phase split needs 3x3 kernels, got " + shape);
        }
        NDArray weight = PhaseUpConv.phaseWeights(c.weight(), manager);
        NDArray bias = c.bias().tile(4);
        bias.attach(manager);
        c.weight().close();
        c.bias().close();
        return new Conv(weight, bias);
    }

    private static NDArray param(Block block, String name) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getKey().equals(name)) {
                return p.getValue().getArray();
            }
        }
        throw new IllegalArgumentException(block + " has no parameter " + name);
    }

    @Override
    public void close() {
        manager.close();
    }
}
