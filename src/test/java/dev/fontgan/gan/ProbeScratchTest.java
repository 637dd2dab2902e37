package dev.fontgan.gan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.fontgan.TorchRuntime;
import org.junit.jupiter.api.Test;

class ProbeScratchTest {
    @Test
    void probe() {
        TorchRuntime.configure();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {1, 2, 3});
            w.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray x = InputGradient.leaf(m.create(new float[] {0.5f, -1f, 2f}));
                NDArray y = x.square().mul(w).sum();
                NDArray g = InputGradient.of(y, x, null);
                System.out.println("g=" + java.util.Arrays.toString(g.toFloatArray()) + " fn=" + JniUtils.getGradientFunctionNames((PtNDArray) g));
                PtNDArray wg = JniUtils.getGradient((PtNDArray) w);
                System.out.println("w grad after first backward=" + (wg == null ? "null" : java.util.Arrays.toString(wg.toFloatArray())));
                NDArray pen = g.square().sum();
                gc.backward(pen);
                System.out.println("w grad final=" + java.util.Arrays.toString(JniUtils.getGradient((PtNDArray) w).toFloatArray()));
                JniUtils.zeroGrad((PtNDArray) x);
                PtNDArray xg = JniUtils.getGradient((PtNDArray) x);
                System.out.println("x grad fn after zeroGrad=" + JniUtils.getGradientFunctionNames(xg) + " req=" + JniUtils.requiresGrad(xg));
            }
        }
    }
}
