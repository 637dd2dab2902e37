package dev.fontgan.data;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Synthetic paired "glyphs" for tests and benchmarks: a source image of random strokes per
 * character, and per style a deterministic transform of it (style 0 shifted, style 1 thickened,
 * style 2 mirrored, further styles shifted by other amounts).
 */
public final class SyntheticPairs implements PairBatches {
    private final int sizePx;
    private final int styles;
    private final int characters;
    private final long seed;
    private final float[][] sources;
    private final float[][][] targets;

    public SyntheticPairs(int sizePx, int styles, int characters, long seed) {
        this.sizePx = sizePx;
        this.styles = styles;
        this.characters = characters;
        this.seed = seed;
        Random r = new Random(seed);
        sources = new float[characters][];
        targets = new float[styles][characters][];
        for (int c = 0; c < characters; c++) {
            boolean[] ink = strokes(r);
            sources[c] = toFloats(ink);
            for (int s = 0; s < styles; s++) {
                targets[s][c] = toFloats(transform(ink, s));
            }
        }
    }

    private boolean[] strokes(Random r) {
        boolean[] ink = new boolean[sizePx * sizePx];
        int lines = 2 + r.nextInt(3);
        int margin = sizePx / 6;
        int thick = Math.max(1, sizePx / 20);
        for (int l = 0; l < lines; l++) {
            boolean horizontal = r.nextBoolean();
            int at = margin + r.nextInt(sizePx - 2 * margin);
            int from = margin + r.nextInt(sizePx / 3);
            int to = sizePx - margin - r.nextInt(sizePx / 3);
            for (int t = from; t < to; t++) {
                for (int d = 0; d < thick; d++) {
                    int y = horizontal ? at + d : t;
                    int x = horizontal ? t : at + d;
                    if (y < sizePx && x < sizePx) {
                        ink[y * sizePx + x] = true;
                    }
                }
            }
        }
        return ink;
    }

    private boolean[] transform(boolean[] ink, int style) {
        boolean[] out = new boolean[ink.length];
        int n = sizePx;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                boolean v;
                switch (style) {
                    case 0 -> v = at(ink, x - n / 16, y);
                    case 1 -> v = at(ink, x, y) || at(ink, x + 1, y) || at(ink, x, y + 1) || at(ink, x + 1, y + 1);
                    case 2 -> v = at(ink, n - 1 - x, y);
                    default -> v = at(ink, x, y - style);
                }
                out[y * n + x] = v;
            }
        }
        return out;
    }

    private boolean at(boolean[] ink, int x, int y) {
        return x >= 0 && y >= 0 && x < sizePx && y < sizePx && ink[y * sizePx + x];
    }

    private static float[] toFloats(boolean[] ink) {
        float[] f = new float[ink.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = ink[i] ? 1f : -1f;
        }
        return f;
    }

    @Override
    public int sizePx() {
        return sizePx;
    }

    @Override
    public List<String> styleNames() {
        List<String> names = new ArrayList<>();
        for (int s = 0; s < styles; s++) {
            names.add("synthetic-" + s);
        }
        return names;
    }

    @Override
    public int size() {
        return styles * characters;
    }

    @Override
    public Batch batch(long iteration, int batchSize, NDManager manager) {
        Random r = new Random(seed * 31 + iteration * 1_000_003L);
        int[] idx = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            idx[i] = r.nextInt(size());
        }
        return make(idx, manager);
    }

    @Override
    public Batch samples(int count, NDManager manager) {
        int[] idx = new int[Math.min(count, size())];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = (i % styles) * characters + (i / styles) % characters;
        }
        return make(idx, manager);
    }

    private Batch make(int[] idx, NDManager manager) {
        int px = sizePx * sizePx;
        float[] src = new float[idx.length * px];
        float[] tgt = new float[idx.length * px];
        int[] st = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            int style = idx[i] / characters;
            int ch = idx[i] % characters;
            System.arraycopy(sources[ch], 0, src, i * px, px);
            System.arraycopy(targets[style][ch], 0, tgt, i * px, px);
            st[i] = style;
        }
        Shape shape = new Shape(idx.length, 1, sizePx, sizePx);
        return new Batch(manager.create(src, shape), manager.create(tgt, shape), manager.create(st));
    }
}
