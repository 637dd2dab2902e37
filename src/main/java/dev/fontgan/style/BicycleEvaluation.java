package dev.fontgan.style;

import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.Progress;
import dev.fontgan.data.GlyphDataset;
import dev.fontgan.data.Split;
import dev.fontgan.eval.Accuracy;
import dev.fontgan.eval.GlyphClassifier;
import dev.fontgan.eval.InkImages;
import dev.fontgan.glyph.GlyphImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How well a BicycleGAN pack writes characters it never saw, beyond what {@link PackEvaluation}
 * measures for its named styles:
 * <ul>
 * <li><b>random styles</b>: every unseen character written with {@code zCount} random codes
 * (seeds {@code seed, seed + 1, ...}, drawn at the pack's {@link StylePack#zScale()}); content accuracy says whether they still show the right
 * character;
 * <li><b>diversity</b>: for each character, the mean pairwise distance between its versions
 * across styles, in the glyph classifier's feature space (Euclidean) and in pixels (L1 of ink in
 * [0, 1]), averaged over characters. Measured for the random codes, for the same generator with
 * z fixed to 0 (a z-ignoring generator: 0 by construction), for this pack's named styles, for the
 * real target fonts of the dataset (what real styles differ by), and for a zi2zi pack's named
 * styles when one fits the data (the project's z-less multi-style model: the diversity a user
 * gets without a latent space). The zi2zi figure is the baseline to beat; z = 0 only shows the
 * floor;
 * <li><b>reconstruction</b>: each target glyph encoded to its μ and written again from the source
 * with that code (the cVAE-GAN path), scored against the target as the named styles are (L1,
 * SSIM, ink recall, content and style accuracy).
 * </ul>
 */
public final class BicycleEvaluation {
    private BicycleEvaluation() {}

    /**
     * Mean pairwise distance between the versions of one character, averaged over characters.
     *
     * @param feature Euclidean distance of classifier features, or NaN without a classifier
     * @param pixelL1 mean absolute ink difference
     * @param versions versions per input (for real fonts: the most any character has)
     */
    public record Diversity(String name, int inputs, int versions, double feature, double pixelL1) {
        public Map<String, Object> toJson() {
            return Json.obj("name", name, "inputs", inputs, "versions_per_input", versions,
                    "feature", Double.isNaN(feature) ? null : feature, "pixel_l1", pixelL1);
        }
    }

    /** Everything found. */
    public record Result(PackEvaluation.Result named, int zCount, long seed, double zScale, int[] codePoints,
            Accuracy randomContent,
            List<Diversity> diversity, String baseline, List<PackEvaluation.Row> reconstruction,
            GlyphImage[][] randomSamples, List<PackEvaluation.Sample> reconstructionSamples) {
        public Map<String, Object> toJson() {
            Map<String, Object> m = named.toJson();
            m.put("kind", StylePack.BICYCLE);
            m.put("random_z", Json.obj("styles", zCount, "seed", seed, "z_scale", zScale, "chars", codePoints.length,
                    "count", zCount * codePoints.length,
                    "content_acc", randomContent == null ? null : randomContent.value()));
            Map<String, Object> d = new LinkedHashMap<>();
            for (Diversity x : diversity) {
                d.put(x.name(), x.toJson());
            }
            d.put("baseline", baseline);
            Diversity random = find("random_z");
            Diversity base = find(baseline);
            if (random != null && base != null && !Double.isNaN(random.feature()) && base.feature() > 0) {
                d.put("feature_ratio_to_baseline", random.feature() / base.feature());
            }
            m.put("diversity", d);
            List<Object> rows = new ArrayList<>();
            for (PackEvaluation.Row r : reconstruction) {
                rows.add(r.toJson());
            }
            m.put("reconstruction", Json.obj("z", "encoder mu of the target glyph", "styles", rows,
                    "mean", PackEvaluation.mean(reconstruction, "mean")));
            return m;
        }

        public Diversity find(String name) {
            return diversity.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
        }
    }

    /**
     * Evaluates a BicycleGAN pack on a split of a dataset.
     *
     * @param classifier for accuracies and feature distances, or null
     * @param zCount random styles per character (at least 2 for diversity)
     * @param zi2zi a zi2zi pack whose named styles give the diversity baseline, or null
     * @param samples characters kept for report grids
     */
    public static Result run(StylePack pack, GlyphDataset data, Split split, GlyphClassifier classifier, int zCount,
            long seed, StylePack zi2zi, int samples, Progress progress) {
        if (!pack.hasLatentSpace()) {
            throw new FontganException(pack.where(), "not a bicycle pack (kind " + pack.kind() + ")");
        }
        if (zCount < 2 || zCount > 64) {
            throw new FontganException("--z-count", "expected 2 to 64 random styles, got " + zCount);
        }
        PackEvaluation.Result named = PackEvaluation.run(pack, data, split, classifier, samples, progress);
        int px = data.sizePx();
        int[] cps = Arrays.stream(data.codePoints(split)).filter(cp -> data.source(cp) != null && pack.canWrite(cp))
                .toArray();
        if (cps.length == 0) {
            throw new FontganException(data.dir(), "no " + split.id() + " characters the pack can write");
        }
        GlyphImage[] sources = pack.sources(cps);
        String[] noStyles = new String[cps.length];
        List<Diversity> diversity = new ArrayList<>();
        progress.start("random styles", zCount + 3);
        try {
            // random codes: content and diversity
            List<InkImages> versions = new ArrayList<>();
            Accuracy content = classifier == null ? null : new Accuracy(0, 0, 0);
            List<float[][]> features = new ArrayList<>();
            GlyphImage[][] randomSamples = new GlyphImage[zCount][];
            for (int j = 0; j < zCount; j++) {
                GlyphImage[] out = pack.generateLatent(sources, pack.latentForSeed(seed + j));
                InkImages ink = InkImages.ofGlyphs(Arrays.asList(out));
                versions.add(ink);
                if (classifier != null) {
                    GlyphClassifier.Predictions p = classifier.predict(ink);
                    content = content.plus(classifier.contentAccuracy(p, cps));
                    features.add(p.features());
                }
                randomSamples[j] = Arrays.copyOf(out, Math.min(samples, out.length));
                progress.advance(1);
            }
            diversity.add(diversity("random_z", versions, features));

            // z = 0 for every version: a generator that ignores z
            GlyphImage[] zero = pack.generateLatent(sources, new float[pack.latentSize()]);
            InkImages zeroInk = InkImages.ofGlyphs(Arrays.asList(zero));
            List<float[][]> zeroFeatures = classifier == null ? List.of()
                    : java.util.Collections.nCopies(zCount, classifier.predict(zeroInk).features());
            diversity.add(diversity("z_zero", java.util.Collections.nCopies(zCount, zeroInk), zeroFeatures));
            progress.advance(1);

            // this pack's named styles, and the real target fonts
            diversity.add(styleDiversity("named_styles", pack, sources, classifier));
            diversity.add(realDiversity(data, cps, classifier));
            progress.advance(1);
            String baseline = "z_zero";
            if (zi2zi != null && zi2zi.sizePx() == px && zi2zi.manifest().normalization() == data.normalization()) {
                Diversity z = styleDiversity("zi2zi_styles", zi2zi, zi2zi.sources(cps), classifier);
                diversity.add(z);
                baseline = z.name();
            }
            progress.advance(1);

            // reconstruction with the encoded target
            List<PackEvaluation.Row> rows = new ArrayList<>();
            List<PackEvaluation.Sample> recSamples = new ArrayList<>();
            List<String> dataStyles = data.styleNames();
            for (PackStyle s : pack.styles()) {
                int t = dataStyles.indexOf(s.name());
                if (t < 0) {
                    continue;
                }
                progress.status("reconstruction " + s.name());
                int[] have = Arrays.stream(cps).filter(cp -> data.target(t, cp) != null).toArray();
                List<GlyphImage> targets = new ArrayList<>();
                for (int cp : have) {
                    targets.add(new GlyphImage(cp, px, data.target(t, cp)));
                }
                float[][] z = pack.encodeEach(targets);
                GlyphImage[] src = pack.sources(have);
                GlyphImage[] rec = pack.generateLatentEach(src, z);
                String[] names = new String[have.length];
                Arrays.fill(names, s.name());
                rows.add(PackEvaluation.row(s.name(), InkImages.ofGlyphs(Arrays.asList(rec)),
                        InkImages.ofGlyphs(targets), have, names, classifier, null));
                int k = Math.min(samples, have.length);
                recSamples.add(new PackEvaluation.Sample(s.name(), Arrays.copyOf(have, k), Arrays.copyOf(src, k),
                        Arrays.copyOf(rec, k), targets.subList(0, k).toArray(new GlyphImage[0])));
            }
            return new Result(named, zCount, seed, pack.zScale(), cps, content, diversity, baseline, rows, randomSamples, recSamples);
        } finally {
            progress.close();
        }
    }

    /** Diversity across the named styles of a pack (a zi2zi pack, or this pack's saved codes). */
    private static Diversity styleDiversity(String name, StylePack pack, GlyphImage[] sources, GlyphClassifier classifier) {
        List<InkImages> versions = new ArrayList<>();
        List<float[][]> features = new ArrayList<>();
        for (PackStyle s : pack.styles()) {
            InkImages ink = InkImages.ofGlyphs(Arrays.asList(pack.generate(sources, StyleMix.of(s.name()))));
            versions.add(ink);
            if (classifier != null) {
                features.add(classifier.predict(ink).features());
            }
        }
        return diversity(name, versions, features);
    }

    /**
     * Diversity across the dataset's target fonts: for each character, the fonts that have it
     * (Latin hands lack CJK), characters with fewer than two skipped.
     */
    private static Diversity realDiversity(GlyphDataset data, int[] cps, GlyphClassifier classifier) {
        int px = data.sizePx();
        int area = px * px;
        List<float[]> features = new ArrayList<>();
        if (classifier != null) {
            List<byte[]> all = new ArrayList<>();
            for (int cp : cps) {
                for (int t = 0; t < data.styleCount(); t++) {
                    if (data.target(t, cp) != null) {
                        all.add(data.target(t, cp));
                    }
                }
            }
            byte[] stacked = new byte[all.size() * area];
            for (int i = 0; i < all.size(); i++) {
                System.arraycopy(all.get(i), 0, stacked, i * area, area);
            }
            features.addAll(Arrays.asList(classifier.predict(InkImages.ofBytes(stacked, all.size(), px)).features()));
        }
        double pixel = 0;
        double feature = 0;
        int inputs = 0;
        int versions = 0;
        int next = 0;
        for (int cp : cps) {
            List<byte[]> have = new ArrayList<>();
            for (int t = 0; t < data.styleCount(); t++) {
                if (data.target(t, cp) != null) {
                    have.add(data.target(t, cp));
                }
            }
            int first = next;
            next += have.size();
            int v = have.size();
            if (v < 2) {
                continue;
            }
            double p = 0;
            double f = 0;
            for (int a = 0; a < v; a++) {
                for (int b = a + 1; b < v; b++) {
                    long d = 0;
                    for (int j = 0; j < area; j++) {
                        d += Math.abs((have.get(a)[j] & 0xff) - (have.get(b)[j] & 0xff));
                    }
                    p += d / (255.0 * area);
                    if (!features.isEmpty()) {
                        f += euclidean(features.get(first + a), features.get(first + b));
                    }
                }
            }
            int pairs = v * (v - 1) / 2;
            pixel += p / pairs;
            feature += f / pairs;
            inputs++;
            versions = Math.max(versions, v);
        }
        return new Diversity("real_styles", inputs, versions, features.isEmpty() || inputs == 0 ? Double.NaN
                : feature / inputs, inputs == 0 ? Double.NaN : pixel / inputs);
    }

    private static double euclidean(float[] a, float[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            double e = a[k] - b[k];
            s += e * e;
        }
        return Math.sqrt(s);
    }

    /**
     * Mean over inputs of the mean pairwise distance between versions.
     *
     * @param versions one batch per version, the same inputs in the same order
     * @param features per version the classifier features of each input, or empty
     */
    static Diversity diversity(String name, List<InkImages> versions, List<float[][]> features) {
        int v = versions.size();
        int n = v == 0 ? 0 : versions.get(0).count();
        if (v < 2 || n == 0) {
            return new Diversity(name, n, v, Double.NaN, Double.NaN);
        }
        int area = versions.get(0).sizePx() * versions.get(0).sizePx();
        double pixel = 0;
        double feature = 0;
        for (int i = 0; i < n; i++) {
            double p = 0;
            double f = 0;
            for (int a = 0; a < v; a++) {
                for (int b = a + 1; b < v; b++) {
                    float[] x = versions.get(a).ink();
                    float[] y = versions.get(b).ink();
                    int ox = versions.get(a).offset(i);
                    int oy = versions.get(b).offset(i);
                    double d = 0;
                    for (int j = 0; j < area; j++) {
                        d += Math.abs(x[ox + j] - y[oy + j]);
                    }
                    p += d / area;
                    if (!features.isEmpty()) {
                        f += euclidean(features.get(a)[i], features.get(b)[i]);
                    }
                }
            }
            int pairs = v * (v - 1) / 2;
            pixel += p / pairs;
            feature += f / pairs;
        }
        return new Diversity(name, n, v, features.isEmpty() ? Double.NaN : feature / n, pixel / n);
    }
}
