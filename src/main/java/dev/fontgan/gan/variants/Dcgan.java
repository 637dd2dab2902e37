package dev.fontgan.gan.variants;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import dev.fontgan.gan.AdversarialLoss;
import dev.fontgan.gan.Batch;
import dev.fontgan.gan.Conditioning;
import dev.fontgan.gan.Critic;
import dev.fontgan.gan.OptimizerSpec;
import dev.fontgan.gan.Players;
import dev.fontgan.gan.Step;
import dev.fontgan.gan.Variant;
import dev.fontgan.gan.VariantConfig;
import dev.fontgan.nn.Layers;
import dev.fontgan.nn.Norm;
import dev.fontgan.nn.Upsampling;

/**
 * DCGAN: all-convolutional strided D, G of nearest upsampling + 3x3 convolutions (the engine has no
 * transposed convolution), batch norm except at G's output and D's input, ReLU in G, LeakyReLU 0.2
 * in D, tanh output, Adam 2e-4 beta1 0.5, weights N(0, 0.02). The nets are shared by other variants.
 */
public final class Dcgan implements Variant {
    /** Spatial size of G's first feature map. */
    static final int BASE_PX = 4;

    @Override
    public String name() {
        return "dcgan";
    }

    @Override
    public String summary() {
        return "deep convolutional GAN: strided-conv D, upsample+conv G, batch norm, Adam 2e-4/0.5";
    }

    @Override
    public Players build(VariantConfig c) {
        return players(c, Conditioning.NONE, Norm.BATCH, false)
                .optimizers(OptimizerSpec.dcganAdam())
                .build();
    }

    @Override
    public void iterate(Players p, Batch b, Step s) {
        s.critic(b, AdversarialLoss.NON_SATURATING);
        s.generator(b, AdversarialLoss.NON_SATURATING);
    }

    /** DCGAN generator and critic with the given conditioning and critic norm. */
    static Players.Builder players(VariantConfig c, Conditioning conditioning, Norm criticNorm, boolean classHead) {
        return players(c, conditioning, criticNorm, classHead, c.classCount());
    }

    /** The same, with {@code labels} values of the label both players read (fonts rather than classes). */
    static Players.Builder players(VariantConfig c, Conditioning conditioning, Norm criticNorm, boolean classHead,
                                   int labels) {
        return Players.builder(c, conditioning)
                .labelCount(labels)
                .generator(generator(c))
                .critic(new Critic(conditioning, discriminator(c, criticNorm), true, labels, classHead, c.sizePx()));
    }

    /** Levels of doubling from {@link #BASE_PX} to the image size. */
    static int levels(VariantConfig c) {
        int size = c.sizePx();
        if (size < 2 * BASE_PX || Integer.bitCount(size) != 1) {
            throw new dev.fontgan.FontganException("--size", "DCGAN nets need a power-of-two size >= 8, got " + size);
        }
        return Integer.numberOfTrailingZeros(size / BASE_PX);
    }

    /**
     * Noise (N, Z') -> linear -> (N, w * 2^(L-1), 4, 4) -> [upsample, conv3, BN, ReLU] ... -> upsample, conv3 -> tanh.
     * Output (N, 1, size, size) in [-1, 1].
     */
    public static Block generator(VariantConfig c) {
        int levels = levels(c);
        int channels = c.width() << (levels - 1);
        SequentialBlock g = new SequentialBlock();
        g.add(Layers.linear(channels * BASE_PX * BASE_PX, false));
        int ch0 = channels;
        g.add(LambdaBlock.singleton(x -> x.reshape(new Shape(-1, ch0, BASE_PX, BASE_PX)), "toMap"));
        g.add(Norm.BATCH.block()).add(Layers.relu());
        for (int i = 1; i < levels; i++) {
            channels /= 2;
            g.add(Upsampling.FASTEST.upsampleBlock()).add(Layers.conv3(channels, false)).add(Norm.BATCH.block())
                    .add(Layers.relu());
        }
        g.add(Upsampling.FASTEST.upsampleBlock()).add(Layers.conv3(1, true)).add(Layers.tanh());
        return Layers.initNormal(g);
    }

    /**
     * Images (N, C, size, size) -> [conv 4x4 stride 2, norm (not on the first), LeakyReLU 0.2] x L
     * -> feature map (N, w * 2^(L-1), 4, 4).
     */
    public static Block discriminator(VariantConfig c, Norm norm) {
        int levels = levels(c);
        SequentialBlock d = new SequentialBlock();
        int channels = c.width();
        for (int i = 0; i < levels; i++) {
            d.add(Layers.downBlock(channels, i == 0 ? Norm.NONE : norm, Layers.leakyRelu(0.2f)));
            channels *= 2;
        }
        return Layers.initNormal(d);
    }
}
