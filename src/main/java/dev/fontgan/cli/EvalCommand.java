package dev.fontgan.cli;

import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.bicycle.LatentRefinement;
import dev.fontgan.data.GlyphDataset;
import dev.fontgan.data.Split;
import dev.fontgan.eval.GlyphClassifier;
import dev.fontgan.style.BicycleEvaluation;
import dev.fontgan.style.LatentStyle;
import dev.fontgan.style.PackEvaluation;
import dev.fontgan.style.PackReport;
import dev.fontgan.style.ReferenceEvaluation;
import dev.fontgan.style.StylePack;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score a style pack on characters it never trained on (the test split of a glyph dataset",
                "whose styles match the pack's by name), with two baselines: copying the source glyph and",
                "the nearest other style, and the classifier's ceiling: its accuracy on the real target glyphs."})
final class EvalCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Option(names = "--pack", paramLabel = "PACK", description = "Style pack (default: the shipped one).")
    Path pack;

    @Option(names = "--data", required = true, paramLabel = "DATA", description = "Glyph dataset from `fontgan glyphs build`.")
    Path data;

    @Option(names = "--split", defaultValue = "test", paramLabel = "SPLIT", description = "train, val or test (default ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--classifier", paramLabel = "MODEL",
            description = "Glyph classifier for content and style accuracy (default: the shipped one if any).")
    Path classifier;

    @Option(names = "--report", paramLabel = "REPORT.html", description = "Also write a self-contained HTML report.")
    Path report;

    @Option(names = "--samples", defaultValue = "24", paramLabel = "N", description = "Characters per style in the report grids.")
    int samples;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Option(names = "--z-count", defaultValue = "8", paramLabel = "K",
            description = "Bicycle packs: random styles per character for content accuracy and diversity (default ${DEFAULT-VALUE}).")
    int zCount;

    @Option(names = "--z-seed", defaultValue = "1", paramLabel = "S",
            description = "Bicycle packs: seed of the first random style (default ${DEFAULT-VALUE}).")
    long zSeed;

    @Option(names = "--z-scale", paramLabel = "S",
            description = "Bicycle packs: draw random styles as z ~ N(0, S^2) (default: the pack's sampling.z_scale).")
    Double zScale;

    @Option(names = "--baseline-pack", paramLabel = "PACK",
            description = "Bicycle packs: zi2zi pack whose named styles are the diversity baseline (default: the "
                    + "shipped pack when its glyphs are framed as the data's).")
    Path baselinePack;

    @Option(names = "--references", defaultValue = "8", paramLabel = "K",
            description = "Bicycle packs: also write each style from K of its training glyphs, their averaged code "
                    + "and the code refined as render --reference does; 0 = skip (default ${DEFAULT-VALUE}).")
    int references;

    @Option(names = "--reference-seed", defaultValue = "1", paramLabel = "S",
            description = "Bicycle packs: seed that draws the K reference glyphs (default ${DEFAULT-VALUE}).")
    long referenceSeed;

    @Override
    public Integer call() {
        Split s = parseSplit(split);
        GlyphDataset ds = GlyphDataset.open(data);
        PrintWriter err = spec.commandLine().getErr();
        try (StylePack p = pack != null ? StylePack.load(pack) : StylePack.loadDefault();
                GlyphClassifier c = openClassifier(err)) {
            if (zScale != null) {
                p.useZScale(zScale);
            }
            if (p.hasLatentSpace()) {
                return bicycle(p, ds, s, c);
            }
            PackEvaluation.Result r = PackEvaluation.run(p, ds, s, c, Math.max(0, samples), common.progress());
            if (c != null) {
                r = PackEvaluation.withClassifier(r, classifier != null ? classifier.toString() : "shipped");
            }
            if (report != null) {
                PackReport.write(r, p.sourceFont(), report);
            }
            Map<String, Object> j = r.toJson();
            if (json) {
                spec.commandLine().getOut().println(Json.write(j));
            } else {
                print(j);
            }
        }
        return 0;
    }

    private int bicycle(StylePack p, GlyphDataset ds, Split s, GlyphClassifier c) {
        if (references < 0 || references > LatentStyle.MAX_REFERENCES) {
            throw new FontganException("--references", "expected 0 to " + LatentStyle.MAX_REFERENCES + ", got " + references);
        }
        try (StylePack base = baselinePack != null ? StylePack.load(baselinePack)
                : StylePack.hasDefault() ? StylePack.loadDefault() : null) {
            if (base != null && base.hasLatentSpace()) {
                throw new FontganException(baselinePack != null ? baselinePack.toString() : base.where(),
                        "the diversity baseline must be a zi2zi pack (a model without a latent code)");
            }
            BicycleEvaluation.Result r = BicycleEvaluation.run(p, ds, s, c, zCount, zSeed, base,
                    Math.max(0, samples), common.progress());
            if (c != null) {
                r = new BicycleEvaluation.Result(PackEvaluation.withClassifier(r.named(), classifier != null
                        ? classifier.toString() : "shipped"), r.zCount(), r.seed(), r.zScale(), r.codePoints(), r.randomContent(),
                        r.diversity(), r.baseline(), r.reconstruction(), r.randomSamples(), r.reconstructionSamples());
            }
            Map<String, Object> j = r.toJson();
            ReferenceEvaluation.Result refs = null;
            if (references > 0) {
                refs = ReferenceEvaluation.run(p, ds, s, c, references, referenceSeed,
                        LatentRefinement.settings(LatentRefinement.DEFAULT_STEPS, "--refine"),
                        new int[] {-1, LatentRefinement.DEFAULT_STEPS}, false, common.progress());
                j.put("from_references", refs.toJson());
            }
            if (report != null) {
                PackReport.write(r, refs, p.sourceFont(), report);
            }
            if (json) {
                spec.commandLine().getOut().println(Json.write(j));
                return 0;
            }
            print(j);
            PrintWriter out = spec.commandLine().getOut();
            @SuppressWarnings("unchecked")
            Map<String, Object> rec = (Map<String, Object>) j.get("reconstruction");
            line(out, (Map<String, Object>) rec.get("mean"), "reconstruction (encoded target z)");
            if (refs != null) {
                line(out, refs.mean(0), "from " + references + " references, averaged code");
                line(out, refs.mean(1), "from " + references + " references, refined " + LatentRefinement.DEFAULT_STEPS
                        + " steps");
            }
            out.printf(Locale.ROOT, "random styles: %d x %d unseen characters (z scale %s), content %s%n",
                    r.zCount(), r.codePoints().length, num(r.zScale(), false), num(r.randomContent() == null ? null : r.randomContent().value(), true));
            out.printf(Locale.ROOT, "diversity (mean pairwise distance per character; baseline %s):%n", r.baseline());
            for (BicycleEvaluation.Diversity d : r.diversity()) {
                out.printf(Locale.ROOT, "  %-14s feature %8s  pixel L1 %s%n", d.name(), num(d.feature(), false),
                        num(d.pixelL1(), false));
            }
        }
        return 0;
    }

    private GlyphClassifier openClassifier(PrintWriter err) {
        if (classifier != null) {
            return GlyphClassifier.load(classifier);
        }
        if (GlyphClassifier.class.getResource(GlyphClassifier.DEFAULT_RESOURCE) != null) {
            return GlyphClassifier.loadDefault();
        }
        if (!json) {
            err.println("note: no glyph classifier in this build and no --classifier: content and style accuracy not measured");
        }
        return null;
    }

    private static Split parseSplit(String s) {
        for (Split x : Split.values()) {
            if (x.id().equalsIgnoreCase(s.trim())) {
                return x;
            }
        }
        throw new FontganException("--split", "expected train, val or test, got '" + s + "'");
    }

    @SuppressWarnings("unchecked")
    private void print(Map<String, Object> j) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-34s %6s %7s %7s %7s %8s %8s%n", "style", "chars", "L1", "RMSE", "SSIM", "content", "style");
        for (Object o : (java.util.List<Object>) j.get("styles")) {
            line(out, (Map<String, Object>) o, null);
        }
        line(out, (Map<String, Object>) j.get("mean"), "mean");
        Map<String, Object> b = (Map<String, Object>) j.get("baselines");
        line(out, (Map<String, Object>) b.get("copy_source"), "baseline: copy the source glyph");
        line(out, (Map<String, Object>) b.get("nearest_style"), "baseline: nearest other style");
        line(out, (Map<String, Object>) b.get("real_targets"), "ceiling: the real target glyphs");
        if (report != null) {
            out.println("wrote " + report);
        }
    }

    private static void line(PrintWriter out, Map<String, Object> m, String name) {
        out.printf(Locale.ROOT, "%-34s %6s %7s %7s %7s %8s %8s%n", name != null ? name : m.get("name"), m.get("count"),
                num(m.get("l1"), false), num(m.get("rmse"), false), num(m.get("ssim"), false),
                num(m.get("content_acc"), true), num(m.get("style_acc"), true));
    }

    private static String num(Object v, boolean percent) {
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            return "-";
        }
        return percent ? String.format(Locale.ROOT, "%.1f%%", 100 * n.doubleValue())
                : String.format(Locale.ROOT, "%.3f", n.doubleValue());
    }
}
