package dev.fontgan.cli;

import dev.fontgan.Json;
import dev.fontgan.gan.GanBenchmark;
import dev.fontgan.gan.variants.Variants;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fontgan bench train --variant NAME}: training images per second on random glyph-shaped data. */
@Command(name = "train", description = "Training speed (images/s, median step) of a GAN variant.")
final class BenchTrainCommand implements Callable<Integer> {
    @Option(names = "--variant", defaultValue = "dcgan", description = "Variant from `fontgan gan list`.") String variant;
    @Option(names = "--size", description = "Image size (default 32 for dcgan-like variants, 64 for pix2pix).") Integer size;
    @Option(names = "--batch", defaultValue = "64") int batch;
    @Option(names = "--width", defaultValue = "32") int width;
    @Option(names = "--warmup", defaultValue = "5") int warmup;
    @Option(names = "--iterations", defaultValue = "20") int iterations;
    @Option(names = "--json", description = "Print one JSON object.") boolean json;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var v = Variants.named(variant);
        int px = size != null ? size : v.name().equals("pix2pix") ? 64 : 32;
        Map<String, Object> r = GanBenchmark.run(v, px, batch, width, warmup, iterations);
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(r));
        } else {
            out.printf("%s %d px batch %d: %.1f images/s (median %.1f ms/step)%n", v.name(), px, batch,
                    (double) r.get("images_per_s"), (double) r.get("ms_per_step"));
        }
        out.flush();
        return 0;
    }
}
