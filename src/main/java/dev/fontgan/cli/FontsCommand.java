package dev.fontgan.cli;

import dev.fontgan.Json;
import dev.fontgan.font.Charsets;
import dev.fontgan.font.Coverage;
import dev.fontgan.font.FontCatalog;
import dev.fontgan.font.FontFile;
import dev.fontgan.font.ShippedFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fontgan fonts list|inspect}. */
@Command(name = "fonts", description = "List and inspect fonts.",
        subcommands = {FontsCommand.ListFonts.class, FontsCommand.Inspect.class})
final class FontsCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose: list or inspect");
    }

    @Command(name = "list", description = "List the fonts of a folder (default: the shipped fonts/).")
    static final class ListFonts implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "DIR") Path dir;

        @Option(names = "--json", description = "Print one JSON object.") boolean json;

        @Override
        public Integer call() {
            Path d = dir != null ? dir : ShippedFiles.resolve("fonts");
            List<FontCatalog.Entry> entries = FontCatalog.list(d);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                List<Object> fonts = new ArrayList<>();
                for (FontCatalog.Entry e : entries) {
                    fonts.add(Json.obj("path", e.spec(), "family", e.family(), "style", e.style(),
                            "format", e.format(), "glyphs", e.glyphs(), "role", e.role(),
                            "license", e.license(), "name", e.name()));
                }
                out.println(Json.write(Json.obj("fonts", fonts)));
            } else {
                for (FontCatalog.Entry e : entries) {
                    out.printf(Locale.ROOT, "%-58s %-28s %-10s %-4s %6d  %-11s %s%n", e.spec(), e.family(),
                            e.style(), e.format(), e.glyphs(), e.role() == null ? "-" : e.role(),
                            e.license() == null ? "-" : e.license());
                }
            }
            return 0;
        }
    }

    @Command(name = "inspect", description = "Metrics and charset coverage of one font.")
    static final class Inspect implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FONT", description = "Font file, or file.ttc#N / file.ttc#Family.") String font;

        @Option(names = "--chars", description = "Charset name, file or literal string.") String chars;

        @Option(names = "--json", description = "Print one JSON object.") boolean json;

        @Override
        public Integer call() {
            FontFile f = FontFile.open(font);
            int[] cps = chars == null ? null : Charsets.resolve(chars);
            Coverage c = cps == null ? null : Coverage.of(f, cps);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> o = Json.obj("path", f.spec(), "family", f.family(), "style", f.styleName(),
                        "full_name", f.fullName(), "format", f.format(), "glyphs", f.glyphCount(),
                        "units_per_em", f.unitsPerEm(), "ascender", f.ascender(), "descender", f.descender(),
                        "sha256", f.sha256());
                if (c != null) {
                    o.put("chars", cps.length);
                    o.put("covered", c.covered().length);
                    List<String> missing = new ArrayList<>();
                    for (int cp : c.missing()) {
                        missing.add(new String(Character.toChars(cp)));
                    }
                    o.put("missing", missing);
                }
                out.println(Json.write(o));
            } else {
                out.printf(Locale.ROOT, "%s%n  family %s, style %s, %s, %d glyphs%n", f.spec(), f.family(),
                        f.styleName(), f.format(), f.glyphCount());
                out.printf(Locale.ROOT, "  units per em %d, ascender %d, descender %d%n  sha256 %s%n",
                        f.unitsPerEm(), f.ascender(), f.descender(), f.sha256());
                if (c != null) {
                    out.printf(Locale.ROOT, "  covers %d of %d (%.1f%%)%n", c.covered().length, cps.length,
                            100 * c.ratio());
                    if (c.missing().length > 0) {
                        String m = c.missingText();
                        out.println("  missing: " + (m.codePointCount(0, m.length()) > 200
                                ? m.substring(0, m.offsetByCodePoints(0, 200)) + "..." : m));
                    }
                }
            }
            return 0;
        }
    }
}
