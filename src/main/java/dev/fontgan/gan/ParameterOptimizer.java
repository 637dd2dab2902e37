package dev.fontgan.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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
    /** With {@link #flatUpdates()}: one buffer per state kind, of which {@link #state} holds views; null until the first flat step. */
    private NDArray[] flatState;
    /** The flat gradient {@link #gradientsFinite()} gathered for the next {@link #step}, in its own manager. */
    private NDArray gathered;
    private NDManager gatheredScope;
    private boolean eachParameter;

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

    /**
     * Whether {@link #updateFlat} can update every parameter at once. Then, while every trainable
     * parameter has a gradient, the state arrays are views of one flat buffer per kind and a step
     * is a few ops over all parameters instead of a few per parameter: at two torch threads each
     * op on more than a few thousand numbers is a parallel region whose wake-up costs more than
     * its work on small arrays.
     */
    protected boolean flatUpdates() {
        return !eachParameter && flatUpdateDefined();
    }

    /** Whether this kind overrides {@link #updateFlat}. */
    protected boolean flatUpdateDefined() {
        return false;
    }

    /** Turns the flat update off: every step updates parameter by parameter (tests compare both). */
    void updateEachParameter() {
        eachParameter = true;
    }

    /**
     * Updates the flat state in place and returns the flat step that every weight then subtracts
     * (its slice); temporaries must be attached to {@code scratch}.
     * @param gradient every trainable parameter's gradient, flattened and concatenated in order
     * @param step 1-based count of updates including this one
     */
    protected NDArray updateFlat(NDArray gradient, NDArray[] state, float learningRate, long step, NDManager scratch) {
        throw new UnsupportedOperationException(kind() + " has no flat update");
    }

    /** Applies one update to every trainable parameter that has a gradient, then zeroes those gradients. */
    public void step(float learningRate) {
        steps++;
        try (NDManager scratch = manager.newSubManager()) {
            NDArray flat = null;
            if (flatUpdates()) {
                flat = takeGathered(scratch);
                if (flat == null) {
                    flat = flatGradient(scratch);
                }
            }
            if (flat != null) {
                stepFlat(flat, learningRate, scratch);
                return;
            }
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
        } finally {
            dropGathered();
        }
    }

    private void stepFlat(NDArray gradient, float learningRate, NDManager scratch) {
        NDArray delta = updateFlat(gradient, flatState(), learningRate, steps, scratch);
        long offset = 0;
        for (Pair<String, Parameter> p : trainable) {
            PtNDArray weight = (PtNDArray) p.getValue().getArray();
            long size = weight.getShape().size();
            NDArray part = delta.get("{}:{}", offset, offset + size).reshape(weight.getShape());
            part.attach(scratch);
            weight.subi(part);
            JniUtils.zeroGrad(weight);
            offset += size;
        }
    }

    /**
     * Every trainable parameter's gradient, flattened and concatenated in order (one array), or
     * null when some parameter has none.
     */
    private NDArray flatGradient(NDManager scratch) {
        NDList parts = new NDList(trainable.size());
        for (Pair<String, Parameter> p : trainable) {
            PtNDArray grad = JniUtils.getGradient((PtNDArray) p.getValue().getArray());
            if (grad == null) {
                return null;
            }
            grad.attach(scratch);
            NDArray flat = grad.reshape(-1);
            flat.attach(scratch);
            parts.add(flat);
        }
        if (parts.isEmpty()) {
            return null;
        }
        NDArray all = NDArrays.concat(parts);
        all.attach(scratch);
        return all;
    }

    /**
     * The flat state buffers, made on first use (from the per-parameter state where there is
     * some, e.g. loaded from a checkpoint); every per-parameter state array becomes a view of them.
     */
    private NDArray[] flatState() {
        if (flatState != null) {
            return flatState;
        }
        NDArray[] flat = new NDArray[stateArrays()];
        try (NDManager scratch = manager.newSubManager()) {
            for (int k = 0; k < flat.length; k++) {
                NDList parts = new NDList(trainable.size());
                for (Pair<String, Parameter> p : trainable) {
                    NDArray[] s = state.get(p.getKey());
                    long size = p.getValue().getArray().getShape().size();
                    NDArray part = s != null ? s[k].reshape(-1) : scratch.zeros(new Shape(size));
                    part.attach(scratch);
                    parts.add(part);
                }
                flat[k] = NDArrays.concat(parts);
                flat[k].attach(manager);
            }
        }
        closeAll(state);
        state.clear();
        long offset = 0;
        for (Pair<String, Parameter> p : trainable) {
            Shape shape = p.getValue().getArray().getShape();
            NDArray[] views = new NDArray[flat.length];
            for (int k = 0; k < flat.length; k++) {
                views[k] = flat[k].get("{}:{}", offset, offset + shape.size()).reshape(shape);
                views[k].attach(manager);
            }
            state.put(p.getKey(), views);
            offset += shape.size();
        }
        flatState = flat;
        return flat;
    }

    /** The gradient {@link #gradientsFinite()} gathered for this step, moved to {@code scratch}; null if none. */
    private NDArray takeGathered(NDManager scratch) {
        if (gathered == null) {
            return null;
        }
        NDArray g = gathered;
        g.attach(scratch);
        gathered = null;
        return g;
    }

    private void dropGathered() {
        gathered = null;
        if (gatheredScope != null) {
            gatheredScope.close();
            gatheredScope = null;
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
        dropGathered();
        if (flatUpdates()) {
            // gathered once for this check and the step right after it (UpdateGuard calls them back to back)
            gatheredScope = manager.newSubManager();
            gathered = flatGradient(gatheredScope);
            if (gathered != null) {
                // g . g: one read, no temporary (square().sum() cost 8x the CPU over 5.3 M numbers)
                NDArray total = gathered.dot(gathered);
                total.attach(gatheredScope);
                return Float.isFinite(total.getFloat());
            }
            dropGathered();
        }
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
        dropGathered();
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
        dropFlatState();
    }

    /** Forgets the flat buffers after the per-parameter state was replaced; the next flat step rebuilds them from it. */
    private void dropFlatState() {
        if (flatState != null) {
            for (NDArray a : flatState) {
                a.close();
            }
            flatState = null;
        }
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
        dropGathered();
        manager.close();
    }
}
