package dev.fontgan.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * A 2-D convolution with spectral normalization (Miyato et al. 2018): the weight, seen as a
 * (out, in * k * k) matrix, is divided by its largest singular value, estimated by one power
 * iteration per training forward pass. The iteration vector {@code u} is kept as a non-trainable
 * parameter so it is saved with the weights and a resumed run continues the same estimate.
 * The engine has no spectral norm; this is matrix products on the weight.
 */
public final class SpectralNormConv extends AbstractBlock {
    private static final float EPSILON = 1e-12f;
    private final int outChannels;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter u;

    public SpectralNormConv(int outChannels, int kernel, int stride, int padding) {
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optInitializer(new NormalInitializer(Layers.INIT_STD)).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(outChannels)).build());
        // RUNNING_MEAN: like batch-norm statistics it is state, never trained nor unfrozen
        u = addParameter(Parameter.builder().setName("u").setType(Parameter.Type.RUNNING_MEAN)
                .optShape(new Shape(outChannels)).optInitializer(new NormalInitializer(1f)).optRequiresGrad(false)
                .build());
    }

    /** 4x4 stride-2 down-sampling convolution, as {@link Layers#down}. */
    public static SpectralNormConv down(int outChannels) {
        return new SpectralNormConv(outChannels, 4, 2, 1);
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        weight.setShape(new Shape(outChannels, inputShapes[0].get(1), kernel, kernel));
    }

    /**
     * The weight divided by its estimated largest singular value; in training first one power
     * iteration updates {@code u}. Gradients flow through the weight, not through u and v.
     * @return (out, in, k, k)
     */
    public NDArray normalizedWeight(ParameterStore ps, Device device, boolean training) {
        return normalizedWeight(ps, device, training, null);
    }

    /** As above, with every intermediate made in {@code step} when it is given (see {@link Weights#inStep}). */
    private NDArray normalizedWeight(ParameterStore ps, Device device, boolean training, NDManager step) {
        NDArray w = ps.getValue(weight, device, training);
        if (step != null) {
            w = Weights.inStep(w, step);
        }
        NDArray matrix = w.reshape(outChannels, -1);
        NDArray uNow = ps.getValue(u, device, training);
        NDArray uView = step == null ? uNow : Weights.inStep(uNow, step);
        NDArray constant = matrix.stopGradient();
        NDArray v = unit(constant.transpose().matMul(uView));
        if (training) {
            NDArray next = unit(constant.matMul(v));
            // in place: copyTo sets u's storage to a fresh Java buffer, leaving uView (made above)
            // on the old buffer, which nothing holds any more: the JVM frees it whenever it is
            // collected, and this pass then reads freed memory (and the stale u)
            uNow.set(new NDIndex(":"), next);
            v = unit(constant.transpose().matMul(uView));
        }
        NDArray sigma = uView.stopGradient().matMul(matrix.matMul(v.stopGradient()));
        return w.div(sigma);
    }

    private static NDArray unit(NDArray x) {
        return x.div(x.square().sum().sqrt().add(EPSILON));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = normalizedWeight(ps, x.getDevice(), training, x.getManager());
        NDArray b = ps.getValue(bias, x.getDevice(), training);
        return Conv2d.conv2d(x, w, b, new Shape(stride, stride), new Shape(padding, padding), new Shape(1, 1), 1);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        long h = (s.get(2) + 2L * padding - kernel) / stride + 1;
        long w = (s.get(3) + 2L * padding - kernel) / stride + 1;
        return new Shape[] {new Shape(s.get(0), outChannels, h, w)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // no children
    }
}
