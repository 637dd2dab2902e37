package dev.fontgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Starts a U-Net from a trained one of the same depth, condition, norms and upsampling, level by
 * level, with each level at least as wide or (decoder only) narrower:
 * <ul>
 *   <li>equal width: copied bit for bit;
 *   <li>wider ("net2wider"): the trained channels are copied and the new ones keep their fresh
 *       initialization, but every weight that READS a new channel starts at zero, so the wider
 *       network computes exactly the trained function (in inference mode) and training grows the
 *       new channels from there;
 *   <li>narrower decoder level: keeps the source channels with the largest batch-norm scale
 *       |gamma| (the "network slimming" criterion: a channel with a small scale contributes little
 *       after its norm), and the next level reads the matching inputs; training then recovers what
 *       the dropped channels carried, far sooner than from random weights.
 * </ul>
 */
public final class UNetWarmStart {
    /** In a channel map: a channel the source does not have. */
    private static final int NEW = -1;

    private UNetWarmStart() {}

    /**
     * Copies {@code from} into {@code to} (both initialized).
     * @throws IllegalArgumentException when depth, condition, norms or upsampling differ, an encoder
     *     level of {@code to} is narrower than {@code from}'s, or a narrowed decoder level has no
     *     batch norm to rank channels by
     */
    public static void copy(UNet from, UNet to) {
        UNet.Config a = from.config();
        UNet.Config b = to.config();
        int depth = a.channels().length;
        if (b.channels().length != depth || a.inChannels() != b.inChannels()
                || a.outChannels() != b.outChannels() || a.conditionDim() != b.conditionDim()
                || a.injection() != b.injection() || a.norm() != b.norm()
                || a.conditionalDecoderNorm() != b.conditionalDecoderNorm() || a.up() != b.up()) {
            throw new IllegalArgumentException("warm start needs the same depth, condition, norms and upsampling");
        }
        boolean sameEncoder = Arrays.equals(a.channels(), b.channels());
        boolean sameWidths = sameEncoder;
        for (int i = 0; i < depth; i++) {
            sameWidths &= a.decoderOut(i) == b.decoderOut(i);
        }
        if (sameWidths) {
            copyAll(from, to);
            return;
        }
        if (a.conditionalDecoderNorm()) {
            throw new IllegalArgumentException("cannot resize a decoder with conditional norms");
        }
        if (!sameEncoder && a.injection() != UNet.Injection.BOTTLENECK) {
            throw new IllegalArgumentException("a wider encoder needs the condition at the bottleneck only");
        }
        // encoder: each level's output channels map to the source's (identity, then new ones)
        int[][] encoderMap = new int[depth][];
        int[] inputMap = null; // source input channel of each target input channel; null = identity
        for (int i = 0; i < depth; i++) {
            int srcOut = a.channels()[i];
            int dstOut = b.channels()[i];
            if (dstOut < srcOut) {
                throw new IllegalArgumentException("encoder level " + i + " is narrower (" + dstOut + ") than the source's ("
                        + srcOut + ")");
            }
            encoderMap[i] = widened(srcOut, dstOut);
            Block src = from.encoderLevels().get(i);
            Block dst = to.encoderLevels().get(i);
            copyConv(conv(src), conv(dst), encoderMap[i], inputMap);
            Block srcNorm = norm(src);
            if (srcNorm != null) {
                copyRows(srcNorm, norm(dst), encoderMap[i]);
            }
            inputMap = encoderMap[i];
        }
        // decoder level 0 reads the bottleneck, then the condition
        inputMap = a.injection() == UNet.Injection.BOTTLENECK
                ? concat(encoderMap[depth - 1], a.channels()[depth - 1], identity(a.conditionDim()))
                : encoderMap[depth - 1];
        for (int j = 0; j < depth; j++) {
            int i = depth - 1 - j;
            int srcOut = a.decoderOut(i);
            int dstOut = b.decoderOut(i);
            Block srcNorm = from.decoderNorms().get(j);
            int[] keep = dstOut >= srcOut ? widened(srcOut, dstOut) : strongest(srcNorm, dstOut, j);
            copyConv(conv(from.decoderUps().get(j)), conv(to.decoderUps().get(j)), keep, inputMap);
            if (srcNorm != null) {
                copyRows(srcNorm, to.decoderNorms().get(j), keep);
            }
            if (i > 0) { // next level's input: this level's channels, then the skip's
                inputMap = concat(keep, srcOut, encoderMap[i - 1]);
            }
        }
    }

    /** The source channels 0 .. src - 1, then {@code dst - src} new ones. */
    private static int[] widened(int src, int dst) {
        int[] map = new int[dst];
        for (int c = 0; c < dst; c++) {
            map[c] = c < src ? c : NEW;
        }
        return map;
    }

    private static int[] identity(int n) {
        return widened(n, n);
    }

    /** {@code first}, then {@code second} with its source channels shifted by {@code offset}. */
    private static int[] concat(int[] first, int offset, int[] second) {
        int[] map = Arrays.copyOf(first, first.length + second.length);
        for (int c = 0; c < second.length; c++) {
            map[first.length + c] = second[c] == NEW ? NEW : offset + second[c];
        }
        return map;
    }

    /** The {@code count} channels with the largest |gamma|, in their original order. */
    private static int[] strongest(Block norm, int count, int level) {
        if (!(norm instanceof BatchNorm)) {
            throw new IllegalArgumentException("decoder level " + level + " is narrowed but has no batch norm to rank by");
        }
        float[] gamma = param(norm, "gamma").toFloatArray();
        Integer[] order = new Integer[gamma.length];
        for (int c = 0; c < order.length; c++) {
            order[c] = c;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer c) -> -Math.abs(gamma[c])).thenComparing(c -> c));
        int[] keep = new int[count];
        for (int k = 0; k < count; k++) {
            keep[k] = order[k];
        }
        Arrays.sort(keep);
        return keep;
    }

    /**
     * Conv weight (out, in, kh, kw): output row o is source row {@code keep[o]} read through
     * {@code inputMap}, with zero weights on new inputs; a new row keeps its fresh values (nothing
     * reads it yet). Bias rows likewise.
     */
    private static void copyConv(Conv2d src, Conv2d dst, int[] keep, int[] inputMap) {
        NDArray sw = param(src, "weight");
        NDArray dw = param(dst, "weight");
        long[] s = sw.getShape().getShape();
        long[] d = dw.getShape().getShape();
        int srcIn = (int) s[1];
        int dstIn = (int) d[1];
        int taps = (int) (s[2] * s[3]);
        if (d[0] != keep.length || d[2] * d[3] != taps || (inputMap == null ? dstIn != srcIn : dstIn != inputMap.length)) {
            throw new IllegalArgumentException("conv " + dw.getShape() + " does not fit " + sw.getShape());
        }
        float[] w = sw.toFloatArray();
        float[] out = dw.toFloatArray();
        for (int o = 0; o < keep.length; o++) {
            if (keep[o] == NEW) {
                continue;
            }
            for (int c = 0; c < dstIn; c++) {
                int from = inputMap == null ? c : inputMap[c];
                if (from == NEW) {
                    Arrays.fill(out, (o * dstIn + c) * taps, (o * dstIn + c + 1) * taps, 0f);
                } else {
                    System.arraycopy(w, (keep[o] * srcIn + from) * taps, out, (o * dstIn + c) * taps, taps);
                }
            }
        }
        Weights.assign(dw, out);
        boolean srcBias = has(src, "bias");
        if (srcBias != has(dst, "bias")) {
            throw new IllegalArgumentException("one conv has a bias, the other not");
        }
        if (srcBias) {
            NDArray db = param(dst, "bias");
            Weights.assign(db, pick(param(src, "bias").toFloatArray(), keep, db.toFloatArray()));
        }
    }

    /**
     * Every per-channel parameter of a norm (scale, shift, running statistics), rows {@code keep};
     * new rows keep their initial values.
     */
    private static void copyRows(Block src, Block dst, int[] keep) {
        List<Pair<String, Parameter>> d = dst.getParameters().stream().toList();
        for (Pair<String, Parameter> p : d) {
            NDArray target = p.getValue().getArray();
            Weights.assign(target, pick(param(src, p.getKey()).toFloatArray(), keep, target.toFloatArray()));
        }
    }

    private static void copyAll(Block src, Block dst) {
        List<Parameter> s = new ArrayList<>(src.getParameters().values());
        List<Parameter> d = new ArrayList<>(dst.getParameters().values());
        if (s.size() != d.size()) {
            throw new IllegalArgumentException("parameter lists differ");
        }
        for (int k = 0; k < s.size(); k++) {
            NDArray x = s.get(k).getArray();
            NDArray y = d.get(k).getArray();
            if (!x.getShape().equals(y.getShape())) {
                throw new IllegalArgumentException("parameter " + y.getShape() + " vs " + x.getShape());
            }
            Weights.assign(y, x.toFloatArray());
        }
    }

    private static Conv2d conv(Block block) {
        if (block instanceof Conv2d c) {
            return c;
        }
        for (Pair<String, Block> child : block.getChildren()) {
            if (child.getValue() instanceof Conv2d c) {
                return c;
            }
        }
        throw new IllegalArgumentException("U-Net block without a convolution: " + block);
    }

    /** The norm inside an encoder level, or null. */
    private static Block norm(Block level) {
        for (Pair<String, Block> child : level.getChildren()) {
            if (!(child.getValue() instanceof Conv2d) && !child.getValue().getParameters().isEmpty()) {
                return child.getValue();
            }
        }
        return null;
    }

    /** {@code values[keep[k]]} into a copy of {@code fresh}, leaving its entries where keep is NEW. */
    private static float[] pick(float[] values, int[] keep, float[] fresh) {
        float[] out = fresh.clone();
        for (int k = 0; k < keep.length; k++) {
            if (keep[k] != NEW) {
                out[k] = values[keep[k]];
            }
        }
        return out;
    }

    private static boolean has(Block block, String name) {
        return block.getParameters().keys().contains(name);
    }

    private static NDArray param(Block block, String name) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getKey().equals(name)) {
                return p.getValue().getArray();
            }
        }
        throw new IllegalArgumentException(block + " has no parameter " + name);
    }
}
