package dev.fontgan.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * Paired training data (zi2zi, BicycleGAN): (source glyph, target glyph, style id). Batches are a pure
 * function of the iteration number, so a resumed run sees the same data as an uninterrupted one.
 */
public interface PairBatches {
    int sizePx();

    List<String> styleNames();

    /** Number of (source, target, style) samples. */
    int size();

    /** The training batch of a 0-based iteration, arrays attached to {@code manager}. */
    Batch batch(long iteration, int batchSize, NDManager manager);

    /** A fixed set of samples for sample grids (same every call). */
    Batch samples(int count, NDManager manager);

    /**
     * @param source (N, 1, H, W) in [-1, 1]
     * @param target (N, 1, H, W) in [-1, 1]
     * @param styles (N) int32 style ids
     */
    record Batch(NDArray source, NDArray target, NDArray styles) {}
}
