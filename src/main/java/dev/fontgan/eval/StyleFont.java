package dev.fontgan.eval;

import dev.fontgan.AtomicFile;
import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.font.FontFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A font as one style class of the classifier: its short name (a catalog slug) and the font. */
public record StyleFont(String name, FontFile font) {
    /**
     * Parses a {@code --fonts} argument: {@code NAME=FONT} or just {@code FONT} (a path or a
     * {@code file.ttc#N} spec), whose name is then the file name without extension, lower-cased,
     * with {@code -N} for collection members other than the first.
     */
    public static StyleFont parse(String arg) {
        int eq = arg.indexOf('=');
        if (eq > 0 && !Files.exists(Path.of(arg))) {
            return new StyleFont(arg.substring(0, eq).trim(), FontFile.open(arg.substring(eq + 1)));
        }
        FontFile font = FontFile.open(arg);
        return new StyleFont(defaultName(font), font);
    }

    /** The name a font gets when none is given. */
    static String defaultName(FontFile font) {
        String file = font.path().getFileName().toString();
        int dot = file.lastIndexOf('.');
        String stem = (dot > 0 ? file.substring(0, dot) : file).toLowerCase(Locale.ROOT);
        return font.member() > 0 ? stem + "-" + font.member() : stem;
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
     * The fonts of a {@code fonts/catalog.json}: each entry's {@code name} and its {@code file}
     * relative to the catalog's folder (a {@code #N} suffix or a {@code member} field picks a
     * collection member).
     */
    @SuppressWarnings("unchecked")
    public static List<StyleFont> fromCatalog(Path catalog) {
        String text;
        try {
            text = Files.readString(catalog, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FontganException(catalog, "cannot read: " + AtomicFile.describe(e), e);
        }
        Map<String, Object> root = Json.parseObject(text, catalog.toString());
        if (!(root.get("fonts") instanceof List<?> entries)) {
            throw new FontganException(catalog, "expected a \"fonts\" array");
        }
        Path dir = catalog.toAbsolutePath().getParent();
        List<StyleFont> fonts = new ArrayList<>();
        for (Object o : entries) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("file") instanceof String file)) {
                throw new FontganException(catalog, "every font entry needs a \"file\"");
            }
            String spec = dir.resolve(file).toString();
            if (((Map<String, Object>) m).get("member") instanceof Number member) {
                spec = spec + "#" + member.intValue();
            }
            FontFile font = FontFile.open(spec);
            String name = m.get("name") instanceof String n && !n.isBlank() ? n : defaultName(font);
            fonts.add(new StyleFont(name, font));
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
