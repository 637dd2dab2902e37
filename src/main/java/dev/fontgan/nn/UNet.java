package dev.fontgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * U-Net encoder/decoder with a condition vector injected where {@link Injection} says (the
 * bottleneck by default) and, optionally, conditional norms in every decoder level. The encoder halves the size per level with 4x4
 * stride-2 convolutions (LeakyReLU 0.2 before all but the first, norm on all but the first and
 * last); the decoder doubles it per level (ReLU, up block, norm, dropout on chosen levels) and
 * concatenates the mirrored encoder output; the last level ends in tanh.
 *
 * <p>Inputs: (x (N, in, H, W), condition (N, E)). Outputs: (y (N, out, H, W) in [-1, 1],
 * bottleneck code (N, C * h * w)).
 */
public final class UNet extends AbstractBlock {
    /**
     * @param channels encoder output channels per level (length = depth; H / 2^depth is the bottleneck size)
     * @param decoderNorm norm of the decoder levels; CONDITIONAL uses {@link ConditionalNorm} with {@code norm}
     * @param dropoutLevels decoder levels (0 = innermost) that get dropout in training (rate: {@link #setDropoutRate})
     * @param decoderChannels output channels of the decoder level that returns to encoder level i's
     *     size, for i = 0 .. depth - 2 (the outermost level writes {@code outChannels}); null mirrors
     *     the encoder ({@code channels[i]})
     */
    public record Config(int inChannels, int outChannels, int[] channels, int conditionDim, Norm norm,
            boolean conditionalDecoderNorm, Upsampling up, int[] dropoutLevels, boolean finalBias,
            Injection injection, int[] decoderChannels) {
        public Config {
            if (decoderChannels != null && decoderChannels.length != channels.length - 1) {
                throw new IllegalArgumentException("decoderChannels needs " + (channels.length - 1) + " entries, got "
                        + decoderChannels.length);
            }
        }

        /** A config with a decoder that mirrors the encoder. */
        public Config(int inChannels, int outChannels, int[] channels, int conditionDim, Norm norm,
                boolean conditionalDecoderNorm, Upsampling up, int[] dropoutLevels, boolean finalBias,
                Injection injection) {
            this(inChannels, outChannels, channels, conditionDim, norm, conditionalDecoderNorm, up, dropoutLevels,
                    finalBias, injection, null);
        }

        /** A config that injects the condition at the bottleneck (zi2zi, pix2pix), mirrored decoder. */
        public Config(int inChannels, int outChannels, int[] channels, int conditionDim, Norm norm,
                boolean conditionalDecoderNorm, Upsampling up, int[] dropoutLevels, boolean finalBias) {
            this(inChannels, outChannels, channels, conditionDim, norm, conditionalDecoderNorm, up, dropoutLevels,
                    finalBias, Injection.BOTTLENECK, null);
        }

        /**
         * Output channels of the decoder level mirroring encoder level {@code i} (its output has
         * encoder level i - 1's size and is concatenated with that level's output; level 0 writes
         * the image).
         */
        public int decoderOut(int i) {
            return i == 0 ? outChannels : decoderChannels != null ? decoderChannels[i - 1] : channels[i - 1];
        }
    }

    /** Where the condition vector enters, tiled to the feature map's size and concatenated. */
    public enum Injection {
        /** Once, beside the bottleneck code (zi2zi's style embedding). */
        BOTTLENECK,
        /** Once, as extra input channels of the first encoder level (BicycleGAN "input"). */
        INPUT,
        /** Before every encoder level (BicycleGAN "all"): the latent reaches every skip connection. */
        ALL;

        public static Injection parse(String s) {
            return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
        }
    }

    private final Config config;
    private final List<Block> encoder = new ArrayList<>();
    private final List<Block> decoderUp = new ArrayList<>();
    private final List<Block> decoderNorm = new ArrayList<>();
    private final List<Block> dropoutBlocks = new ArrayList<>();
    private final boolean[] dropoutAt;
    private float dropoutRate = 0.5f;
    private boolean encoderFrozen;
    /** Per decoder level (innermost first): frozen by {@link #freezeDecoder}. */
    private final boolean[] decoderFrozen;
    private boolean phaseUpsampling;

    public UNet(Config config) {
        this.config = config;
        int[] ch = config.channels();
        int depth = ch.length;
        for (int i = 0; i < depth; i++) {
            SequentialBlock level = new SequentialBlock();
            if (i > 0) {
                level.add(Layers.leakyRelu(0.2f));
            }
            boolean normed = i > 0 && i < depth - 1 && config.norm() != Norm.NONE;
            level.add(Layers.down(ch[i], !normed));
            if (normed) {
                level.add(config.norm().block());
            }
            encoder.add(addChildBlock("enc" + i, level));
        }
        for (int j = 0; j < depth; j++) {
            int i = depth - 1 - j;
            boolean last = i == 0;
            int out = config.decoderOut(i);
            decoderUp.add(addChildBlock("up" + j, config.up().block(out, last && config.finalBias())));
            Block norm = null;
            if (!last && config.norm() != Norm.NONE) {
                norm = config.conditionalDecoderNorm()
                        ? new ConditionalNorm(config.norm(), out)
                        : config.norm().block();
                addChildBlock("norm" + j, norm);
            }
            decoderNorm.add(norm);
            // the block only keeps the saved weight format (it lists children); forward applies dropoutRate
            if (!last && contains(config.dropoutLevels(), j)) {
                dropoutBlocks.add(addChildBlock("drop" + j, Layers.dropout(0.5f)));
            }
        }
        decoderFrozen = new boolean[depth];
        dropoutAt = new boolean[depth];
        for (int j = 0; j < depth - 1; j++) {
            dropoutAt[j] = contains(config.dropoutLevels(), j);
        }
        Layers.initNormal(this);
    }

    public Config config() {
        return config;
    }

    /**
     * The dropout rate of the config's dropout levels in training (0.5 unless set; 0 turns it off).
     * Not part of the weights or of inference, so a trained network may continue with another rate.
     */
    public void setDropoutRate(float rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        dropoutRate = rate;
    }

    public float dropoutRate() {
        return dropoutRate;
    }

    /**
     * Freezes the encoder (zi2zi's second stage): its weights stop requiring gradients, so an
     * optimizer built afterwards leaves them out, and it runs in inference mode even in training
     * (batch norm uses and keeps its running statistics). Gradients still flow through it to its
     * input. Running statistics are never made trainable.
     */
    public void freezeEncoder(boolean freeze) {
        for (Block level : encoder) {
            Weights.freezeLearned(level, freeze);
        }
        encoderFrozen = freeze;
    }

    /** Encoder levels, outermost first (for {@link UNetInference}). */
    List<Block> encoderLevels() {
        return encoder;
    }

    /** Decoder up blocks, innermost first. */
    List<Block> decoderUps() {
        return decoderUp;
    }

    /** Decoder norms, innermost first; null where a level has none. */
    List<Block> decoderNorms() {
        return decoderNorm;
    }

    /**
     * Freezes all decoder levels but the outermost {@code trainable} ones (fine-tuning a new style
     * on few glyphs: fewer free weights to over-fit them). Frozen levels' weights stop requiring
     * gradients and their norms run in inference mode, as {@link #freezeEncoder} does; a negative
     * {@code trainable} or one of at least the depth unfreezes the whole decoder.
     */
    public void freezeDecoder(int trainable) {
        int depth = decoderUp.size();
        for (int j = 0; j < depth; j++) {
            boolean freeze = trainable >= 0 && j < depth - trainable;
            Weights.freezeLearned(decoderUp.get(j), freeze);
            if (decoderNorm.get(j) != null) {
                Weights.freezeLearned(decoderNorm.get(j), freeze);
            }
            decoderFrozen[j] = freeze;
        }
    }

    public boolean encoderFrozen() {
        return encoderFrozen;
    }

    /**
     * Runs the decoder's "nearest 2x, then 3x3 conv" levels whose input has at least 8x8 pixels in
     * {@link PhaseUpConv}'s form (same weights, same function up to float rounding, faster training
     * passes). Ignored for other upsampling kinds. Off by default: opted into per model where measured.
     */
    public void usePhaseUpsampling(boolean on) {
        phaseUpsampling = on && (config.up() == Upsampling.NEAREST_EXPAND || config.up() == Upsampling.NEAREST_INTERPOLATE);
    }

    /**
     * Runs the encoder.
     * @param x (N, in, H, W)
     * @return every level's output, outermost first; the last is the bottleneck
     */
    public List<NDArray> encode(ParameterStore ps, NDArray x, boolean training) {
        if (config.injection() != Injection.BOTTLENECK) {
            throw new IllegalStateException("this U-Net's encoder needs the condition: use encode(ps, x, cond, training)");
        }
        return encode(ps, x, null, training);
    }

    /**
     * Runs the encoder with the condition injected as the config says (ignored for BOTTLENECK).
     * @param x (N, in, H, W)
     * @param cond (N, E)
     * @return every level's output, outermost first; the last is the bottleneck
     */
    public List<NDArray> encode(ParameterStore ps, NDArray x, NDArray cond, boolean training) {
        List<NDArray> skips = new ArrayList<>(encoder.size());
        NDArray h = x;
        boolean train = training && !encoderFrozen;
        for (int i = 0; i < encoder.size(); i++) {
            Injection inj = config.injection();
            if (inj == Injection.ALL || inj == Injection.INPUT && i == 0) {
                h = h.concat(tiled(cond, h.getShape()), 1);
            }
            h = encoder.get(i).forward(ps, new NDList(h), train).singletonOrThrow();
            skips.add(h);
        }
        return skips;
    }

    /** (N, E) -> (N, E, H, W) with the spatial size of {@code like}. */
    private static NDArray tiled(NDArray cond, Shape like) {
        long n = cond.getShape().get(0);
        long e = cond.getShape().get(1);
        return cond.reshape(n, e, 1, 1).broadcast(n, e, like.get(2), like.get(3));
    }

    /**
     * The flattened bottleneck code of an image.
     * @param x (N, in, H, W)
     * @return (N, C * h * w)
     */
    public NDArray code(ParameterStore ps, NDArray x, boolean training) {
        List<NDArray> skips = encode(ps, x, training);
        NDArray b = skips.get(skips.size() - 1);
        return b.reshape(b.getShape().get(0), -1);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray cond = inputs.get(1);
        List<NDArray> skips = encode(ps, x, cond, training);
        int depth = skips.size();
        NDArray bottleneck = skips.get(depth - 1);
        Shape bs = bottleneck.getShape();
        long n = bs.get(0);
        NDArray h = bottleneck;
        if (config.injection() == Injection.BOTTLENECK) {
            NDArray condMap = cond.reshape(n, -1, 1, 1);
            if (bs.get(2) != 1 || bs.get(3) != 1) {
                condMap = condMap.broadcast(n, cond.getShape().get(1), bs.get(2), bs.get(3));
            }
            h = bottleneck.concat(condMap, 1);
        }
        for (int j = 0; j < depth; j++) {
            h = Activation.relu(h);
            h = upLevel(ps, j, h, training);
            if (j == depth - 1) {
                h = Activation.tanh(h);
                break;
            }
            Block norm = decoderNorm.get(j);
            boolean trainNorm = training && !decoderFrozen[j];
            if (norm instanceof ConditionalNorm) {
                h = norm.forward(ps, new NDList(h, cond), trainNorm).singletonOrThrow();
            } else if (norm != null) {
                h = norm.forward(ps, new NDList(h), trainNorm).singletonOrThrow();
            }
            if (dropoutAt[j] && training && dropoutRate > 0) {
                h = Dropout.dropout(h, dropoutRate, true).singletonOrThrow();
            }
            h = h.concat(skips.get(depth - 2 - j), 1);
        }
        return new NDList(h, bottleneck.reshape(n, -1));
    }

    private NDArray upLevel(ParameterStore ps, int j, NDArray h, boolean training) {
        Block up = decoderUp.get(j);
        Shape s = h.getShape();
        if (!phaseUpsampling || !PhaseUpConv.worthIt(s.get(2), s.get(3))) {
            return up.forward(ps, new NDList(h), training).singletonOrThrow();
        }
        Conv2d conv = null;
        for (Pair<String, Block> child : up.getChildren()) {
            if (child.getValue() instanceof Conv2d c) {
                conv = c;
            }
        }
        if (conv == null) {
            throw new IllegalStateException("up block without a convolution: " + up);
        }
        NDArray weight = ps.getValue(conv.getParameters().get("weight"), h.getDevice(), training);
        NDArray bias = conv.getParameters().contains("bias")
                ? ps.getValue(conv.getParameters().get("bias"), h.getDevice(), training) : null;
        return PhaseUpConv.forward(h, weight, bias);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        Shape cond = inputShapes[1];
        int[] ch = config.channels();
        int depth = ch.length;
        long n = x.get(0);
        long[] sizes = new long[depth];
        Shape s = x;
        Injection inj = config.injection();
        for (int i = 0; i < depth; i++) {
            if (inj == Injection.ALL || inj == Injection.INPUT && i == 0) {
                s = new Shape(s.get(0), s.get(1) + cond.get(1), s.get(2), s.get(3));
            }
            encoder.get(i).initialize(manager, dataType, s);
            s = encoder.get(i).getOutputShapes(new Shape[] {s})[0];
            sizes[i] = s.get(2);
        }
        long hIn = sizes[depth - 1];
        long cIn = ch[depth - 1] + (inj == Injection.BOTTLENECK ? cond.get(1) : 0);
        for (Block drop : dropoutBlocks) {
            drop.initialize(manager, dataType, new Shape(1));
        }
        for (int j = 0; j < depth; j++) {
            int i = depth - 1 - j;
            Shape in = new Shape(n, cIn, hIn, hIn);
            decoderUp.get(j).initialize(manager, dataType, in);
            Shape out = decoderUp.get(j).getOutputShapes(new Shape[] {in})[0];
            Block norm = decoderNorm.get(j);
            if (norm instanceof ConditionalNorm) {
                norm.initialize(manager, dataType, out, cond);
            } else if (norm != null) {
                norm.initialize(manager, dataType, out);
            }
            if (i > 0) {
                cIn = out.get(1) + ch[i - 1];
                hIn = out.get(2);
            }
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        int[] ch = config.channels();
        long n = x.get(0);
        long bottleneckSize = x.get(2) >> ch.length;
        return new Shape[] {new Shape(n, config.outChannels(), x.get(2), x.get(3)),
            new Shape(n, ch[ch.length - 1] * bottleneckSize * bottleneckSize)};
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
