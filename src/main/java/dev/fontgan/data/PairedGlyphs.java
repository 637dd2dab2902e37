package dev.fontgan.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * The paired samples (source glyph, target glyph, style id, code point) of one split of a
 * dataset: every character of the split in every target style that has it.
 */
public final class PairedGlyphs {
    private final GlyphDataset dataset;
    private final Split split;
    private final int[] codePoints;
    private final int[] styleIds;

    /** All styles of the dataset. */
    public PairedGlyphs(GlyphDataset dataset, Split split) {
        this(dataset, split, null);
    }

    /** Only the given style ids (null = all). */
    public PairedGlyphs(GlyphDataset dataset, Split split, int[] styles) {
        this.dataset = dataset;
        this.split = split;
        int[] chars = dataset.codePoints(split);
        int[] use = styles != null ? styles.clone() : java.util.stream.IntStream.range(0, dataset.styleCount()).toArray();
        for (int s : use) {
            if (s < 0 || s >= dataset.styleCount()) {
                throw new IllegalArgumentException("style id " + s + " outside 0.." + (dataset.styleCount() - 1));
            }
        }
        int n = 0;
        int[] cps = new int[chars.length * use.length];
        int[] ids = new int[chars.length * use.length];
        for (int cp : chars) {
            for (int s : use) {
                if (dataset.targetStore(s).has(cp)) {
                    cps[n] = cp;
                    ids[n] = s;
                    n++;
                }
            }
        }
        this.codePoints = java.util.Arrays.copyOf(cps, n);
        this.styleIds = java.util.Arrays.copyOf(ids, n);
    }

    public int size() {
        return codePoints.length;
    }

    public Split split() {
        return split;
    }

    public GlyphDataset dataset() {
        return dataset;
    }

    public int sizePx() {
        return dataset.sizePx();
    }

    public int codePoint(int sample) {
        return codePoints[sample];
    }

    public int styleId(int sample) {
        return styleIds[sample];
    }

    /** Gathers samples into one host-side batch, in the given order. */
    public PairedBatch batch(int[] sampleIndices) {
        int size = dataset.sizePx();
        int area = size * size;
        int n = sampleIndices.length;
        byte[] src = new byte[n * area];
        byte[] tgt = new byte[n * area];
        int[] ids = new int[n];
        int[] cps = new int[n];
        for (int i = 0; i < n; i++) {
            int s = sampleIndices[i];
            cps[i] = codePoints[s];
            ids[i] = styleIds[s];
            dataset.sourceStore().copyInto(cps[i], src, i * area);
            dataset.targetStore(ids[i]).copyInto(cps[i], tgt, i * area);
        }
        return new PairedBatch(size, src, tgt, ids, cps);
    }

    /** Sample order of one epoch: a seeded Fisher-Yates shuffle of 0..size-1. */
    public int[] shuffledOrder(long seed) {
        return shuffled(java.util.stream.IntStream.range(0, size()).toArray(), seed);
    }

    /**
     * Sample indices where styles with few glyphs are repeated until each has at least
     * {@code minShare} of the largest style's count (a Latin hand has ~90 glyphs beside a CJK
     * style's ~3,000; without this it would be seen a few hundred times in a whole run).
     */
    public int[] balancedSamples(double minShare) {
        int styles = dataset.styleNames().size();
        int[] count = new int[styles];
        for (int i = 0; i < size(); i++) {
            count[styleId(i)]++;
        }
        int largest = java.util.Arrays.stream(count).max().orElse(0);
        int[] repeat = new int[styles];
        int total = 0;
        for (int s = 0; s < styles; s++) {
            repeat[s] = count[s] == 0 ? 0 : Math.max(1, (int) Math.ceil(minShare * largest / count[s]));
            total += repeat[s] * count[s];
        }
        int[] pool = new int[total];
        int k = 0;
        for (int i = 0; i < size(); i++) {
            for (int r = 0; r < repeat[styleId(i)]; r++) {
                pool[k++] = i;
            }
        }
        return pool;
    }

    /** A seeded Fisher-Yates shuffle of a copy of {@code items}. */
    public static int[] shuffled(int[] items, long seed) {
        int[] order = items.clone();
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /**
     * One epoch of batches in a seeded shuffled order. Every batch has {@code batchSize} samples;
     * the remainder that does not fill a batch is dropped (unless the split is smaller than one
     * batch, which then gives one short batch). Use {@link #batch} for exhaustive evaluation.
     */
    public Iterator<PairedBatch> epoch(int batchSize, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size " + batchSize);
        }
        int[] order = shuffledOrder(seed);
        int batches = order.length < batchSize ? (order.length == 0 ? 0 : 1) : order.length / batchSize;
        int perBatch = Math.min(batchSize, order.length);
        return new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return next < batches;
            }

            @Override
            public PairedBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int[] idx = java.util.Arrays.copyOfRange(order, next * perBatch, (next + 1) * perBatch);
                next++;
                return batch(idx);
            }
        };
    }
}
