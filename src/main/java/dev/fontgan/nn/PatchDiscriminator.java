package dev.fontgan.nn;

import ai.djl.nn.SequentialBlock;

/**
 * PatchGAN discriminator body: convolutions with LeakyReLU 0.2 (no norm on the first), ending
 * in a 1-channel convolution (same kernel when odd, else 3x3). Input (N, inChannels, H, W) -> logits (N, 1, h, w), one per patch.
 */
public final class PatchDiscriminator {
    private PatchDiscriminator() {}

    /**
     * @param channels output channels of each layer before the final 1-channel conv
     * @param strides stride of each layer (2 halves the size)
     * @param kernel square kernel size (odd kernels pad kernel/2; 4 pads 1)
     */
    public static SequentialBlock build(int[] channels, int[] strides, int kernel, Norm norm) {
        SequentialBlock b = new SequentialBlock();
        int pad = kernel % 2 == 1 ? kernel / 2 : 1;
        for (int i = 0; i < channels.length; i++) {
            boolean normed = i > 0 && norm != Norm.NONE;
            b.add(Layers.conv(channels[i], kernel, strides[i], pad, !normed));
            if (normed) {
                b.add(norm.block());
            }
            b.add(Layers.leakyRelu(0.2f));
        }
        int last = kernel % 2 == 1 ? kernel : 3;
        b.add(Layers.conv(1, last, 1, last / 2, true));
        return Layers.initNormal(b);
    }
}
