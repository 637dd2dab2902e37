package dev.fontgan.zi2zi;

import dev.fontgan.FontganException;
import dev.fontgan.nn.Norm;
import dev.fontgan.nn.Upsampling;

/**
 * The zi2zi network sizes. {@link #REFERENCE} mirrors the published shape (and
 * bench/zi2zi_ref.py): ngf 64 capped at 512, 4x4 convs down to 1x1, upsample + conv decoder,
 * 5x5 PatchGAN D with batch norm. {@link #DEFAULT} is the light network this product trains on
 * two CPU cores.
 *
 * @param generatorChannels encoder output channels per level (64 px -> 1x1 needs 6 levels)
 * @param decoderChannels decoder output channels, as {@link dev.fontgan.nn.UNet.Config#decoderChannels()}
 * @param embeddingDim style embedding width, concatenated at the bottleneck
 * @param discriminatorChannels D layer widths before its final 1-channel conv
 * @param discriminatorStrides D layer strides
 * @param discriminatorKernel D kernel size
 * @param discriminatorNorm norm of D's inner layers
 * @param jointDiscriminator run D once on real and fake together (only without batch norm)
 */
public enum Zi2ziArch {
    REFERENCE(new int[] {64, 128, 256, 512, 512, 512}, null, 128, Norm.BATCH, false, Upsampling.FASTEST, false,
            new int[] {64, 128, 256, 512}, new int[] {2, 2, 2, 1}, 5, Norm.BATCH, false),
    DEFAULT(new int[] {16, 32, 64, 128, 128, 128}, null, 64, Norm.BATCH, false, Upsampling.FASTEST, true,
            new int[] {16, 32, 64}, new int[] {2, 2, 2}, 4, Norm.NONE, true),
    /**
     * {@link #DEFAULT} with half the decoder channels at 8x8 to 32x32, where most of its inference
     * time goes; it can start from a default pack ({@code train zi2zi --arch slim --init PACK}).
     */
    SLIM(new int[] {16, 32, 64, 128, 128, 128}, new int[] {8, 16, 32, 128, 128}, 64, Norm.BATCH, false,
            Upsampling.FASTEST, true, new int[] {16, 32, 64}, new int[] {2, 2, 2}, 4, Norm.NONE, true),
    /**
     * {@link #DEFAULT} with its 4x4, 2x2 and 1x1 levels 256 wide (G 4.66 M parameters vs 1.41 M): more capacity where
     * the style is decided, at 0.57x default's training images/s (one thread, session 6), so below
     * the 10x-reference speed goal; starts exactly from a default pack ({@code --init PACK}, new
     * channels read with zero weights).
     */
    WIDE(new int[] {16, 32, 64, 256, 256, 256}, null, 64, Norm.BATCH, false, Upsampling.FASTEST, true,
            new int[] {16, 32, 64}, new int[] {2, 2, 2}, 4, Norm.NONE, true),
    /** A toy network for tests and smoke runs at 16 px (4 levels down to 1x1). */
    TINY(new int[] {8, 16, 16, 16}, null, 8, Norm.BATCH, true, Upsampling.FASTEST, true,
            new int[] {8, 16}, new int[] {2, 2}, 4, Norm.NONE, true);

    final int[] generatorChannels;
    final int[] decoderChannels;
    final int embeddingDim;
    final Norm norm;
    final boolean conditionalDecoderNorm;
    final Upsampling up;
    final boolean finalBias;
    final int[] discriminatorChannels;
    final int[] discriminatorStrides;
    final int discriminatorKernel;
    final Norm discriminatorNorm;
    final boolean jointDiscriminator;

    Zi2ziArch(int[] generatorChannels, int[] decoderChannels, int embeddingDim, Norm norm, boolean conditionalDecoderNorm, Upsampling up,
            boolean finalBias, int[] discriminatorChannels, int[] discriminatorStrides, int discriminatorKernel,
            Norm discriminatorNorm, boolean jointDiscriminator) {
        this.generatorChannels = generatorChannels;
        this.decoderChannels = decoderChannels != null ? decoderChannels
                : java.util.Arrays.copyOf(generatorChannels, generatorChannels.length - 1);
        this.embeddingDim = embeddingDim;
        this.norm = norm;
        this.conditionalDecoderNorm = conditionalDecoderNorm;
        this.up = up;
        this.finalBias = finalBias;
        this.discriminatorChannels = discriminatorChannels;
        this.discriminatorStrides = discriminatorStrides;
        this.discriminatorKernel = discriminatorKernel;
        this.discriminatorNorm = discriminatorNorm;
        this.jointDiscriminator = jointDiscriminator;
    }

    /** Lower-case name used on the command line and in files. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public int embeddingDim() {
        return embeddingDim;
    }

    /** The named architecture whose generator has exactly this shape, if any. */
    public static java.util.Optional<Zi2ziArch> withGenerator(Zi2ziGeneratorSpec spec) {
        return java.util.Arrays.stream(values()).filter(a -> Zi2ziGeneratorSpec.of(a).equals(spec)).findFirst();
    }

    public static Zi2ziArch parse(String s) {
        for (Zi2ziArch a : values()) {
            if (a.id().equals(s.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))) {
                return a;
            }
        }
        throw new FontganException("--arch", "unknown architecture '" + s + "' (expected one of "
                + java.util.Arrays.stream(values()).map(Zi2ziArch::id).toList() + ")");
    }
}
