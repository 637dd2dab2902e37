package dev.fontgan.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.fontgan.nn.Layers;
import dev.fontgan.nn.LabelEmbedding;

/**
 * A discriminator: conditioning in front of a body, a real/fake score head and an optional
 * K-class head on the body's flattened features. Label conditioning adds one input channel (a
 * learned per-class map) and a projection term (Miyato and Koyama 2018): the score gains
 * {@code <embed(y), features>}, which makes D judge "this image as class y" and so gives G a
 * reason to draw the requested class (with the input channel alone G learned to ignore labels:
 * 12% class accuracy after 2,000 steps). Image conditioning concatenates the source glyph.
 *
 * <p>Inputs: (x) | (x, labels (N)) | (source, x), images (N, 1, H, W) in [-1, 1].
 * Outputs: (scores, features (N, F), [class logits (N, K)]); scores are (N, 1) for a linear head or
 * whatever the body gives (patch logits (N, 1, h, w)) when there is no score head.
 */
public final class Critic extends AbstractBlock {
    private final Conditioning conditioning;
    private final LabelEmbedding labelMap;
    private final LabelEmbedding projection;
    private final Block body;
    private final Block score;
    private final Block classes;
    private final int sizePx;
    private final int classCount;

    /**
     * @param body images (N, C, H, W) -> features (N, F) or feature maps
     * @param scoreHead features -> logits, or null when the body's output already is the score
     * @param classCount K for an auxiliary classifier head (0: none); also the label count for LABEL
     */
    public Critic(Conditioning conditioning, Block body, boolean scoreHead, int classCount, boolean classHead, int sizePx) {
        this.conditioning = conditioning;
        this.sizePx = sizePx;
        this.classCount = classCount;
        this.labelMap = conditioning == Conditioning.LABEL
                ? addChildBlock("labelMap", new LabelEmbedding(classCount, sizePx * sizePx)) : null;
        this.body = addChildBlock("body", body);
        this.projection = conditioning.discriminatorTakesLabels() && scoreHead
                ? addChildBlock("projection", new LabelEmbedding(classCount,
                        (int) featureDims(new Shape(1, 1, sizePx, sizePx)), 0.02f))
                : null;
        this.score = scoreHead ? addChildBlock("score", Layers.initNormal(Layers.linear(1, true))) : null;
        this.classes = classHead ? addChildBlock("classes", Layers.initNormal(Layers.linear(classCount, true))) : null;
    }

    /** Runs the body and heads on one batch of images with their conditioning (labels or sources, may be null). */
    public NDList score(ParameterStore ps, NDArray x, NDArray condition, boolean training) {
        NDList in = switch (conditioning) {
            case LABEL, LABEL_PROJECTION -> new NDList(x, condition);
            case IMAGE -> new NDList(condition, x);
            default -> new NDList(x);
        };
        return forward(ps, in, training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        if (labelMap != null) {
            NDArray map = labelMap.forward(ps, new NDList(inputs.get(1)), training).singletonOrThrow()
                    .reshape(x.getShape().get(0), 1, sizePx, sizePx);
            x = x.concat(map, 1);
        } else if (conditioning == Conditioning.IMAGE) {
            x = x.concat(inputs.get(1), 1);
        }
        NDArray h = body.forward(ps, new NDList(x), training).singletonOrThrow();
        NDArray features = h.reshape(h.getShape().get(0), -1);
        NDList out = new NDList();
        NDArray s = score == null ? h : score.forward(ps, new NDList(features), training).singletonOrThrow();
        if (projection != null) {
            NDArray e = projection.forward(ps, new NDList(inputs.get(1)), training).singletonOrThrow();
            s = s.add(e.mul(features).sum(new int[] {1}, true));
        }
        out.add(s);
        out.add(features);
        if (classes != null) {
            out.add(classes.forward(ps, new NDList(features), training).singletonOrThrow());
        }
        return out;
    }

    private Shape bodyInput(Shape x) {
        long extra = conditioning == Conditioning.LABEL || conditioning == Conditioning.IMAGE ? 1 : 0;
        return new Shape(x.get(0), x.get(1) + extra, x.get(2), x.get(3));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        if (labelMap != null) {
            labelMap.initialize(manager, dataType, inputShapes[1]);
        }
        Shape in = bodyInput(x);
        body.initialize(manager, dataType, in);
        Shape h = body.getOutputShapes(new Shape[] {in})[0];
        Shape features = new Shape(h.get(0), h.size() / h.get(0));
        if (score != null) {
            score.initialize(manager, dataType, features);
        }
        if (projection != null) {
            projection.initialize(manager, dataType, inputShapes[1]);
        }
        if (classes != null) {
            classes.initialize(manager, dataType, features);
        }
    }

    /** Width F of the flattened features for a batch shape of the (first) image input. */
    public long featureDims(Shape image) {
        Shape h = body.getOutputShapes(new Shape[] {bodyInput(image)})[0];
        return h.size() / h.get(0);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        Shape h = body.getOutputShapes(new Shape[] {bodyInput(x)})[0];
        long n = x.get(0);
        Shape features = new Shape(n, h.size() / n);
        Shape s = score == null ? h : new Shape(n, 1);
        return classes == null ? new Shape[] {s, features}
                : new Shape[] {s, features, new Shape(n, classCount)};
    }
}
