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
 * Starts a U-Net from a trained one with the same encoder and a decoder at most as wide: the
 * encoder, and every decoder level of equal width, are copied bit for bit; a narrower decoder
 * level keeps the source channels with the largest batch-norm scale |gamma| (the "network
 * slimming" criterion: a channel with a small scale contributes little after its norm), and the
 * next level keeps the matching input channels and all skip channels. Training then recovers what
 * the dropped channels carried, far sooner than from random weights.
 */
public final class UNetWarmStart {
    private UNetWarmStart() {}

    /**
     * Copies {@code from} into {@code to} (both initialized).
     * @throws IllegalArgumentException when the encoders differ or a decoder level of {@code to}
     *     is wider than {@code from}'s, or a narrowed level has no batch norm to rank channels by
     */
    public static void copy(UNet from, UNet to) {
        UNet.Config a = from.config();
        UNet.Config b = to.config();
        if (!Arrays.equals(a.channels(), b.channels()) || a.inChannels() != b.inChannels()
                || a.outChannels() != b.outChannels() || a.conditionDim() != b.conditionDim()
                || a.injection() != b.injection() || a.norm() != b.norm()
                || a.conditionalDecoderNorm() != b.conditionalDecoderNorm() || a.up() != b.up()) {
            throw new IllegalArgumentException("warm start needs the same encoder, condition, norms and upsampling");
        }
        int depth = a.channels().length;
        boolean sameWidths = true;
        for (int i = 0; i < depth; i++) {
            sameWidths &= a.decoderOut(i) == b.decoderOut(i);
        }
        if (sameWidths) {
            copyAll(from, to);
            return;
        }
        if (a.conditionalDecoderNorm()) {
            throw new IllegalArgumentException("cannot narrow a decoder with conditional norms");
        }
        for (int i = 0; i < from.encoderLevels().size(); i++) {
            copyAll(from.encoderLevels().get(i), to.encoderLevels().get(i));
        }
        int[] inputMap = null; // source input channel of each target input channel; null = identity
        for (int j = 0; j < depth; j++) {
            int i = depth - 1 - j;
            int srcOut = a.decoderOut(i);
            int dstOut = b.decoderOut(i);
            if (dstOut > srcOut) {
                throw new IllegalArgumentException("decoder level " + j + " is wider (" + dstOut + ") than the source's ("
                        + srcOut + ")");
            }
            Block srcNorm = from.decoderNorms().get(j);
            int[] keep = dstOut == srcOut ? range(0, srcOut) : strongest(srcNorm, dstOut, j);
            copyConv(conv(from.decoderUps().get(j)), conv(to.decoderUps().get(j)), keep, inputMap);
            if (srcNorm != null) {
                copyRows(srcNorm, to.decoderNorms().get(j), keep);
            }
            if (i > 0) { // next level's input: this level's kept channels, then the skip's
                int skip = a.channels()[i - 1];
                inputMap = new int[dstOut + skip];
                System.arraycopy(keep, 0, inputMap, 0, dstOut);
                for (int s = 0; s < skip; s++) {
                    inputMap[dstOut + s] = srcOut + s;
                }
            }
        }
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

    /** Conv weight (out, in, kh, kw) rows {@code keep}, input channels {@code inputMap}; bias rows {@code keep}. */
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
        float[] out = new float[(int) dw.size()];
        for (int o = 0; o < keep.length; o++) {
            for (int c = 0; c < dstIn; c++) {
                int from = inputMap == null ? c : inputMap[c];
                System.arraycopy(w, (keep[o] * srcIn + from) * taps, out, (o * dstIn + c) * taps, taps);
            }
        }
        dw.set(out);
        boolean srcBias = has(src, "bias");
        if (srcBias != has(dst, "bias")) {
            throw new IllegalArgumentException("one conv has a bias, the other not");
        }
        if (srcBias) {
            param(dst, "bias").set(pick(param(src, "bias").toFloatArray(), keep));
        }
    }

    /** Every per-channel parameter of a norm (scale, shift, running statistics), rows {@code keep}. */
    private static void copyRows(Block src, Block dst, int[] keep) {
        List<Pair<String, Parameter>> d = dst.getParameters().stream().toList();
        for (Pair<String, Parameter> p : d) {
            NDArray target = p.getValue().getArray();
            target.set(pick(param(src, p.getKey()).toFloatArray(), keep));
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
            y.set(x.toFloatArray());
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

    private static float[] pick(float[] values, int[] keep) {
        float[] out = new float[keep.length];
        for (int k = 0; k < keep.length; k++) {
            out[k] = values[keep[k]];
        }
        return out;
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int k = 0; k < r.length; k++) {
            r[k] = from + k;
        }
        return r;
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
