package dev.fontgan.gan;

import ai.djl.ndarray.NDManager;
import dev.fontgan.Json;
import dev.fontgan.data.ClassGlyphs;
import dev.fontgan.data.GlyphAugmenter;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Class glyphs as GAN data: the batch of iteration i is slice (i mod B) of epoch (i / B)'s seeded
 * shuffle, B = full batches per epoch, optionally distorted afresh per draw (seeded by the
 * iteration, so a resumed run sees the same). Evaluation samples are a fixed seeded draw of all
 * glyphs, never distorted.
 */
public final class ClassGlyphData implements GanData {
    private final ClassGlyphs glyphs;
    private final long seed;
    private final Map<String, Object> description;
    private final GlyphAugmenter.Distortions distortions;
    private final GlyphAugmenter augmenter;
    private long cachedEpoch = -1;
    private int[] cachedOrder;

    /** @param description how the glyphs were made (fonts folder, charset, size) for the run config */
    public ClassGlyphData(ClassGlyphs glyphs, long seed, Map<String, Object> description) {
        this(glyphs, seed, description, null);
    }

    /** @param distortions applied to every training draw; null for the clean glyphs */
    public ClassGlyphData(ClassGlyphs glyphs, long seed, Map<String, Object> description,
            GlyphAugmenter.Distortions distortions) {
        if (glyphs.size() == 0) {
            throw new IllegalArgumentException("no class glyphs");
        }
        this.glyphs = glyphs;
        this.seed = seed;
        this.description = description;
        this.distortions = distortions;
        this.augmenter = distortions == null ? null : new GlyphAugmenter(glyphs.sizePx(), distortions);
    }

    public ClassGlyphs glyphs() {
        return glyphs;
    }

    @Override
    public int sizePx() {
        return glyphs.sizePx();
    }

    @Override
    public int classCount() {
        return glyphs.classCount();
    }

    @Override
    public int styleCount() {
        return glyphs.fontCount();
    }

    @Override
    public java.util.List<String> styleNames() {
        return glyphs.fontNames();
    }

    @Override
    public int codePoint(int label) {
        return glyphs.codePoint(label);
    }

    @Override
    public synchronized Batch batch(long iteration, int batchSize, NDManager manager) {
        int per = Math.min(batchSize, glyphs.size());
        long perEpoch = glyphs.size() / per;
        long epoch = iteration / perEpoch;
        if (epoch != cachedEpoch) {
            cachedOrder = shuffled(seed * 31 + epoch);
            cachedEpoch = epoch;
        }
        int from = (int) ((iteration % perEpoch) * per);
        ClassGlyphs.Batch b = glyphs.batch(Arrays.copyOfRange(cachedOrder, from, from + per));
        return augmenter == null ? toBatch(b, manager) : distorted(b, new Random(seed * 0x9E3779B97F4A7C15L + iteration), manager);
    }

    private Batch distorted(ClassGlyphs.Batch b, Random random, NDManager manager) {
        int[] all = java.util.stream.IntStream.range(0, b.count()).toArray();
        return new Batch(augmenter.augmentedBatch(manager, b.pixels(), all, random), b.labelArray(manager), null,
                b.fontArray(manager));
    }

    @Override
    public Batch evaluation(int count, NDManager manager) {
        int[] order = shuffled(0x5EEDL);
        int n = Math.min(count, order.length);
        return toBatch(glyphs.batch(Arrays.copyOf(order, n)), manager);
    }

    private int[] shuffled(long s) {
        int[] order = java.util.stream.IntStream.range(0, glyphs.size()).toArray();
        SplittableRandom rng = new SplittableRandom(s);
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static Batch toBatch(ClassGlyphs.Batch b, NDManager manager) {
        return new Batch(b.imageArray(manager), b.labelArray(manager), null, b.fontArray(manager));
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new java.util.LinkedHashMap<>(description);
        m.put("mode", "class-glyphs");
        m.put("samples", glyphs.size());
        m.put("classes", glyphs.classCount());
        m.put("fonts", glyphs.fontNames());
        if (distortions != null) {
            m.put("distortions", distortions.toString());
        }
        return m;
    }

    static Map<String, Object> describe(String fontsDir, String chars, int sizePx) {
        return new GanDataSpec(fontsDir, chars, null, null, sizePx, 1).toJson();
    }
}
