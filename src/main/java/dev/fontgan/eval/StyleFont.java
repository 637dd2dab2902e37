package dev.fontgan.eval;

import dev.fontgan.FontganException;
import dev.fontgan.font.FontCatalog;
import dev.fontgan.font.FontFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A font as one style class of the classifier: its short name (a catalog slug) and the font. */
public record StyleFont(String name, FontFile font) {
    /**
     * Parses a {@code --fonts} argument: {@code NAME=FONT} or just {@code FONT} (a path or a
     * {@code file.ttc#N} spec), whose name is then the one {@code fonts/catalog.json} gives it,
     * else a slug of its family and style (see {@link FontCatalog#shortName}).
     */
    public static StyleFont parse(String arg) {
        int eq = arg.indexOf('=');
        if (eq > 0 && !Files.exists(Path.of(arg))) {
            return new StyleFont(arg.substring(0, eq).trim(), FontFile.open(arg.substring(eq + 1)));
        }
        FontFile font = FontFile.open(arg);
        return new StyleFont(defaultName(font), font);
    }

    /** The name a font gets when none is given: its catalog name, else a slug of family and style. */
    static String defaultName(FontFile font) {
        return FontCatalog.shortName(font);
    }

    /** Parses several arguments and checks that the names are distinct. */
    public static List<StyleFont> parseAll(List<String> args) {
        List<StyleFont> fonts = new ArrayList<>();
        for (String a : args) {
            fonts.add(parse(a));
        }
        checkDistinct(fonts, "--fonts");
        return fonts;
    }

    /**
     * The fonts of a catalog ({@code fonts/catalog.json} or its folder), each named by its
     * catalog {@code name}; a folder without a catalog is scanned and names are derived.
     */
    public static List<StyleFont> fromCatalog(Path catalog) {
        Path dir;
        if (Files.isDirectory(catalog)) {
            dir = catalog;
        } else if (catalog.getFileName() != null && catalog.getFileName().toString().equals("catalog.json")) {
            if (!Files.isRegularFile(catalog)) {
                throw new FontganException(catalog, "no such file");
            }
            dir = catalog.toAbsolutePath().getParent();
        } else {
            throw new FontganException(catalog, "expected a catalog.json or a folder of fonts");
        }
        List<StyleFont> fonts = new ArrayList<>();
        for (FontCatalog.Entry e : FontCatalog.list(dir)) {
            FontFile font = FontFile.open(e.spec());
            fonts.add(new StyleFont(e.name() != null && !e.name().isBlank() ? e.name() : defaultName(font), font));
        }
        if (fonts.isEmpty()) {
            throw new FontganException(catalog, "no fonts listed");
        }
        checkDistinct(fonts, catalog.toString());
        return fonts;
    }

    private static void checkDistinct(List<StyleFont> fonts, String where) {
        Set<String> seen = new HashSet<>();
        for (StyleFont f : fonts) {
            if (!seen.add(f.name())) {
                throw new FontganException(where, "two fonts are named '" + f.name() + "' (use NAME=FONT)");
            }
        }
    }
}
