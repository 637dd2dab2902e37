package dev.fontgan.style;

import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.Progress;
import dev.fontgan.bicycle.LatentRefinement;
import dev.fontgan.data.GlyphDataset;
import dev.fontgan.data.Split;
import dev.fontgan.eval.GlyphClassifier;
import dev.fontgan.eval.InkImages;
import dev.fontgan.glyph.GlyphImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A BicycleGAN pack writing a style it is shown only k glyphs of: for each style of a dataset, k
 * reference glyphs are drawn (seeded) from the style's training-split characters, their codes
 * averaged ({@code render --reference}) and, for each step count asked for, refined
 * ({@link LatentRefinement}); every code then writes the split's characters, scored against the
 * real glyphs like {@link PackEvaluation}'s named styles. Styles of the dataset need not be the
 * pack's: a font the pack never saw is scored the same way.
 */
public final class ReferenceEvaluation {
    private ReferenceEvaluation() {}

    /**
     * Everything found.
     *
     * @param steps  the step counts scored (0 = the averaged encoder code)
     * @param rows   per step count, one row per style
     * @param startL1 per style, the references' L1 with the averaged code; {@code endL1} after the most steps
     */
    public record Result(int k, long seed, LatentRefinement.Settings settings, int[] steps, List<String> styles,
            List<List<PackEvaluation.Row>> rows, float[] startL1, float[] endL1) {
        /** Mean over styles of the rows of {@code steps[i]} (l1, ssim, content_acc, style_acc, ...). */
        public Map<String, Object> mean(int i) {
            return PackEvaluation.mean(rows.get(i), "mean");
        }

        public Map<String, Object> toJson() {
            Map<String, Object> byStep = new LinkedHashMap<>();
            for (int i = 0; i < steps.length; i++) {
                List<Object> r = new ArrayList<>();
                for (PackEvaluation.Row x : rows.get(i)) {
                    r.add(x.toJson());
                }
                byStep.put(Integer.toString(steps[i]), Json.obj("styles", r, "mean", PackEvaluation.mean(rows.get(i),
                        "mean")));
            }
            List<Object> l1 = new ArrayList<>();
            for (int s = 0; s < styles.size(); s++) {
                l1.add(Json.obj("name", styles.get(s), "start", startL1[s], "end", endL1[s]));
            }
            return Json.obj("references", k, "seed", seed, "rate", settings.rate(), "anchor", settings.anchor(),
                    "prior", settings.prior(), "feature", settings.feature(), "by_steps", byStep, "reference_l1", l1);
        }
    }

    /**
     * Scores reference styles.
     *
     * @param k reference glyphs per style
     * @param steps step counts to score (-1: the averaged encoder code; 0: the chosen start code;
     *     n: the best code of the first n steps, as a refinement of n steps gives it);
     *     one refinement of the largest is run per style and its path read at the others
     * @param namedStarts start from the best of the encoded code and the pack's named codes
     */
    public static Result run(StylePack pack, GlyphDataset data, Split split, GlyphClassifier classifier, int k,
            long seed, LatentRefinement.Settings settings, int[] steps, boolean namedStarts, Progress progress) {
        if (!pack.hasLatentSpace()) {
            throw new FontganException(pack.where(), "not a bicycle pack (kind " + pack.kind() + ")");
        }
        int most = Arrays.stream(steps).max().orElse(0);
        LatentRefinement.Settings run = settings.withSteps(most);
        int px = data.sizePx();
        int[] train = data.codePoints(Split.TRAIN);
        int[] test = data.codePoints(split);
        List<String> names = new ArrayList<>();
        List<List<PackEvaluation.Row>> rows = new ArrayList<>();
        for (int i = 0; i < steps.length; i++) {
            rows.add(new ArrayList<>());
        }
        List<Float> start = new ArrayList<>();
        List<Float> end = new ArrayList<>();
        progress.start("reference styles (k = " + k + ")", data.styleCount());
        try {
            for (int t = 0; t < data.styleCount(); t++) {
                int style = t;
                String name = data.styleNames().get(t);
                progress.status(name);
                int[] pool = Arrays.stream(train).filter(cp -> data.target(style, cp) != null && pack.canWrite(cp))
                        .toArray();
                int[] cps = Arrays.stream(test).filter(cp -> data.target(style, cp) != null && pack.canWrite(cp)
                        && data.source(cp) != null).toArray();
                if (pool.length < k || cps.length == 0) {
                    progress.advance(1);
                    continue;
                }
                List<GlyphImage> refs = new ArrayList<>();
                for (int cp : pick(pool, k, seed * 1_000_003L + t)) {
                    refs.add(new GlyphImage(cp, px, data.target(style, cp)));
                }
                float[] encoded = pack.encodeStyle(refs);
                LatentRefinement.Result r = pack.refineStyle(refs, namedStarts ? starts(pack, encoded)
                        : new float[][] {encoded}, run, settings.feature() > 0 ? classifier.lossFeatures() : null,
                        Progress.NONE);
                start.add(r.startL1());
                end.add(r.endL1());
                names.add(name);
                GlyphImage[] sources = pack.sources(cps);
                InkImages target = PackEvaluation.stack(cps, cp -> data.target(style, cp), px);
                String[] labels = new String[cps.length];
                Arrays.fill(labels, name);
                for (int i = 0; i < steps.length; i++) {
                    GlyphImage[] out = pack.generateLatent(sources, steps[i] < 0 ? encoded : r.bestUpTo(steps[i]));
                    rows.get(i).add(PackEvaluation.row(name, InkImages.ofGlyphs(Arrays.asList(out)), target, cps, labels,
                            classifier, null));
                }
                progress.advance(1);
            }
        } finally {
            progress.close();
        }
        float[] s = new float[start.size()];
        float[] e = new float[end.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = start.get(i);
            e[i] = end.get(i);
        }
        return new Result(k, seed, settings, steps.clone(), names, rows, s, e);
    }

    /**
     * Candidate start codes: the encoded one, then each named style's (measured in RESULTS.md,
     * session 10: after refinement no better than the encoded start alone, so not the default).
     */
    static float[][] starts(StylePack pack, float[] encoded) {
        List<PackStyle> named = pack.styles();
        float[][] out = new float[1 + named.size()][];
        out[0] = encoded;
        for (int i = 0; i < named.size(); i++) {
            out[1 + i] = named.get(i).z();
        }
        return out;
    }

    /** k distinct characters of the pool, the same for the same seed. */
    static int[] pick(int[] pool, int k, long seed) {
        int[] a = pool.clone();
        Random r = new Random(seed);
        for (int i = 0; i < k; i++) {
            int j = i + r.nextInt(a.length - i);
            int x = a[i];
            a[i] = a[j];
            a[j] = x;
        }
        return Arrays.copyOf(a, k);
    }
}
