package dev.fontgan.style;

import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.Progress;
import dev.fontgan.data.GlyphDataset;
import dev.fontgan.data.Split;
import dev.fontgan.eval.Accuracy;
import dev.fontgan.eval.GlyphClassifier;
import dev.fontgan.eval.InkImages;
import dev.fontgan.eval.Metrics;
import dev.fontgan.glyph.GlyphImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How well a pack writes characters it never saw: for each pack style that the dataset also has
 * (matched by name), the test-split characters are generated and compared with the dataset's
 * target glyphs (L1, RMSE, SSIM, PSNR, ink recall) and, given a glyph classifier, checked for
 * content (the right character) and style (the right font). Two baselines set the scale: copying
 * the source glyph, and taking the glyphs of the nearest other style of the dataset (the one
 * with the lowest L1 to this style on training characters). A third row, the real target glyphs
 * themselves, is the classifier's ceiling: generated glyphs cannot be expected to be read better
 * than the font's own (its pixel scores are not applicable and left empty).
 */
public final class PackEvaluation {
    /** Training characters used to find each style's nearest other style. */
    private static final int NEAREST_PROBE_CHARS = 300;

    private PackEvaluation() {}

    /**
     * One row of the table.
     *
     * @param nearest for the nearest-style baseline: the style whose glyphs were used, else null
     */
    public record Row(String name, Metrics.Summary pixels, Accuracy content, Accuracy style, String nearest) {
        public Map<String, Object> toJson() {
            Map<String, Object> m = Json.obj("name", name, "count", pixels.count(), "l1", pixels.l1(),
                    "rmse", pixels.rmse(), "ssim", pixels.ssim(), "psnr", pixels.psnr(), "ink_recall", pixels.inkRecall(),
                    "content_acc", content == null ? null : content.value(),
                    "style_acc", style == null ? null : style.value());
            if (nearest != null) {
                m.put("nearest", nearest);
            }
            return m;
        }
    }

    /** Source, generated and target glyphs of a few test characters of one style (for reports). */
    public record Sample(String style, int[] codePoints, GlyphImage[] source, GlyphImage[] generated,
            GlyphImage[] target) {}

    /** Everything an evaluation found. */
    public record Result(String pack, String data, Split split, List<Row> styles, List<Row> copySource,
            List<Row> nearestStyle, List<Row> realTargets, List<Sample> samples, String classifier,
            List<String> skippedStyles) {
        public Map<String, Object> toJson() {
            Map<String, Object> baselines = new LinkedHashMap<>();
            baselines.put("copy_source", group(copySource));
            baselines.put("nearest_style", group(nearestStyle));
            baselines.put("real_targets", group(realTargets));
            return Json.obj("pack", pack, "data", data, "split", split.id(),
                    "count", styles.stream().mapToInt(r -> r.pixels().count()).sum(),
                    "styles", rows(styles), "mean", mean(styles, "mean"), "baselines", baselines,
                    "classifier", classifier, "skipped_styles", new ArrayList<Object>(skippedStyles));
        }

        private static Map<String, Object> group(List<Row> rows) {
            Map<String, Object> m = mean(rows, null);
            m.put("styles", rows(rows));
            return m;
        }

        private static List<Object> rows(List<Row> rows) {
            List<Object> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(r.toJson());
            }
            return out;
        }
    }

    /** Averages over styles (each style weighs the same). */
    static Map<String, Object> mean(List<Row> rows, String name) {
        double l1 = 0, rmse = 0, ssim = 0, psnr = 0, recall = 0, content = 0, style = 0;
        int n = 0, nc = 0, ns = 0, count = 0;
        for (Row r : rows) {
            if (r.pixels().count() == 0) {
                continue;
            }
            n++;
            count += r.pixels().count();
            l1 += r.pixels().l1();
            rmse += r.pixels().rmse();
            ssim += r.pixels().ssim();
            psnr += Math.min(r.pixels().psnr(), 100);
            recall += r.pixels().inkRecall();
            if (r.content() != null && r.content().total() > 0) {
                nc++;
                content += r.content().value();
            }
            if (r.style() != null && r.style().total() > 0) {
                ns++;
                style += r.style().value();
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        if (name != null) {
            m.put("name", name);
        }
        m.put("count", count);
        m.put("l1", n == 0 ? null : l1 / n);
        m.put("rmse", n == 0 ? null : rmse / n);
        m.put("ssim", n == 0 ? null : ssim / n);
        m.put("psnr", n == 0 ? null : psnr / n);
        m.put("ink_recall", n == 0 ? null : recall / n);
        m.put("content_acc", nc == 0 ? null : content / nc);
        m.put("style_acc", ns == 0 ? null : style / ns);
        return m;
    }

    /**
     * Evaluates a pack on a split of a dataset.
     *
     * @param classifier for content and style accuracy, or null (accuracies are then null)
     * @param samplesPerStyle characters per style kept for report grids
     */
    public static Result run(StylePack pack, GlyphDataset data, Split split, GlyphClassifier classifier,
            int samplesPerStyle, Progress progress) {
        String where = data.dir().toString();
        if (data.sizePx() != pack.sizePx() || data.normalization() != pack.manifest().normalization()) {
            throw new FontganException(where, "dataset glyphs are " + data.sizePx() + " px " + data.normalization().id()
                    + ", the pack writes " + pack.sizePx() + " px " + pack.manifest().normalization().id());
        }
        List<String> dataStyles = data.styleNames();
        List<PackStyle> matched = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (PackStyle s : pack.styles()) {
            if (dataStyles.contains(s.name())) {
                matched.add(s);
            } else {
                skipped.add(s.name());
            }
        }
        if (matched.isEmpty()) {
            throw new FontganException(where, "none of the pack's styles is in this dataset (pack: "
                    + String.join(", ", pack.styles().stream().map(PackStyle::name).toList()) + "; dataset: "
                    + String.join(", ", dataStyles) + ")");
        }
        int[] splitChars = data.codePoints(split);
        int px = data.sizePx();
        List<Row> rows = new ArrayList<>();
        List<Row> copy = new ArrayList<>();
        List<Row> nearest = new ArrayList<>();
        List<Row> real = new ArrayList<>();
        List<Sample> samples = new ArrayList<>();
        progress.start("evaluating", matched.size());
        try {
            for (PackStyle s : matched) {
                progress.status(s.name());
                int t = dataStyles.indexOf(s.name());
                int[] cps = Arrays.stream(splitChars).filter(cp -> data.target(t, cp) != null && pack.canWrite(cp)
                        && data.source(cp) != null).toArray();
                GlyphImage[] sources = pack.sources(cps);
                GlyphImage[] generated = pack.generate(sources, StyleMix.of(s.name()));
                InkImages target = stack(cps, cp -> data.target(t, cp), px);
                InkImages gen = InkImages.ofGlyphs(Arrays.asList(generated));
                InkImages src = stack(cps, data::source, px);
                String[] names = new String[cps.length];
                Arrays.fill(names, s.name());
                rows.add(row(s.name(), gen, target, cps, names, classifier, null));
                copy.add(row(s.name(), src, target, cps, names, classifier, null));
                real.add(ceilingRow(s.name(), target, cps, names, classifier));
                int other = nearestStyle(data, t);
                if (other >= 0) {
                    int[] both = Arrays.stream(cps).filter(cp -> data.target(other, cp) != null).toArray();
                    String[] bothNames = Arrays.copyOf(names, both.length);
                    nearest.add(row(s.name(), stack(both, cp -> data.target(other, cp), px),
                            stack(both, cp -> data.target(t, cp), px), both, bothNames, classifier,
                            dataStyles.get(other)));
                }
                int k = Math.min(samplesPerStyle, cps.length);
                GlyphImage[] tg = new GlyphImage[k];
                GlyphImage[] sg = new GlyphImage[k];
                for (int i = 0; i < k; i++) {
                    tg[i] = new GlyphImage(cps[i], px, data.target(t, cps[i]));
                    sg[i] = new GlyphImage(cps[i], px, data.source(cps[i]));
                }
                samples.add(new Sample(s.name(), Arrays.copyOf(cps, k), sg, Arrays.copyOf(generated, k), tg));
                progress.advance(1);
            }
        } finally {
            progress.close();
        }
        return new Result(pack.where(), where, split, rows, copy, nearest, real, samples, null, skipped);
    }

    /** The same result naming the classifier used. */
    public static Result withClassifier(Result r, String classifier) {
        return new Result(r.pack(), r.data(), r.split(), r.styles(), r.copySource(), r.nearestStyle(), r.realTargets(),
                r.samples(), classifier, r.skippedStyles());
    }

    /**
     * The classifier on the real target glyphs: the best content and style accuracy any output
     * can be shown to reach. Pixel scores against themselves say nothing and are NaN (null in JSON).
     */
    static Row ceilingRow(String name, InkImages target, int[] cps, String[] styles, GlyphClassifier classifier) {
        Metrics.Summary none = new Metrics.Summary(target.count(), Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN);
        return scored(name, none, target, cps, styles, classifier, null);
    }

    static Row row(String name, InkImages output, InkImages target, int[] cps, String[] styles,
            GlyphClassifier classifier, String nearest) {
        return scored(name, Metrics.compare(output, target).summary(), output, cps, styles, classifier, nearest);
    }

    /** A row with the given pixel scores and, given a classifier, how it reads {@code images}. */
    private static Row scored(String name, Metrics.Summary pixels, InkImages images, int[] cps, String[] styles,
            GlyphClassifier classifier, String nearest) {
        Accuracy content = null;
        Accuracy style = null;
        if (classifier != null && images.count() > 0) {
            GlyphClassifier.Predictions p = classifier.predict(images);
            content = classifier.contentAccuracy(p, cps);
            style = classifier.styleAccuracy(p, styles);
        }
        return new Row(name, pixels, content, style, nearest);
    }

    /**
     * The other style of the dataset whose glyphs are closest (lowest mean L1) to style {@code t}
     * on training characters both have; -1 when the dataset has no other style.
     */
    static int nearestStyle(GlyphDataset data, int t) {
        int[] probe = data.codePoints(Split.TRAIN);
        int best = -1;
        double bestL1 = Double.POSITIVE_INFINITY;
        int area = data.sizePx() * data.sizePx();
        for (int o = 0; o < data.styleCount(); o++) {
            if (o == t) {
                continue;
            }
            double sum = 0;
            int n = 0;
            for (int i = 0; i < probe.length && n < NEAREST_PROBE_CHARS; i++) {
                byte[] a = data.target(t, probe[i]);
                byte[] b = data.target(o, probe[i]);
                if (a == null || b == null) {
                    continue;
                }
                long d = 0;
                for (int j = 0; j < area; j++) {
                    d += Math.abs((a[j] & 0xff) - (b[j] & 0xff));
                }
                sum += d / (255.0 * area);
                n++;
            }
            if (n > 0 && sum / n < bestL1) {
                bestL1 = sum / n;
                best = o;
            }
        }
        return best;
    }

    static InkImages stack(int[] cps, java.util.function.IntFunction<byte[]> pixels, int px) {
        int area = px * px;
        byte[] all = new byte[cps.length * area];
        for (int i = 0; i < cps.length; i++) {
            System.arraycopy(pixels.apply(cps[i]), 0, all, i * area, area);
        }
        return InkImages.ofBytes(all, cps.length, px);
    }
}
