package dev.fontgan.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.fontgan.Json;
import dev.fontgan.gan.Batch;
import dev.fontgan.gan.GanRun;
import dev.fontgan.gan.Metric;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metric of a GAN variant (GAN-VARIANTS.md) for a trained run, measured with the project's
 * glyph classifier: glyph-FID with its real-vs-real floor, class accuracy of conditional samples,
 * the best code-to-class mapping accuracy for info codes, or L1/SSIM on unseen characters.
 */
public final class GanEvaluation {
    private GanEvaluation() {}

    /**
     * @param count samples generated (and real samples drawn) for the metric
     * @return {"variant", "step", "metric", ...metric keys}
     */
    public static Map<String, Object> evaluate(GanRun run, GlyphClassifier classifier, int count, int seed) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("variant", run.variant().name());
        out.put("step", run.step());
        Metric metric = run.variant().metric();
        out.put("metric", metric.name().toLowerCase(java.util.Locale.ROOT));
        try (NDManager m = run.players().manager().newSubManager()) {
            if (metric == Metric.L1_SSIM) {
                Batch b = run.data().evaluation(count, m);
                NDArray generated = run.players().sample(b.sources(), null);
                out.put("unseen", Metrics.compare(generated, b.images()).summary().toJson());
                out.put("copy_source_baseline", Metrics.compare(b.sources(), b.images()).summary().toJson());
                return out;
            }
            GanRun.Samples s = run.generate(count, seed, m);
            // characters are read among the run's own classes (a closed set, as an MNIST classifier
            // reads digits): a '0' that looks like an 'O' outside the set is not a miss
            int[] among = metric == Metric.GLYPH_FID ? null : classCodePoints(run);
            GlyphClassifier.Predictions p = classifier.predict(s.images(), among);
            switch (metric) {
                case GLYPH_FID -> out.put("glyph_fid", fid(run, classifier, p, count, seed, m));
                case CLASS_ACCURACY -> {
                    int[] expected = new int[s.labels().length];
                    for (int i = 0; i < expected.length; i++) {
                        expected[i] = run.data().codePoint(s.labels()[i]);
                    }
                    out.put("class_accuracy", classifier.contentAccuracy(p, expected).toJson());
                    out.put("real_floor", realFloor(run, classifier, count, m).toJson());
                    out.put("glyph_fid", fid(run, classifier, p, count, seed, m));
                }
                case CODE_ACCURACY -> {
                    Map<String, Object> codes = codeAccuracy(s.labels(), p.codePoint());
                    if (s.styles() != null) {
                        codes.put("by_font", byFont(s.labels(), s.styles(), p.codePoint(), run.data().styleNames()));
                    }
                    out.put("code_accuracy", codes);
                    out.put("real_floor", realFloor(run, classifier, count, m).toJson());
                    // codes can be right while z stops varying the style: the FID shows that
                    out.put("glyph_fid", fid(run, classifier, p, count, seed, m));
                }
                default -> throw new IllegalStateException(metric.name());
            }
        }
        return out;
    }

    private static Map<String, Object> fid(GanRun run, GlyphClassifier classifier, GlyphClassifier.Predictions generated,
            int count, int seed, NDManager m) {
        Batch real = run.data().evaluation(2 * count, m);
        float[][] realFeatures = classifier.predict(real.images()).features();
        return GlyphFid.compare(realFeatures, generated.features(), seed).toJson();
    }

    /**
     * The same class-accuracy measurement (closed set of the run's classes) on real glyphs of the run's data (a fixed draw over every
     * font and class): the ceiling a generator can reach under this classifier, reported beside
     * every conditional number.
     */
    static Accuracy realFloor(GanRun run, GlyphClassifier classifier, int count, NDManager m) {
        Batch real = run.data().evaluation(count, m);
        int[] labels = real.labels().toIntArray();
        int[] expected = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            expected[i] = run.data().codePoint(labels[i]);
        }
        return classifier.contentAccuracy(classifier.predict(real.images(), classCodePoints(run)), expected);
    }

    /** The characters of the run's classes. */
    static int[] classCodePoints(GanRun run) {
        int[] cps = new int[run.data().classCount()];
        for (int k = 0; k < cps.length; k++) {
            cps[k] = run.data().codePoint(k);
        }
        return cps;
    }

    /**
     * Accuracy of the code-to-character mapping, two ways: many-to-one (each code value maps to the
     * character read most often among its samples; two codes may share a character, so it rewards
     * collapse) and one-to-one (distinct characters per code, the best such assignment: the honest
     * measure of a categorical code that learned the classes).
     */
    static Map<String, Object> codeAccuracy(int[] codes, int[] predictedCodePoints) {
        Map<Integer, Map<Integer, Integer>> counts = counts(codes, predictedCodePoints);
        int correct = 0;
        int distinct = 0;
        java.util.Set<Integer> used = new java.util.HashSet<>();
        for (Map<Integer, Integer> c : counts.values()) {
            Map.Entry<Integer, Integer> best = c.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
            correct += best.getValue();
            if (used.add(best.getKey())) {
                distinct++;
            }
        }
        double total = codes.length == 0 ? Double.NaN : codes.length;
        return Json.obj("acc", correct / total, "acc_one_to_one", oneToOneCorrect(counts) / total, "total", codes.length,
                "codes", counts.size(), "distinct_characters", distinct, "by_code", byCode(counts));
    }

    /** Per code value, the characters its samples were read as, most frequent first ("3": 41, "8": 9): the confusion. */
    private static Map<String, Object> byCode(Map<Integer, Map<Integer, Integer>> counts) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (int code : counts.keySet().stream().sorted().toList()) {
            Map<String, Object> read = new java.util.LinkedHashMap<>();
            counts.get(code).entrySet().stream()
                    .sorted(Map.Entry.<Integer, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .forEach(e -> read.put(Character.toString(e.getKey()), e.getValue()));
            out.put(Integer.toString(code), read);
        }
        return out;
    }

    /**
     * For samples drawn with given fonts: per font, the share read right under the run's one-to-one
     * code-to-character assignment (about count / fonts samples each): where the codes lose their
     * meaning.
     */
    static Map<String, Object> byFont(int[] codes, int[] fonts, int[] predictedCodePoints, List<String> fontNames) {
        Map<Integer, Integer> assigned = oneToOne(counts(codes, predictedCodePoints));
        int[] right = new int[fontNames.size()];
        int[] total = new int[fontNames.size()];
        for (int i = 0; i < codes.length; i++) {
            total[fonts[i]]++;
            Integer c = assigned.get(codes[i]);
            right[fonts[i]] += c != null && c == predictedCodePoints[i] ? 1 : 0;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int f = 0; f < total.length; f++) {
            if (total[f] > 0) {
                out.put(fontNames.get(f), Json.obj("acc", (double) right[f] / total[f], "total", total[f]));
            }
        }
        return out;
    }

    private static Map<Integer, Map<Integer, Integer>> counts(int[] codes, int[] predictedCodePoints) {
        Map<Integer, Map<Integer, Integer>> counts = new HashMap<>();
        for (int i = 0; i < codes.length; i++) {
            counts.computeIfAbsent(codes[i], k -> new HashMap<>()).merge(predictedCodePoints[i], 1, Integer::sum);
        }
        return counts;
    }

    /** Samples read right under the best assignment of code values to distinct characters. */
    private static int oneToOneCorrect(Map<Integer, Map<Integer, Integer>> counts) {
        int correct = 0;
        for (Map.Entry<Integer, Integer> e : oneToOne(counts).entrySet()) {
            correct += counts.get(e.getKey()).getOrDefault(e.getValue(), 0);
        }
        return correct;
    }

    /** The best assignment of code values to distinct characters (Hungarian method): code -> code point. */
    private static Map<Integer, Integer> oneToOne(Map<Integer, Map<Integer, Integer>> counts) {
        List<Integer> characters = counts.values().stream().flatMap(c -> c.keySet().stream()).distinct().sorted().toList();
        List<Integer> codeValues = counts.keySet().stream().sorted().toList();
        int[][] weight = new int[codeValues.size()][characters.size()];
        for (int i = 0; i < weight.length; i++) {
            Map<Integer, Integer> c = counts.get(codeValues.get(i));
            for (int j = 0; j < characters.size(); j++) {
                weight[i][j] = c.getOrDefault(characters.get(j), 0);
            }
        }
        int[] assigned = Assignment.maximize(weight);
        Map<Integer, Integer> out = new HashMap<>();
        for (int i = 0; i < assigned.length; i++) {
            if (assigned[i] >= 0) {
                out.put(codeValues.get(i), characters.get(assigned[i]));
            }
        }
        return out;
    }
}
