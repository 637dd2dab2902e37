package dev.fontgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.initializer.NormalInitializer;

/** Factories for the small blocks every network here is made of; weights start at N(0, 0.02). */
public final class Layers {
    /** Standard deviation of the normal weight initialization (DCGAN / pix2pix convention). */
    public static final float INIT_STD = 0.02f;

    private Layers() {}

    /** A 2-D convolution with square kernel, stride and padding. */
    public static Conv2d conv(int outChannels, int kernel, int stride, int padding, boolean bias) {
        return Conv2d.builder()
                .setFilters(outChannels)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .optBias(bias)
                .build();
    }

    /** A 4x4 stride-2 convolution that halves height and width. */
    public static Conv2d down(int outChannels, boolean bias) {
        return conv(outChannels, 4, 2, 1, bias);
    }

    /** A 3x3 same-size convolution. */
    public static Conv2d conv3(int outChannels, boolean bias) {
        return conv(outChannels, 3, 1, 1, bias);
    }

    /** A fully connected layer. */
    public static Linear linear(int units, boolean bias) {
        return Linear.builder().setUnits(units).optBias(bias).build();
    }

    public static Block relu() {
        return LambdaBlock.singleton(Activation::relu, "relu");
    }

    public static Block leakyRelu(float slope) {
        return LambdaBlock.singleton(x -> Activation.leakyRelu(x, slope), "leakyRelu");
    }

    public static Block tanh() {
        return LambdaBlock.singleton(Activation::tanh, "tanh");
    }

    /** Dropout that is active in training only. */
    public static Block dropout(float rate) {
        return Dropout.builder().optRate(rate).build();
    }

    /** Flattens (N, ...) to (N, rest). */
    public static Block flatten() {
        return LambdaBlock.singleton(x -> x.reshape(x.getShape().get(0), -1), "flatten");
    }

    /** A strided 4x4 convolution, optional norm, then an activation: the usual encoder step. */
    public static SequentialBlock downBlock(int outChannels, Norm norm, Block activation) {
        SequentialBlock b = new SequentialBlock().add(down(outChannels, norm == Norm.NONE));
        if (norm != Norm.NONE) {
            b.add(norm.block());
        }
        if (activation != null) {
            b.add(activation);
        }
        return b;
    }

    /** Sets N(0, 0.02) on every weight of a block tree (norm scales keep their own init). */
    public static <B extends Block> B initNormal(B block) {
        block.setInitializer(new NormalInitializer(INIT_STD), Parameter.Type.WEIGHT);
        return block;
    }

    /** Concatenates along the channel axis. */
    static NDArray concatChannels(NDArray a, NDArray b) {
        return a.concat(b, 1);
    }

    static NDList list(NDArray... arrays) {
        return new NDList(arrays);
    }
}
