package dev.fontgan.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.fontgan.FontganException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A block's parameters as bytes in DJL's parameter format, and back with checks: the reader trusts
 * lengths and silently accepts permuted shapes, so every loaded shape is compared with the block's.
 */
public final class Weights {
    private Weights() {}

    /**
     * Writes {@code values} over a parameter's array in place (row-major, as many as it holds); its
     * gradient flag and identity stay. {@code NDArray.set(float[])} does the same, but DJL's native
     * copy behind it makes libtorch print a deprecation warning ("AutoNonVariableTypeMode") on the
     * first call of a process; an indexed write does not.
     */
    public static void assign(NDArray target, float[] values) {
        if (values.length != target.size()) {
            throw new IllegalArgumentException(values.length + " values for an array of " + target.getShape());
        }
        try (NDManager scratch = target.getManager().newSubManager()) {
            target.set(new NDIndex("..."), scratch.create(values, target.getShape()));
        }
    }

    /** The block's parameters (weights and running statistics). */
    public static byte[] save(Block block) {
        return saveAll(List.of(block));
    }

    /** Several blocks' parameters one after another in one byte array (read back with {@link #loadAll}). */
    public static byte[] saveAll(List<? extends Block> blocks) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            for (Block block : blocks) {
                block.saveParameters(out);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Loads parameters into an initialized block built with the same architecture; a corrupt file
     * or any shape difference gives a {@link FontganException} naming {@code where}.
     */
    public static void load(Block block, NDManager manager, byte[] data, String where) {
        loadAll(List.of(block), manager, data, where);
    }

    /** Reads what {@link #saveAll} wrote for the same blocks in the same order, with the same checks as {@link #load}. */
    public static void loadAll(List<? extends Block> blocks, NDManager manager, byte[] data, String where) {
        List<Shape> expected = new ArrayList<>();
        for (Block block : blocks) {
            for (Pair<String, Parameter> p : block.getParameters()) {
                expected.add(p.getValue().getArray().getShape());
            }
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            for (Block block : blocks) {
                block.loadParameters(manager, in);
            }
            if (in.available() > 0) {
                throw new IOException(in.available() + " bytes left over");
            }
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError && !(e instanceof OutOfMemoryError)) {
                throw (VirtualMachineError) e;
            }
            throw new FontganException(where, "weights do not fit this model or are corrupted ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
        int i = 0;
        for (Block block : blocks) {
            for (Pair<String, Parameter> p : block.getParameters()) {
                Shape want = expected.get(i++);
                Shape got = p.getValue().getArray().getShape();
                if (!want.equals(got)) {
                    throw new FontganException(where, "parameter " + p.getKey() + " has shape " + got
                            + " but this model needs " + want);
                }
                if (p.getValue().requiresGradient()) {
                    p.getValue().getArray().setRequiresGradient(true);
                }
            }
        }
    }

    /**
     * Freezes or unfreezes a block's learned parameters. DJL's own {@code freezeParameters(false)}
     * also marks batch norm's running statistics trainable, which breaks the next forward pass;
     * those are never touched here.
     */
    public static void freezeLearned(Block block, boolean frozen) {
        block.freezeParameters(frozen, p -> p.getType() != ai.djl.nn.Parameter.Type.RUNNING_MEAN
                && p.getType() != ai.djl.nn.Parameter.Type.RUNNING_VAR);
    }

    /** Total number of scalar parameters (weights only, running statistics excluded). */
    public static long count(Block block) {
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                n += p.getValue().getArray().getShape().size();
            }
        }
        return n;
    }

    /**
     * Sets every batch-norm running mean to 0 and running variance to 1 (a fresh layer's values),
     * so that forward passes in training mode can re-estimate them; returns how many were reset.
     */
    public static int resetRunningStatistics(Block block) {
        int reset = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter.Type type = p.getValue().getType();
            if (type == Parameter.Type.RUNNING_MEAN || type == Parameter.Type.RUNNING_VAR) {
                NDArray a = p.getValue().getArray();
                float[] values = new float[Math.toIntExact(a.size())];
                if (type == Parameter.Type.RUNNING_VAR) {
                    java.util.Arrays.fill(values, 1f);
                }
                assign(a, values);
                reset++;
            }
        }
        return reset;
    }

    /**
     * A view of a parameter's array attached to {@code step} (a training step's manager), to use
     * as the receiver of ops on it: an op attaches its result to its receiver's manager, and a
     * parameter's is the model's, so results of ops on the parameter itself would pile up there
     * for the whole run. Gradients flow through the view.
     */
    public static NDArray inStep(NDArray parameter, NDManager step) {
        NDArray view = parameter.reshape(parameter.getShape());
        view.attach(step);
        return view;
    }
}
