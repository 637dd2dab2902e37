package dev.fontgan.zi2zi;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.fontgan.data.PairBatches;
import dev.fontgan.data.PairedGlyphs;
import java.util.List;

/**
 * Fine-tuning pairs held in memory: (source glyph, target glyph, model style id) samples made on
 * the fly (a new font's or handwriting's glyphs, or the chosen styles of a dataset), plus a fixed
 * set of held-out samples for sample grids. Batch k is a function of k (seeded epoch order), so a
 * resumed fine-tune sees the same data as an uninterrupted one.
 */
public final class TuningPairs implements PairBatches {
    /**
     * One sample.
     * @param source sizePx² uint8 ink coverage of the source glyph
     * @param target sizePx² uint8 ink coverage of the target glyph
     * @param styleId the model's style id
     */
    public record Sample(int codePoint, byte[] source, byte[] target, int styleId) {}

    private final int sizePx;
    private final List<String> styleNames;
    private final List<Sample> train;
    private final List<Sample> shown;
    private final long seed;
    private int maxShift;
    private long cachedEpoch = -1;
    private int[] cachedOrder;

    /**
     * @param styleNames every style of the model (a sample's id indexes this list)
     * @param shown held-out samples for grids; the training samples are shown when empty
     */
    public TuningPairs(int sizePx, List<String> styleNames, List<Sample> train, List<Sample> shown, long seed) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no training samples");
        }
        int area = sizePx * sizePx;
        for (Sample s : train) {
            if (s.source().length != area || s.target().length != area || s.styleId() < 0
                    || s.styleId() >= styleNames.size()) {
                throw new IllegalArgumentException("sample of U+" + Integer.toHexString(s.codePoint())
                        + " does not fit " + sizePx + " px and " + styleNames.size() + " styles");
            }
        }
        this.sizePx = sizePx;
        this.styleNames = List.copyOf(styleNames);
        this.train = List.copyOf(train);
        this.shown = shown.isEmpty() ? this.train : List.copyOf(shown);
        this.seed = seed;
    }

    @Override
    public int sizePx() {
        return sizePx;
    }

    @Override
    public List<String> styleNames() {
        return styleNames;
    }

    @Override
    public int size() {
        return train.size();
    }

    /**
     * Training batches move each pair, source and target alike, by a random whole-pixel offset of
     * at most {@code pixels} each way (seeded by iteration and position: resumes see the same);
     * few glyphs then show the decoder more placements of each stroke. 0 turns it off.
     */
    public TuningPairs withShift(int pixels) {
        if (pixels < 0 || pixels >= sizePx / 4) {
            throw new IllegalArgumentException("shift must be in [0, " + (sizePx / 4) + "), got " + pixels);
        }
        this.maxShift = pixels;
        return this;
    }

    /** The training samples. */
    public List<Sample> training() {
        return train;
    }

    /** The held-out samples (or the training ones when there are none). */
    public List<Sample> shown() {
        return shown;
    }

    @Override
    public Batch batch(long iteration, int batchSize, NDManager manager) {
        Sample[] picked = new Sample[batchSize];
        long first = iteration * batchSize;
        int n = train.size();
        for (int i = 0; i < batchSize; i++) {
            long global = first + i;
            long epoch = global / n;
            if (epoch != cachedEpoch) {
                cachedOrder = PairedGlyphs.shuffled(java.util.stream.IntStream.range(0, n).toArray(),
                        seed * 1_000_003L + epoch);
                cachedEpoch = epoch;
            }
            picked[i] = train.get(cachedOrder[(int) (global % n)]);
            if (maxShift > 0) {
                java.util.SplittableRandom r = new java.util.SplittableRandom(seed * 0x9E3779B97F4A7C15L + global);
                int dx = r.nextInt(-maxShift, maxShift + 1);
                int dy = r.nextInt(-maxShift, maxShift + 1);
                Sample p = picked[i];
                picked[i] = new Sample(p.codePoint(), shifted(p.source(), dx, dy), shifted(p.target(), dx, dy),
                        p.styleId());
            }
        }
        return of(picked, manager);
    }

    @Override
    public Batch samples(int count, NDManager manager) {
        int n = Math.min(count, shown.size());
        Sample[] picked = new Sample[n];
        for (int i = 0; i < n; i++) {
            picked[i] = shown.get((int) ((long) i * shown.size() / n));
        }
        return of(picked, manager);
    }

    /** The image moved by (dx, dy) pixels; what comes in at the edges is blank. */
    byte[] shifted(byte[] image, int dx, int dy) {
        byte[] out = new byte[image.length];
        for (int y = Math.max(0, dy); y < Math.min(sizePx, sizePx + dy); y++) {
            int from = (y - dy) * sizePx;
            int x0 = Math.max(0, dx);
            int x1 = Math.min(sizePx, sizePx + dx);
            System.arraycopy(image, from + x0 - dx, out, y * sizePx + x0, x1 - x0);
        }
        return out;
    }

    /** Arrays of the given samples: sources and targets (N, 1, H, W) in [-1, 1], style ids (N). */
    public Batch of(Sample[] samples, NDManager manager) {
        int area = sizePx * sizePx;
        float[] src = new float[samples.length * area];
        float[] tgt = new float[samples.length * area];
        int[] ids = new int[samples.length];
        for (int i = 0; i < samples.length; i++) {
            byte[] s = samples[i].source();
            byte[] t = samples[i].target();
            for (int j = 0; j < area; j++) {
                src[i * area + j] = (s[j] & 0xff) / 127.5f - 1f;
                tgt[i * area + j] = (t[j] & 0xff) / 127.5f - 1f;
            }
            ids[i] = samples[i].styleId();
        }
        Shape shape = new Shape(samples.length, 1, sizePx, sizePx);
        return new Batch(manager.create(src, shape), manager.create(tgt, shape), manager.create(ids));
    }
}
