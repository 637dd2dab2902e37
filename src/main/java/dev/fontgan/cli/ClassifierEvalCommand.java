package dev.fontgan.cli;

import dev.fontgan.Json;
import dev.fontgan.Progress;
import dev.fontgan.eval.ClassifierEvaluation;
import dev.fontgan.eval.GlyphClassifier;
import dev.fontgan.font.Charsets;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "eval", description = "Content and style accuracy of a glyph classifier on fresh renders "
        + "(new distortions, and the (font, character) pairs held out of training).")
final class ClassifierEvalCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "FILE", description = "Classifier file (default: the shipped one).")
    Path model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    ClassifierFonts fonts;

    @Option(names = "--chars", required = true, paramLabel = "SPEC",
            description = "Characters to render: a charset name, a file or a literal string.")
    String chars;

    @Option(names = "--seed", defaultValue = "1000003",
            description = "Seed of the evaluation distortions (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Mixin
    CommonOptions common;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (GlyphClassifier classifier = model == null ? GlyphClassifier.loadDefault() : GlyphClassifier.load(model)) {
            var styleFonts = fonts.resolve();
            int[] codePoints = Charsets.resolve(chars);
            ClassifierEvaluation.Report report;
            try (Progress progress = common.progress()) {
                report = ClassifierEvaluation.run(classifier, styleFonts, codePoints, seed, progress);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> o = Json.obj("model", model == null ? "shipped" : model.toString(),
                        "size_px", classifier.sizePx(), "content_classes", classifier.codePoints().length,
                        "style_classes", classifier.styleNames().size(), "seed", seed);
                o.putAll(report.toJson());
                out.println(Json.write(o));
                return 0;
            }
            out.printf(Locale.ROOT, "%d (font, character) pairs, %d held out of training%n", report.pairs(),
                    report.heldOutPairs());
            row(out, "clean renders", report.clean());
            row(out, "distorted renders", report.augmented());
            row(out, "held-out pairs, clean", report.heldOutClean());
            row(out, "held-out pairs, distorted", report.heldOutAugmented());
            report.byScript().forEach((k, v) -> row(out, "script " + k + ", distorted", v));
            report.byStyle().forEach((k, v) -> row(out, "font " + k + ", distorted", v));
            report.fid().forEach((k, v) -> out.printf(Locale.ROOT,
                    "  glyph-FID %-12s real floor %.3f, clean vs distorted %.3f, nearest font %s at %.3f%n",
                    k, v.floor(), v.distorted(), v.nearestStyle(), v.nearestFid()));
        }
        return 0;
    }

    private static void row(PrintWriter out, String label, ClassifierEvaluation.Group g) {
        out.printf(Locale.ROOT, "  %-36s content %s  style %s%n", label, percent(g.content().value()),
                percent(g.style().value()));
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "    -  " : String.format(Locale.ROOT, "%6.2f%%", 100 * v);
    }
}
