package dev.fontgan.eval;

import dev.fontgan.Json;
import dev.fontgan.Progress;
import dev.fontgan.data.GlyphAugmenter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * How well a classifier reads real renders it was not trained on: every (font, character) pair
 * of the given fonts and charset, once clean and once distorted with an augmentation seed other
 * than training's, split into pairs seen in training and held-out pairs (see {@link HeldOutPairs}).
 */
public final class ClassifierEvaluation {
    private static final int CHUNK = 1024;

    private ClassifierEvaluation() {}

    /** Content and style accuracy of one group of samples. */
    public record Group(Accuracy content, Accuracy style) {
        static final Group EMPTY = new Group(new Accuracy(0, 0, 0), new Accuracy(0, 0, 0));

        Group plus(Group o) {
            return new Group(content.plus(o.content), style.plus(o.style));
        }

        public Map<String, Object> toJson() {
            return Json.obj("count", Math.max(content.total() + content.skipped(), style.total() + style.skipped()),
                    "content_acc", content.value(), "style_acc", style.value(),
                    "content_skipped", content.skipped(), "style_skipped", style.skipped());
        }
    }

    /**
     * Glyph-FID scale for one font with enough glyphs: {@code floor} between two halves of its clean
     * renders, {@code distorted} between one clean half and the other half distorted, and the
     * nearest other such font with the distance between their clean renders.
     */
    public record StyleFid(int glyphs, double floor, double distorted, String nearestStyle, double nearestFid) {
        public Map<String, Object> toJson() {
            return Json.obj("glyphs", glyphs, "real_floor", floor, "clean_vs_distorted", distorted,
                    "nearest_style", nearestStyle, "nearest_style_fid", nearestFid);
        }
    }

    /** Accuracy on all pairs (clean and augmented), on seen and held-out pairs, by script and by font. */
    public record Report(int pairs, int heldOutPairs, Group clean, Group augmented, Group seenAugmented,
            Group heldOutClean, Group heldOutAugmented, Map<String, Group> byScript, Map<String, Group> byStyle,
            Map<String, StyleFid> fid) {
        public Map<String, Object> toJson() {
            Map<String, Object> scripts = new LinkedHashMap<>();
            byScript.forEach((k, v) -> scripts.put(k, v.toJson()));
            List<Object> styles = new ArrayList<>();
            byStyle.forEach((k, v) -> {
                Map<String, Object> row = Json.obj("name", k);
                row.putAll(v.toJson());
                styles.add(row);
            });
            Map<String, Object> fids = new LinkedHashMap<>();
            fid.forEach((k, v) -> fids.put(k, v.toJson()));
            return Json.obj("pairs", pairs, "held_out_pairs", heldOutPairs,
                    "content_acc", augmented.content().value(), "style_acc", augmented.style().value(),
                    "clean", clean.toJson(), "augmented", augmented.toJson(),
                    "seen_augmented", seenAugmented.toJson(), "held_out_clean", heldOutClean.toJson(),
                    "held_out_augmented", heldOutAugmented.toJson(), "by_script", scripts,
                    "styles", styles, "fid", fids);
        }
    }

    /**
     * Renders the pairs at the classifier's size and normalization and classifies them.
     *
     * @param augmentSeed seed of the distortions; use one training did not (training draws from its own seed)
     */
    public static Report run(GlyphClassifier classifier, List<StyleFont> fonts, int[] codePoints, long augmentSeed,
            Progress progress) {
        LabelledGlyphs data = LabelledGlyphs.render(fonts, codePoints, classifier.sizePx(),
                classifier.normalization(), classifier.heldOut(), progress);
        int size = data.sizePx;
        int area = size * size;
        GlyphAugmenter augmenter = new GlyphAugmenter(size);
        Random random = new Random(augmentSeed);
        Group clean = Group.EMPTY;
        Group augmented = Group.EMPTY;
        Group seenAug = Group.EMPTY;
        Group heldClean = Group.EMPTY;
        Group heldAug = Group.EMPTY;
        Map<String, Group> byScript = new LinkedHashMap<>();
        Map<String, Group> byStyle = new LinkedHashMap<>();
        for (StyleFont f : fonts) {
            byStyle.put(f.name(), Group.EMPTY);
        }
        float[][] cleanFeatures = new float[data.count][];
        float[][] distortedFeatures = new float[data.count][];
        progress.start("classify", data.count);
        for (int from = 0; from < data.count; from += CHUNK) {
            int to = Math.min(data.count, from + CHUNK);
            int n = to - from;
            float[] plain = new float[n * area];
            float[] distorted = new float[n * area];
            for (int i = 0; i < n; i++) {
                augmenter.copy(data.pixels, (from + i) * area, plain, i * area);
                augmenter.augment(data.pixels, (from + i) * area, distorted, i * area, random);
            }
            GlyphClassifier.Predictions pc = classifier.predict(InkImages.ofInk(plain, n, size));
            GlyphClassifier.Predictions pa = classifier.predict(InkImages.ofInk(distorted, n, size));
            for (int i = 0; i < n; i++) {
                int s = from + i;
                cleanFeatures[s] = pc.features()[i];
                distortedFeatures[s] = pa.features()[i];
                int cp = codePoints[data.content[s]];
                String style = fonts.get(data.style[s]).name();
                Group gc = score(classifier, pc, i, cp, style);
                Group ga = score(classifier, pa, i, cp, style);
                clean = clean.plus(gc);
                augmented = augmented.plus(ga);
                if (data.heldOut[s]) {
                    heldClean = heldClean.plus(gc);
                    heldAug = heldAug.plus(ga);
                } else {
                    seenAug = seenAug.plus(ga);
                }
                byScript.merge(cp < 0x80 ? "ascii" : "other", ga, Group::plus);
                byStyle.merge(style, ga, Group::plus);
            }
            progress.advance(n);
        }
        progress.close();
        Map<String, StyleFid> fid = styleFids(fonts, data, cleanFeatures, distortedFeatures,
                4 * classifier.featureDims(), augmentSeed);
        return new Report(data.count, data.heldOutCount(), clean, augmented, seenAug, heldClean, heldAug, byScript,
                byStyle, fid);
    }

    /** FID floor, distortion FID and nearest font for every font with at least {@code minGlyphs} glyphs. */
    private static Map<String, StyleFid> styleFids(List<StyleFont> fonts, LabelledGlyphs data, float[][] clean,
            float[][] distorted, int minGlyphs, long seed) {
        Map<String, FeatureStats> whole = new LinkedHashMap<>();
        Map<String, StyleFid> out = new LinkedHashMap<>();
        for (int f = 0; f < fonts.size(); f++) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < data.count; i++) {
                if (data.style[i] == f) {
                    rows.add(i);
                }
            }
            if (rows.size() < minGlyphs) {
                continue;
            }
            java.util.Collections.shuffle(rows, new Random(seed + f));
            int half = rows.size() / 2;
            int[] a = rows.subList(0, half).stream().mapToInt(Integer::intValue).toArray();
            int[] b = rows.subList(half, 2 * half).stream().mapToInt(Integer::intValue).toArray();
            FeatureStats cleanA = FeatureStats.of(clean, a);
            double floor = GlyphFid.distance(cleanA, FeatureStats.of(clean, b));
            double moved = GlyphFid.distance(cleanA, FeatureStats.of(distorted, b));
            whole.put(fonts.get(f).name(), FeatureStats.of(clean, rows.stream().mapToInt(Integer::intValue).toArray()));
            out.put(fonts.get(f).name(), new StyleFid(rows.size(), floor, moved, null, Double.NaN));
        }
        List<String> names = new ArrayList<>(whole.keySet());
        double[][] between = new double[names.size()][names.size()];
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                between[i][j] = GlyphFid.distance(whole.get(names.get(i)), whole.get(names.get(j)));
                between[j][i] = between[i][j];
            }
        }
        for (int i = 0; i < names.size(); i++) {
            int best = -1;
            for (int j = 0; j < names.size(); j++) {
                if (j != i && (best < 0 || between[i][j] < between[i][best])) {
                    best = j;
                }
            }
            StyleFid r = out.get(names.get(i));
            out.put(names.get(i), new StyleFid(r.glyphs(), r.floor(), r.distorted(),
                    best < 0 ? null : names.get(best), best < 0 ? Double.NaN : between[i][best]));
        }
        return out;
    }

    private static Group score(GlyphClassifier c, GlyphClassifier.Predictions p, int i, int codePoint, String style) {
        int wantContent = c.contentClass(codePoint);
        int wantStyle = c.styleClass(style);
        Accuracy content = wantContent < 0 ? new Accuracy(0, 0, 1)
                : new Accuracy(p.contentClass()[i] == wantContent ? 1 : 0, 1, 0);
        Accuracy st = wantStyle < 0 ? new Accuracy(0, 0, 1)
                : new Accuracy(p.styleClass()[i] == wantStyle ? 1 : 0, 1, 0);
        return new Group(content, st);
    }
}
