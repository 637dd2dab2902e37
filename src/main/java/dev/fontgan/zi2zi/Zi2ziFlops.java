package dev.fontgan.zi2zi;

import dev.fontgan.nn.UNetInference;

/**
 * Floating-point operations of the zi2zi networks per image, counted from layer shapes (2 per
 * multiply-add of convolutions and linear layers; activations, norms and copies are not counted,
 * they are memory traffic rather than arithmetic). Used to turn images/s into achieved GFLOP/s.
 */
public final class Zi2ziFlops {
    private Zi2ziFlops() {}

    /** One generator forward pass as trained: encoder, then per decoder level nearest 2x + 3x3 conv. */
    public static long generatorForward(Zi2ziGeneratorSpec spec, int sizePx) {
        return encoder(spec, sizePx) + decoder(spec, sizePx, 9, 4);
    }

    /**
     * One generator forward pass as {@link dev.fontgan.nn.UNetInference} runs it: each decoder
     * level is a 2x2 conv to 4x the channels on the (H+1) x (W+1) low-resolution grid, and levels
     * over tiny inputs are one matrix product each.
     */
    public static long generatorForwardFolded(Zi2ziGeneratorSpec spec, int sizePx) {
        return encoder(spec, sizePx, true) + decoder(spec, sizePx, 4 * 4, -1);
    }

    /** The encoder alone (the "const" loss runs it on the generated glyph too). */
    public static long encoder(Zi2ziGeneratorSpec spec, int sizePx) {
        return encoder(spec, sizePx, false);
    }

    private static long encoder(Zi2ziGeneratorSpec spec, int sizePx, boolean folded) {
        long flops = 0;
        int in = 1;
        long size = sizePx;
        for (int c : spec.channels()) {
            long inSize = in * size * size;
            long inPixels = size * size;
            size /= 2;
            long outSize = c * size * size;
            flops += folded && UNetInference.runsDense(inPixels, inSize, outSize) ? 2L * inSize * outSize
                    : 2L * c * in * 16 * size * size;
            in = c;
        }
        return flops;
    }

    /**
     * @param tapsTimesPhases multiply-adds per output channel and input channel per output pixel
     *     group: 9 for a 3x3 conv at the upsampled size, 16 (4 phases x 2x2) for the folded form
     * @param upsampledPixelsFactor 4 for "per upsampled pixel"; -1 selects the (H+1)(W+1) grid
     */
    private static long decoder(Zi2ziGeneratorSpec spec, int sizePx, int tapsTimesPhases, int upsampledPixelsFactor) {
        int[] ch = spec.channels();
        int depth = ch.length;
        long flops = 0;
        long size = sizePx >> depth;
        long in = ch[depth - 1] + spec.embeddingDim();
        for (int j = 0; j < depth; j++) {
            int i = depth - 1 - j;
            long out = i == 0 ? 1 : spec.decoderChannels()[i - 1];
            long pixels = upsampledPixelsFactor > 0 ? upsampledPixelsFactor * size * size : (size + 1) * (size + 1);
            long inSize = in * size * size;
            long outSize = out * 4 * size * size;
            flops += upsampledPixelsFactor < 0 && UNetInference.runsDense(size * size, inSize, outSize)
                    ? 2L * inSize * outSize : 2L * out * in * tapsTimesPhases * pixels;
            size *= 2;
            if (i > 0) {
                in = out + ch[i - 1];
            }
        }
        return flops;
    }

    /** One discriminator forward pass on one (source, candidate) pair. */
    public static long discriminatorForward(Zi2ziArch arch, int sizePx, int styles) {
        int k = arch.discriminatorKernel;
        int pad = k % 2 == 1 ? k / 2 : 1;
        long size = sizePx;
        long in = 2;
        long flops = 0;
        for (int i = 0; i < arch.discriminatorChannels.length; i++) {
            size = (size + 2 * pad - k) / arch.discriminatorStrides[i] + 1;
            flops += 2L * arch.discriminatorChannels[i] * in * k * k * size * size;
            in = arch.discriminatorChannels[i];
        }
        int last = k % 2 == 1 ? k : 3;
        flops += 2L * in * last * last * size * size;
        return flops + 2L * size * size * (1 + styles);
    }

    /**
     * One training iteration per image (1 D step + {@code generatorSteps} G steps), backward
     * counted as twice the forward: D step = G forward (fake) + D forward and backward on real
     * and fake; G step = G forward and backward + D forward and backward on the fake + the
     * encoder's forward and backward on the fake (const loss).
     */
    public static long trainingIteration(Zi2ziArch arch, int sizePx, int styles, int generatorSteps) {
        Zi2ziGeneratorSpec spec = Zi2ziGeneratorSpec.of(arch);
        long g = generatorForward(spec, sizePx);
        long d = discriminatorForward(arch, sizePx, styles);
        long e = encoder(spec, sizePx);
        long dStep = g + 3 * 2 * d;
        long gStep = 3 * g + 3 * d + 3 * e;
        return dStep + generatorSteps * gStep;
    }
}
