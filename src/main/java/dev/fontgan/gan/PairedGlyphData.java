package dev.fontgan.gan;

import ai.djl.ndarray.NDManager;
import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.Progress;
import dev.fontgan.data.GlyphTensors;
import dev.fontgan.data.Split;
import dev.fontgan.font.Charsets;
import dev.fontgan.font.FontFile;
import dev.fontgan.glyph.GlyphImage;
import dev.fontgan.glyph.GlyphRasterizer;
import dev.fontgan.glyph.Normalization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Paired glyphs (source font -> one target font) as GAN data, rendered in memory. Characters are
 * split by {@link Split#of}: training batches come from TRAIN and VAL characters, evaluation from
 * TEST characters (unseen in training). Batch i is slice (i mod B) of epoch (i / B)'s shuffle.
 */
public final class PairedGlyphData implements GanData {
    private final int sizePx;
    private final long seed;
    private final Map<String, Object> description;
    private final byte[] trainSource;
    private final byte[] trainTarget;
    private final int[] trainChars;
    private final byte[] testSource;
    private final byte[] testTarget;
    private final int[] testChars;

    private PairedGlyphData(int sizePx, long seed, Map<String, Object> description, List<byte[][]> train,
            List<Integer> trainCps, List<byte[][]> test, List<Integer> testCps) {
        this.sizePx = sizePx;
        this.seed = seed;
        this.description = description;
        int area = sizePx * sizePx;
        trainSource = new byte[train.size() * area];
        trainTarget = new byte[train.size() * area];
        for (int i = 0; i < train.size(); i++) {
            System.arraycopy(train.get(i)[0], 0, trainSource, i * area, area);
            System.arraycopy(train.get(i)[1], 0, trainTarget, i * area, area);
        }
        testSource = new byte[test.size() * area];
        testTarget = new byte[test.size() * area];
        for (int i = 0; i < test.size(); i++) {
            System.arraycopy(test.get(i)[0], 0, testSource, i * area, area);
            System.arraycopy(test.get(i)[1], 0, testTarget, i * area, area);
        }
        trainChars = trainCps.stream().mapToInt(Integer::intValue).toArray();
        testChars = testCps.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Renders every character both fonts have (em-box normalization keeps relative placement).
     * @param splitSeed seed of the character split (TEST characters are held out)
     */
    public static PairedGlyphData render(String sourceSpec, String targetSpec, String chars, int sizePx,
            long splitSeed, Progress progress) {
        FontFile source = FontFile.open(sourceSpec);
        FontFile target = FontFile.open(targetSpec);
        int[] cps = Charsets.resolve(chars);
        GlyphRasterizer r = new GlyphRasterizer(sizePx, Normalization.EM);
        GlyphImage[] s = r.rasterizeAll(source, cps, progress);
        GlyphImage[] t = r.rasterizeAll(target, cps, progress);
        List<byte[][]> train = new ArrayList<>();
        List<byte[][]> test = new ArrayList<>();
        List<Integer> trainCps = new ArrayList<>();
        List<Integer> testCps = new ArrayList<>();
        for (int i = 0; i < cps.length; i++) {
            if (s[i] == null || t[i] == null) {
                continue;
            }
            boolean held = Split.of(cps[i], splitSeed) == Split.TEST;
            (held ? test : train).add(new byte[][] {s[i].pixels(), t[i].pixels()});
            (held ? testCps : trainCps).add(cps[i]);
        }
        if (train.isEmpty()) {
            throw new FontganException(targetSpec, "no training character is in both fonts for " + chars);
        }
        if (test.isEmpty()) {
            // a tiny charset may have no TEST character: evaluate on training characters instead
            test = train;
            testCps = trainCps;
        }
        Map<String, Object> d = new java.util.LinkedHashMap<>(
                new GanDataSpec(null, chars, sourceSpec, targetSpec, sizePx, splitSeed).toJson());
        d.put("mode", "paired-glyphs");
        d.put("train", train.size());
        d.put("test", test.size());
        return new PairedGlyphData(sizePx, splitSeed, d, train, trainCps, test, testCps);
    }

    @Override
    public int sizePx() {
        return sizePx;
    }

    @Override
    public int classCount() {
        return 0;
    }

    @Override
    public int codePoint(int label) {
        throw new IllegalArgumentException("label " + label + " out of range: paired glyphs have no class labels");
    }

    public int trainSize() {
        return trainChars.length;
    }

    /** Code points of the evaluation (unseen) characters. */
    public int[] testCodePoints() {
        return testChars.clone();
    }

    @Override
    public Batch batch(long iteration, int batchSize, NDManager manager) {
        int n = trainChars.length;
        int per = Math.min(batchSize, n);
        long perEpoch = n / per;
        long epoch = iteration / perEpoch;
        int[] order = java.util.stream.IntStream.range(0, n).toArray();
        SplittableRandom rng = new SplittableRandom(seed * 31 + epoch);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int from = (int) ((iteration % perEpoch) * per);
        int[] idx = java.util.Arrays.copyOfRange(order, from, from + per);
        return gather(trainSource, trainTarget, idx, manager);
    }

    @Override
    public Batch evaluation(int count, NDManager manager) {
        int n = Math.min(count, testChars.length);
        return gather(testSource, testTarget, java.util.stream.IntStream.range(0, n).toArray(), manager);
    }

    private Batch gather(byte[] src, byte[] tgt, int[] idx, NDManager manager) {
        int area = sizePx * sizePx;
        byte[] s = new byte[idx.length * area];
        byte[] t = new byte[idx.length * area];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(src, idx[i] * area, s, i * area, area);
            System.arraycopy(tgt, idx[i] * area, t, i * area, area);
        }
        return new Batch(GlyphTensors.toArray(manager, t, idx.length, sizePx), null,
                GlyphTensors.toArray(manager, s, idx.length, sizePx));
    }

    @Override
    public Map<String, Object> describe() {
        return description;
    }
}
