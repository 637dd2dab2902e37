package dev.fontgan.cli;

import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.bicycle.BicycleArch;
import dev.fontgan.bicycle.BicycleBenchmark;
import dev.fontgan.eval.GlyphClassifier;
import dev.fontgan.gan.GanBenchmark;
import dev.fontgan.gan.variants.Variants;
import dev.fontgan.zi2zi.Zi2ziArch;
import dev.fontgan.zi2zi.Zi2ziBenchmark;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fontgan bench train [--model zi2zi|bicycle|NAME]}: training images per second on synthetic data. */
@Command(name = "train", description = "Time training iterations (zi2zi, bicycle or a GAN variant) on synthetic data.")
final class BenchTrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"--model", "--variant"}, defaultValue = "zi2zi",
            description = "zi2zi, bicycle or a variant from `fontgan gan list` (default ${DEFAULT-VALUE}).") String variant;
    @Option(names = "--arch", defaultValue = "default", description = "zi2zi: default | slim | wide | reference; bicycle: default | tiny") String arch;
    @Option(names = "--injection", defaultValue = "all", description = "bicycle: all | input") String injection;
    @Option(names = "--no-feature", description = "bicycle: time without the glyph-classifier feature loss.") boolean noFeature;
    @Option(names = "--batch", description = "Batch (default 16 for zi2zi, 64 for GAN variants).") Integer batch;
    @Option(names = "--size", description = "Image size (default 64 for zi2zi and pix2pix, 32 for other variants).") Integer size;
    @Option(names = "--styles", defaultValue = "40", description = "zi2zi: style count.") int styles;
    @Option(names = "--width", defaultValue = "32", description = "GAN variants: base channel count.") int width;
    @Option(names = "--warmup", defaultValue = "3") int warmup;
    @Option(names = "--iters", defaultValue = "10") int iters;
    @Option(names = "--json", description = "Print one JSON object.") boolean json;

    @Override
    public Integer call() {
        boolean zi2zi = variant.equals("zi2zi");
        boolean bicycle = variant.equals("bicycle");
        int b = batch != null ? batch : zi2zi || bicycle ? 16 : 64;
        int px = size != null ? size : zi2zi || bicycle || variant.equals("pix2pix") ? 64 : 32;
        if (iters < 1 || warmup < 0 || b < 1 || bicycle && b < 2) {
            throw new FontganException("--iters/--warmup/--batch", "must be positive (bicycle: batch >= 2)");
        }
        Map<String, Object> r;
        if (bicycle) {
            BicycleArch a = BicycleArch.named(arch).withInjection(BicycleArch.injection(injection));
            try (GlyphClassifier c = noFeature ? null : GlyphClassifier.loadDefault()) {
                if (c != null && c.sizePx() != px) {
                    throw new FontganException("--size", "the feature loss's classifier works at " + c.sizePx()
                            + " px (pass --no-feature to time other sizes)");
                }
                r = BicycleBenchmark.run(a, b, px, c == null ? null : c.lossFeatures(), warmup, iters);
            }
        } else {
            r = zi2zi
                    ? Zi2ziBenchmark.run(Zi2ziArch.parse(arch), b, px, styles, warmup, iters)
                    : GanBenchmark.run(Variants.named(variant), px, b, width, warmup, iters);
        }
        if (json) {
            spec.commandLine().getOut().println(Json.write(r));
        } else {
            spec.commandLine().getOut().printf("%s %d px: %.1f images/s (%.0f ms per iteration of batch %d)%n",
                    zi2zi || bicycle ? variant + " " + arch : variant, px, (Double) r.get("images_per_s"), (Double) r.get("ms_per_step"), b);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
