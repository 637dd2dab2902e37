package dev.fontgan.cli;

import dev.fontgan.Json;
import dev.fontgan.style.PackStyle;
import dev.fontgan.style.StylePack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "styles", mixinStandardHelpOptions = true,
        description = "List the styles of a style pack (the default pack without --pack).",
        subcommands = {StylesGridCommand.class})
final class StylesCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--pack", paramLabel = "PACK", description = "A style pack (.fgstyle).")
    Path pack;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        try (StylePack p = pack != null ? StylePack.load(pack) : StylePack.loadDefault()) {
            if (json) {
                List<Object> styles = new ArrayList<>();
                for (PackStyle s : p.styles()) {
                    styles.add(s.toJson());
                }
                var m = p.manifest();
                spec.commandLine().getOut().println(Json.write(Json.obj("pack", p.where(), "kind", p.kind(),
                        "arch", m.arch(), "size_px", p.sizePx(), "source", p.manifest().source().name(),
                        "chars", m.codePoints().length, "latent_size", p.latentSize(), "styles", styles)));
            } else {
                spec.commandLine().getOut().printf("%s: %s (%s), %d px, source %s, %d characters%s%n", p.where(),
                        p.kind(), p.manifest().arch(), p.sizePx(), p.manifest().source().name(),
                        p.manifest().codePoints().length, p.hasLatentSpace() ? ", latent size " + p.latentSize()
                                + " (any style: render --z random --seed N, or --reference IMG...)" : "");
                for (PackStyle s : p.styles()) {
                    spec.commandLine().getOut().printf("  %-18s %s%s%n", s.name(), s.family() == null ? "" : s.family(),
                            s.license() == null ? "" : "  (" + s.license() + ")");
                }
            }
        }
        return 0;
    }
}
