package dev.fontgan.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.fontgan.TorchRuntime;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DJL's PyTorch engine runs {@code x.mul(3f)} as x times a scalar tensor over a 4-byte Java direct
 * buffer, which it closes right after the op; libtorch's graph keeps that tensor for the backward
 * pass, but the JVM frees the buffer at its next collection. A backward pass after a collection
 * then multiplies by whatever the freed memory holds: gradients that change with GC timing, and now
 * and then a huge one (the update guard's "stray" non-finite gradients).
 */
class ScalarOperandLifetimeTest {
    @BeforeAll
    static void engine() {
        TorchRuntime.configure();
    }

    /** Collects garbage until the cleaner has freed what it can, then fills freed 4-byte blocks with 1000. */
    private static List<ByteBuffer> collectAndOverwrite() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
        List<ByteBuffer> fill = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
            b.putFloat(0, 1000f);
            fill.add(b);
        }
        return fill;
    }

    /** The gradient of sum(x * 3) after a garbage collection and a reuse of freed memory. */
    private static float gradientAfterCollection(boolean libtorchScalar) throws InterruptedException {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new Shape(4));
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = (libtorchScalar ? Scalars.times(x, 3f) : x.mul(3f)).sum();
                List<ByteBuffer> fill = collectAndOverwrite();
                gc.backward(y);
                assertEquals(20_000, fill.size());
                return x.getGradient().toFloatArray()[0];
            }
        }
    }

    @Test
    void aLibtorchScalarOutlivesAGarbageCollection() throws InterruptedException {
        assertEquals(3f, gradientAfterCollection(true), 0f);
        try (NDManager m = NDManager.newBaseManager()) {
            assertEquals(8f, Scalars.over(m.ones(new Shape(2)), 0.25f).sum().getFloat(), 0f);
        }
    }

    /** Not a test: prints what DJL's own scalar form gives (run: mvn test -Dtest=ScalarOperandLifetimeTest -Dfontgan.showUnsafe=true). */
    @Test
    void showWhatDjlsScalarFormGives() throws InterruptedException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("fontgan.showUnsafe"));
        System.out.println("gradient of sum(x.mul(3f)) after a collection: " + gradientAfterCollection(false));
    }
}
