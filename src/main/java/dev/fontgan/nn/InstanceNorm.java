package dev.fontgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * Instance normalization: each sample's channel is normalized over its own H x W, then an optional
 * learned per-channel scale and shift. The engine has no such op; this uses one-axis means.
 */
public final class InstanceNorm extends AbstractBlock {
    static final float EPSILON = 1e-5f;
    private final boolean affine;
    private Parameter gamma;
    private Parameter beta;

    public InstanceNorm(boolean affine) {
        this.affine = affine;
        if (affine) {
            gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA)
                    .optInitializer(Initializer.ONES).build());
            beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA)
                    .optInitializer(Initializer.ZEROS).build());
        }
    }

    /**
     * Normalizes without scale or shift.
     * @param x (N, C, H, W)
     * @return (N, C, H, W), zero mean and unit variance per sample and channel
     */
    public static NDArray normalize(NDArray x) {
        Shape s = x.getShape();
        NDArray flat = x.reshape(s.get(0), s.get(1), -1);
        NDArray centered = flat.sub(flat.mean(new int[] {2}, true));
        NDArray variance = centered.square().mean(new int[] {2}, true);
        return centered.div(variance.add(EPSILON).sqrt()).reshape(s);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray y = normalize(x);
        if (affine) {
            long c = x.getShape().get(1);
            NDArray g = Weights.inStep(ps.getValue(gamma, x.getDevice(), training), x.getManager()).reshape(1, c, 1, 1);
            NDArray b = Weights.inStep(ps.getValue(beta, x.getDevice(), training), x.getManager()).reshape(1, c, 1, 1);
            y = y.mul(g).add(b);
        }
        return new NDList(y);
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        if (affine) {
            long c = inputShapes[0].get(1);
            gamma.setShape(new Shape(c));
            beta.setShape(new Shape(c));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public void initializeChildBlocks(ai.djl.ndarray.NDManager m, DataType t, Shape... s) {
        // no children
    }
}
