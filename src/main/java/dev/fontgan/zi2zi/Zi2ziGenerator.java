package dev.fontgan.zi2zi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import dev.fontgan.nn.Layers;
import dev.fontgan.nn.UNet;
import dev.fontgan.nn.UNetWarmStart;
import dev.fontgan.nn.Weights;

/**
 * zi2zi generator: a U-Net over the source glyph with a learned style embedding concatenated at
 * the 1x1 bottleneck. Inputs: (source (N, 1, H, W) in [-1, 1], style) where style is either
 * integer ids (N) or embedding-space vectors (N, E) (for interpolation). Outputs:
 * (glyph (N, 1, H, W) in [-1, 1], source bottleneck code (N, C)).
 */
public final class Zi2ziGenerator extends AbstractBlock {
    private final int styles;
    private final int embeddingDim;
    private final Parameter embedding;
    private final UNet unet;

    /** Decoder levels with dropout during training. */
    static final int[] DROPOUT_LEVELS = {1, 2, 3};

    public Zi2ziGenerator(Zi2ziArch arch, int styles) {
        this(Zi2ziGeneratorSpec.of(arch), styles);
    }

    /** A generator from a recorded shape (style packs rebuild theirs this way). */
    public Zi2ziGenerator(Zi2ziGeneratorSpec spec, int styles) {
        this.styles = styles;
        this.embeddingDim = spec.embeddingDim();
        this.embedding = addParameter(Parameter.builder().setName("styleEmbedding").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(styles, spec.embeddingDim())).build());
        this.unet = addChildBlock("unet", new UNet(new UNet.Config(1, 1, spec.channels(), spec.embeddingDim(),
                spec.norm(), spec.conditionalDecoderNorm(), spec.up(), spec.dropoutLevels(), spec.finalBias(),
                UNet.Injection.BOTTLENECK, spec.decoderChannels())));
        unet.usePhaseUpsampling(true); // same weights and function, faster training passes (PhaseUpConv)
        Layers.initNormal(this);
        embedding.setInitializer(new NormalInitializer(0.1f));
    }

    public int styleCount() {
        return styles;
    }

    public int embeddingDim() {
        return embeddingDim;
    }

    public UNet unet() {
        return unet;
    }

    /** The style embedding table (styles, E); rows may be read or overwritten in place. */
    public NDArray styleTable() {
        return embedding.getArray();
    }

    /**
     * Starts from a trained generator of the same depth and style count, each level at least as
     * wide or (decoder) narrower ({@link UNetWarmStart}); the style embedding is copied as is.
     */
    public void warmStartFrom(Zi2ziGenerator trained) {
        if (!trained.styleTable().getShape().equals(styleTable().getShape())) {
            throw new IllegalArgumentException("style tables differ: " + trained.styleTable().getShape() + " vs "
                    + styleTable().getShape());
        }
        UNetWarmStart.copy(trained.unet, unet);
        Weights.assign(styleTable(), trained.styleTable().toFloatArray());
    }

    /**
     * Style vectors for ids, or vectors passed through.
     * @param style int ids (N) or float vectors (N, E)
     * @return (N, E)
     */
    public NDArray styleVectors(ParameterStore ps, NDArray style, boolean training) {
        if (style.getShape().dimension() == 2) {
            return style;
        }
        NDArray table = ps.getValue(embedding, style.getDevice(), training);
        return style.oneHot(styles, DataType.FLOAT32).matMul(table);
    }

    /**
     * Bottleneck code of images (for the encoding-consistency loss).
     * @param glyphs (N, 1, H, W) in [-1, 1]
     * @return (N, C)
     */
    public NDArray code(ParameterStore ps, NDArray glyphs, boolean training) {
        return unet.code(ps, glyphs, training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray cond = styleVectors(ps, inputs.get(1), training);
        return unet.forward(ps, new NDList(inputs.get(0), cond), training);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        unet.initialize(manager, dataType, inputShapes[0], new Shape(inputShapes[0].get(0), embeddingDim));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return unet.getOutputShapes(new Shape[] {inputShapes[0], new Shape(inputShapes[0].get(0), embeddingDim)});
    }
}
