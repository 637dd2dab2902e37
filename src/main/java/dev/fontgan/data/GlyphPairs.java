package dev.fontgan.data;

import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * Paired training data (zi2zi, BicycleGAN) from a glyph dataset: training batches from the TRAIN split in seeded epoch order
 * (batch k is a function of k, so resumed runs see the same data); grid samples from unseen
 * (TEST) characters when there are any.
 */
public final class GlyphPairs implements PairBatches {
    /** Each style is drawn at least this often relative to the largest style. */
    static final double MIN_STYLE_SHARE = 0.25;

    private final GlyphDataset dataset;
    private final PairedGlyphs train;
    private final PairedGlyphs shown;
    private final long seed;
    /** Training samples with small styles repeated, so every style is seen often enough. */
    private final int[] pool;
    private long cachedEpoch = -1;
    private int[] cachedOrder;

    public GlyphPairs(GlyphDataset dataset, long seed) {
        this.dataset = dataset;
        this.train = new PairedGlyphs(dataset, Split.TRAIN);
        PairedGlyphs test = new PairedGlyphs(dataset, Split.TEST);
        this.shown = test.size() > 0 ? test : train;
        this.seed = seed;
        if (train.size() == 0) {
            throw new dev.fontgan.FontganException(dataset.dir(), "dataset has no training pairs");
        }
        this.pool = train.balancedSamples(MIN_STYLE_SHARE);
    }

    @Override
    public int sizePx() {
        return dataset.sizePx();
    }

    @Override
    public List<String> styleNames() {
        return dataset.styleNames();
    }

    @Override
    public int size() {
        return pool.length;
    }

    @Override
    public Batch batch(long iteration, int batchSize, NDManager manager) {
        int[] idx = new int[batchSize];
        long first = iteration * batchSize;
        for (int i = 0; i < batchSize; i++) {
            long global = first + i;
            long epoch = global / pool.length;
            if (epoch != cachedEpoch) {
                cachedOrder = PairedGlyphs.shuffled(pool, seed * 1_000_003L + epoch);
                cachedEpoch = epoch;
            }
            idx[i] = cachedOrder[(int) (global % pool.length)];
        }
        return of(train.batch(idx), manager);
    }

    @Override
    public Batch samples(int count, NDManager manager) {
        int n = Math.min(count, shown.size());
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = (int) ((long) i * shown.size() / n);
        }
        return of(shown.batch(idx), manager);
    }

    private static Batch of(PairedBatch b, NDManager manager) {
        return new Batch(b.sourceArray(manager), b.targetArray(manager), b.styleArray(manager));
    }
}
