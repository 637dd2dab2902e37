package dev.fontgan.cli;

import dev.fontgan.Json;
import dev.fontgan.Progress;
import dev.fontgan.eval.GanEvaluation;
import dev.fontgan.eval.GlyphClassifier;
import dev.fontgan.gan.GanRun;
import dev.fontgan.gan.variants.Variants;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fontgan gan eval RUN [--json]}: the variant's metric. */
@Command(name = "eval", description = "Measure a trained run with its variant's metric (glyph-FID with the real floor, class accuracy, code accuracy, or L1/SSIM on unseen characters).")
final class GanEvalCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "Run folder.") Path run;
    @Option(names = "--count", defaultValue = "500", description = "Generated samples (real samples: twice as many).") int count;
    @Option(names = "--seed", defaultValue = "7") int seed;
    @Option(names = "--classifier", description = "Glyph classifier zip (default: the shipped one).") Path classifier;
    @Option(names = "--json", description = "Print one JSON object.") boolean json;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, Object> result;
        try (GanRun r = GanRun.open(run, Variants::named, Progress.NONE);
             GlyphClassifier c = classifier != null ? GlyphClassifier.load(classifier) : GlyphClassifier.loadDefault()) {
            result = GanEvaluation.evaluate(r, c, count, seed);
        }
        var out = spec.commandLine().getOut();
        out.println(json ? Json.write(result) : Json.pretty(result));
        out.flush();
        return 0;
    }
}
