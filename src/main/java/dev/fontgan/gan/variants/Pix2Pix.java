package dev.fontgan.gan.variants;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.fontgan.gan.AdversarialLoss;
import dev.fontgan.gan.Batch;
import dev.fontgan.gan.Conditioning;
import dev.fontgan.gan.Critic;
import dev.fontgan.gan.DataMode;
import dev.fontgan.gan.Losses;
import dev.fontgan.gan.Metric;
import dev.fontgan.gan.OptimizerSpec;
import dev.fontgan.gan.Players;
import dev.fontgan.gan.Step;
import dev.fontgan.gan.Variant;
import dev.fontgan.gan.VariantConfig;
import dev.fontgan.nn.Norm;
import dev.fontgan.nn.PatchDiscriminator;
import dev.fontgan.nn.UNet;
import dev.fontgan.nn.Upsampling;
import dev.fontgan.nn.Scalars;

/**
 * Pix2Pix: a U-Net G from the source glyph to the target font's glyph (dropout in the three
 * innermost decoder levels is its only noise, kept on in training), a conditional PatchGAN D on
 * (source, glyph) pairs, non-saturating BCE + 100 * L1.
 */
public final class Pix2Pix implements Variant {
    public static final float L1_WEIGHT = 100f;

    @Override
    public String name() {
        return "pix2pix";
    }

    @Override
    public String summary() {
        return "pix2pix: U-Net G (dropout as noise), conditional PatchGAN D on (input, output), L1 100";
    }

    @Override
    public DataMode data() {
        return DataMode.PAIRED_GLYPHS;
    }

    @Override
    public Metric metric() {
        return Metric.L1_SSIM;
    }

    @Override
    public Players build(VariantConfig c) {
        int w = c.width();
        return Players.builder(c, Conditioning.IMAGE)
                .generator(new Translator(unetChannels(c)))
                .critic(new Critic(Conditioning.IMAGE,
                        PatchDiscriminator.build(new int[] {w, 2 * w, 4 * w, 8 * w}, new int[] {2, 2, 2, 1}, 4, Norm.BATCH),
                        false, 0, false, c.sizePx()))
                .optimizers(OptimizerSpec.dcganAdam())
                .build();
    }

    /** Encoder channels down to 1 x 1: w, 2w, 4w, 8w, 8w, ... */
    static int[] unetChannels(VariantConfig c) {
        int size = c.sizePx();
        if (size < 8 || Integer.bitCount(size) != 1) {
            throw new dev.fontgan.FontganException("--size", "pix2pix needs a power-of-two size >= 8, got " + size);
        }
        int depth = Integer.numberOfTrailingZeros(size);
        int[] ch = new int[depth];
        for (int i = 0; i < depth; i++) {
            ch[i] = c.width() * Math.min(8, 1 << i);
        }
        return ch;
    }

    @Override
    public void iterate(Players p, Batch b, Step s) {
        AdversarialLoss adv = AdversarialLoss.NON_SATURATING;
        s.critic(b, adv);
        s.updateGenerator("g_loss", () -> {
            NDArray out = p.generate(b.sources(), null, true);
            NDArray l1 = Losses.l1(out, b.images());
            s.record("l1", l1);
            return adv.generator(p.criticize(out, b.sources(), true).get(0)).add(Scalars.times(l1, L1_WEIGHT));
        });
    }

    /** The U-Net as an image -> image block (its condition input is unused: one zero channel). */
    static final class Translator extends AbstractBlock {
        private final UNet unet;

        Translator(int[] channels) {
            unet = addChildBlock("unet", new UNet(new UNet.Config(1, 1, channels, 1, Norm.BATCH, false,
                    Upsampling.FASTEST, new int[] {0, 1, 2}, true)));
            unet.usePhaseUpsampling(true); // same weights and function, faster training passes (PhaseUpConv)
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            NDArray none = x.getManager().zeros(new Shape(x.getShape().get(0), 1));
            return new NDList(unet.forward(ps, new NDList(x, none), training).get(0));
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            unet.initialize(manager, dataType, inputShapes[0], new Shape(inputShapes[0].get(0), 1));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {inputShapes[0]};
        }
    }
}
