package dev.fontgan.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.fontgan.Progress;
import dev.fontgan.font.Charsets;
import dev.fontgan.font.FontCatalog;
import dev.fontgan.font.FontFile;
import dev.fontgan.glyph.GlyphImage;
import dev.fontgan.glyph.GlyphRasterizer;
import dev.fontgan.glyph.Normalization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Characters as classes, each drawn in several fonts: the data of class-conditional GANs and
 * glyph classifiers. Sample i is (image, label = index of its character, font id).
 */
public final class ClassGlyphs {
    /** A host-side batch: {@code count * sizePx^2} uint8 ink pixels, labels and font ids. */
    public record Batch(int count, int sizePx, byte[] pixels, int[] labels, int[] fontIds) {
        /** @return images, float32 (N, 1, H, W) in [-1, 1] */
        public NDArray imageArray(NDManager manager) {
            return GlyphTensors.toArray(manager, pixels, count, sizePx);
        }

        /** @return class labels, int32 (N) */
        public NDArray labelArray(NDManager manager) {
            return manager.create(labels);
        }

        /** @return font ids, int32 (N) */
        public NDArray fontArray(NDManager manager) {
            return manager.create(fontIds);
        }
    }

    private final int sizePx;
    private final int[] classes;
    private final List<String> fontNames;
    private final byte[] pixels;
    private final int[] labels;
    private final int[] fontIds;

    private ClassGlyphs(int sizePx, int[] classes, List<String> fontNames, byte[] pixels, int[] labels, int[] fontIds) {
        this.sizePx = sizePx;
        this.classes = classes;
        this.fontNames = List.copyOf(fontNames);
        this.pixels = pixels;
        this.labels = labels;
        this.fontIds = fontIds;
    }

    /** Draws every character in every font that has it (ink normalization fits small glyphs well). */
    public static ClassGlyphs render(List<FontFile> fonts, int[] codePoints, int sizePx, Normalization normalization,
                                     Progress progress) {
        GlyphRasterizer r = new GlyphRasterizer(sizePx, normalization);
        int area = sizePx * sizePx;
        List<GlyphImage> images = new ArrayList<>();
        List<Integer> labelList = new ArrayList<>();
        List<Integer> fontList = new ArrayList<>();
        List<String> names = new ArrayList<>();
        progress.start("rendering classes", (long) fonts.size() * codePoints.length);
        for (int f = 0; f < fonts.size(); f++) {
            names.add(FontCatalog.shortName(fonts.get(f)));
            GlyphImage[] out = r.rasterizeAll(fonts.get(f), codePoints, progress);
            for (int c = 0; c < out.length; c++) {
                if (out[c] != null) {
                    images.add(out[c]);
                    labelList.add(c);
                    fontList.add(f);
                }
            }
        }
        progress.close();
        byte[] px = new byte[images.size() * area];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i).pixels(), 0, px, i * area, area);
        }
        return new ClassGlyphs(sizePx, codePoints.clone(), names, px,
                labelList.stream().mapToInt(Integer::intValue).toArray(),
                fontList.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Every font of a folder (catalog.json or scan; every collection member) that has at least
     * {@code minCoverage} of the charset, e.g. {@code fromFolder(fonts/, "digits", 32, 1.0)}.
     */
    public static ClassGlyphs fromFolder(Path dir, String charsSpec, int sizePx, double minCoverage, Progress progress) {
        int[] cps = Charsets.resolve(charsSpec);
        List<FontFile> fonts = new ArrayList<>();
        for (FontCatalog.Entry e : FontCatalog.list(dir)) {
            FontFile f = FontFile.open(e.spec());
            int have = 0;
            for (int cp : cps) {
                have += f.has(cp) ? 1 : 0;
            }
            if (have >= minCoverage * cps.length && have > 0) {
                fonts.add(f);
            }
        }
        if (fonts.isEmpty()) {
            throw new dev.fontgan.FontganException(dir, "no font covers the charset " + charsSpec);
        }
        return render(fonts, cps, sizePx, Normalization.INK, progress);
    }

    public int size() {
        return labels.length;
    }

    public int sizePx() {
        return sizePx;
    }

    public int classCount() {
        return classes.length;
    }

    /** The character of a class label. */
    public int codePoint(int label) {
        return classes[label];
    }

    public int fontCount() {
        return fontNames.size();
    }

    public List<String> fontNames() {
        return fontNames;
    }

    public int label(int sample) {
        return labels[sample];
    }

    public int fontId(int sample) {
        return fontIds[sample];
    }

    /** Gathers samples into a batch, in the given order. */
    public Batch batch(int[] sampleIndices) {
        int area = sizePx * sizePx;
        int n = sampleIndices.length;
        byte[] px = new byte[n * area];
        int[] l = new int[n];
        int[] f = new int[n];
        for (int i = 0; i < n; i++) {
            int s = sampleIndices[i];
            System.arraycopy(pixels, s * area, px, i * area, area);
            l[i] = labels[s];
            f[i] = fontIds[s];
        }
        return new Batch(n, sizePx, px, l, f);
    }

    /** One epoch of full batches in a seeded shuffled order (the remainder is dropped). */
    public Iterator<Batch> epoch(int batchSize, long seed) {
        int[] order = java.util.stream.IntStream.range(0, size()).toArray();
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int per = Math.min(batchSize, order.length);
        int batches = per == 0 ? 0 : order.length / per;
        return new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return next < batches;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int[] idx = Arrays.copyOfRange(order, next * per, (next + 1) * per);
                next++;
                return batch(idx);
            }
        };
    }
}
