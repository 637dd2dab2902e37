package dev.fontgan.gan;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;

/**
 * Training data of a GAN run. Batches are a pure function of the iteration number, so a resumed
 * run sees exactly what an uninterrupted one would have seen.
 */
public interface GanData {
    int sizePx();

    /** Number of classes of labelled data; 0 when unlabelled. */
    int classCount();

    /** Number of fonts whose ids batches carry ({@link Batch#styles()}); 0 when they carry none. */
    default int styleCount() {
        return 0;
    }

    /** The fonts behind the ids of {@link #styleCount()}, in id order. */
    default List<String> styleNames() {
        return List.of();
    }

    /** The training batch of a 0-based iteration, arrays attached to {@code manager}. */
    Batch batch(long iteration, int batchSize, NDManager manager);

    /**
     * A fixed set of held-out or evaluation samples (the same every call): real glyphs for
     * glyph-FID, unseen characters for paired data.
     */
    Batch evaluation(int count, NDManager manager);

    /** The character of a class label (for classifier-based metrics). */
    int codePoint(int label);

    /** How to rebuild this data (stored in the run's config). */
    Map<String, Object> describe();
}
