package dev.fontgan.cli;

import dev.fontgan.Json;
import dev.fontgan.gan.Variant;
import dev.fontgan.gan.variants.Variants;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fontgan gan list}: the variants with their data mode and metric. */
@Command(name = "list", description = "List the GAN variants.")
final class GanListCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print one JSON object.") boolean json;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        List<Map<String, Object>> rows = new ArrayList<>();
        int nameWidth = Variants.all().stream().mapToInt(v -> v.name().length()).max().orElse(1);
        for (Variant v : Variants.all()) {
            String data = v.data().name().toLowerCase(Locale.ROOT).replace('_', '-');
            String metric = v.metric().name().toLowerCase(Locale.ROOT);
            rows.add(Json.obj("name", v.name(), "data", data, "metric", metric, "summary", v.summary()));
            if (!json) {
                out.printf("%-" + nameWidth + "s %-14s %-15s %s%n", v.name(), data, metric, v.summary());
            }
        }
        if (json) {
            out.println(Json.write(Json.obj("variants", rows)));
        }
        out.flush();
        return 0;
    }
}
