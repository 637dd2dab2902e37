package dev.fontgan.cli;

import dev.fontgan.eval.StyleFont;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The fonts a classifier command works on: a list of fonts or a catalog (exactly one). */
final class ClassifierFonts {
    @Option(names = "--fonts", arity = "1..*", paramLabel = "FONT",
            description = "Fonts, each FONT or NAME=FONT (a .ttc member as file.ttc#N); the name is the style class.")
    List<String> fonts;

    @Option(names = "--catalog", paramLabel = "FILE",
            description = "A fonts/catalog.json (or its folder): every font it lists, named by its \"name\".")
    Path catalog;

    List<StyleFont> resolve() {
        return catalog != null ? StyleFont.fromCatalog(catalog) : StyleFont.parseAll(fonts);
    }
}
