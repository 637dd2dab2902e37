package dev.fontgan.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;
import dev.fontgan.FontganException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An optimizer that owns its state (moments, step count) so checkpoints can save and restore it;
 * DJL's built-in optimizers keep theirs out of reach. Updates run with grad mode off (outside any
 * gradient collector) and zero each gradient after use.
 */
public abstract class ParameterOptimizer implements AutoCloseable {
    private static final int MAGIC = 0x46474f50; // "FGOP"
    private static final int VERSION = 1;

    private final NDManager manager;
    private final List<Pair<String, Parameter>> trainable = new ArrayList<>();
    /** Per parameter name, the state arrays (e.g. Adam's m and v). */
    protected final Map<String, NDArray[]> state = new LinkedHashMap<>();
    private long steps;

    protected ParameterOptimizer(Block block, NDManager parent) {
        this.manager = parent.newSubManager();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                trainable.add(p);
            }
        }
    }

    /** A short name stored in checkpoints ("adam", "sgd", "rmsprop"). */
    public abstract String kind();

    /** How many state arrays each parameter has. */
    protected abstract int stateArrays();

    /**
     * Updates one weight in place; temporaries must be attached to {@code scratch}.
     * @param step 1-based count of updates including this one
     */
    protected abstract void update(NDArray weight, NDArray gradient, NDArray[] state, float learningRate, long step,
            NDManager scratch);

    /** Number of updates applied so far. */
    public long steps() {
        return steps;
    }

    /** Applies one update to every trainable parameter that has a gradient, then zeroes those gradients. */
    public void step(float learningRate) {
        steps++;
        try (NDManager scratch = manager.newSubManager()) {
            for (Pair<String, Parameter> p : trainable) {
                PtNDArray weight = (PtNDArray) p.getValue().getArray();
                PtNDArray grad = JniUtils.getGradient(weight);
                if (grad == null) {
                    continue;
                }
                grad.attach(scratch);
                NDArray[] s = state.computeIfAbsent(p.getKey(), k -> newState(weight));
                update(weight, grad, s, learningRate, steps, scratch);
                JniUtils.zeroGrad(weight);
            }
        }
    }

    /**
     * Whether every gradient a {@link #step} would apply is finite and its square too: one sum of
     * squares over all of them (NaN and infinity survive a sum) and one read, so a guard costs
     * little per iteration. Squares, not values: a finite gradient above ~1.8e19 (seen in long
     * bicycle runs) overflows Adam's second moment g^2 to infinity, which then freezes that
     * weight for good (its update m / sqrt(v) is 0, or NaN once m overflows too).
     */
    public boolean gradientsFinite() {
        try (NDManager scratch = manager.newSubManager()) {
            NDArray total = null;
            for (Pair<String, Parameter> p : trainable) {
                PtNDArray grad = JniUtils.getGradient((PtNDArray) p.getValue().getArray());
                if (grad == null) {
                    continue;
                }
                grad.attach(scratch);
                NDArray s = grad.square().sum();
                total = total == null ? s : total.add(s);
            }
            return total == null || Float.isFinite(total.getFloat());
        }
    }

    /** Whether every state array (e.g. Adam's moments) is finite; an infinite one freezes its weight. */
    public boolean stateFinite() {
        for (NDArray[] arrays : state.values()) {
            for (NDArray a : arrays) {
                if (!Float.isFinite(a.square().sum().getFloat())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Zeroes the gradients of every trainable parameter without updating. */
    public void zeroGradients() {
        for (Pair<String, Parameter> p : trainable) {
            JniUtils.zeroGrad((PtNDArray) p.getValue().getArray());
        }
    }

    private NDArray[] newState(NDArray weight) {
        NDArray[] s = new NDArray[stateArrays()];
        for (int i = 0; i < s.length; i++) {
            s[i] = manager.zeros(weight.getShape(), weight.getDataType());
        }
        return s;
    }

    /** Serializes kind, step count and every state array. */
    public byte[] save() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(kind());
            out.writeLong(steps);
            out.writeInt(state.size());
            for (Map.Entry<String, NDArray[]> e : state.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                for (NDArray a : e.getValue()) {
                    byte[] enc = a.encode();
                    out.writeInt(enc.length);
                    out.write(enc);
                }
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Restores what {@link #save()} wrote; refuses another kind or mismatched parameters. */
    public void load(byte[] data, String where) {
        Map<String, Parameter> byName = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : trainable) {
            byName.put(p.getKey(), p.getValue());
        }
        Map<String, NDArray[]> loaded = new LinkedHashMap<>();
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new FontganException(where, "not a fontgan optimizer state");
            }
            String kind = in.readUTF();
            if (!kind.equals(kind())) {
                throw new FontganException(where, "optimizer state is for " + kind + ", expected " + kind());
            }
            long savedSteps = in.readLong();
            int count = in.readInt();
            if (count < 0 || count > byName.size()) {
                throw new FontganException(where, "optimizer state has " + count + " entries for " + byName.size()
                        + " parameters");
            }
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                Parameter p = byName.get(name);
                int arrays = in.readInt();
                if (p == null || arrays != stateArrays()) {
                    throw new FontganException(where, "optimizer state does not match the model (parameter " + name + ")");
                }
                NDArray[] s = new NDArray[arrays];
                for (int k = 0; k < arrays; k++) {
                    int len = in.readInt();
                    if (len < 0 || len > in.available()) {
                        throw new FontganException(where, "optimizer state is truncated");
                    }
                    byte[] enc = new byte[len];
                    in.readFully(enc);
                    s[k] = manager.decode(enc);
                    if (!s[k].getShape().equals(p.getArray().getShape())) {
                        throw new FontganException(where, "optimizer state shape " + s[k].getShape() + " of " + name
                                + " does not match the model's " + p.getArray().getShape());
                    }
                }
                loaded.put(name, s);
            }
            steps = savedSteps;
        } catch (IOException e) {
            closeAll(loaded);
            throw new FontganException(where, "optimizer state is truncated or corrupted");
        } catch (RuntimeException e) {
            closeAll(loaded);
            throw e instanceof FontganException ? e : new FontganException(where, "optimizer state is corrupted: " + e.getMessage());
        }
        closeAll(state);
        state.clear();
        state.putAll(loaded);
    }

    private static void closeAll(Map<String, NDArray[]> arrays) {
        for (NDArray[] s : arrays.values()) {
            for (NDArray a : s) {
                if (a != null) {
                    a.close();
                }
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
