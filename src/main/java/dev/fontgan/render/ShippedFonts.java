package dev.fontgan.render;

import dev.fontgan.AtomicFile;
import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.font.FontFile;
import dev.fontgan.font.ShippedFiles;
import dev.fontgan.style.FontHand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fonts in {@code fonts/} as the renderer uses them: named by their short catalog name,
 * the default hand, and the fallback fonts for characters a hand cannot write (a handwritten Kai
 * font for CJK, WenKai first as its punctuation sits where mainland Chinese text expects it;
 * a Latin handwriting font for the rest; then anything that has the character). Reads only
 * {@code catalog.json}; a font is parsed when first needed.
 */
public final class ShippedFonts {
    /** The hand used when no style or font is given, until a style pack ships. */
    public static final String DEFAULT_HAND = "wenkai";
    private static final List<String> CJK_PREFERENCE =
            List.of("wenkai", "ukai", "klee", "seto", "fangsong", "droid", "wqy-microhei");
    private static final List<String> LATIN_PREFERENCE = List.of("comic", "dkg", "humor", "dejavu-sans");

    /** One catalog line. */
    record Entry(String name, Path file, String role, List<String> scripts) {}

    private final Path dir;
    private final List<Entry> entries;
    private final Map<String, FontHand> opened = new HashMap<>();

    private ShippedFonts(Path dir, List<Entry> entries) {
        this.dir = dir;
        this.entries = entries;
    }

    /** The fonts shipped with fontgan: {@code $fontgan.home/fonts}, else {@code ./fonts}. */
    public static ShippedFonts installed() {
        return in(ShippedFiles.resolve("fonts"));
    }

    /** The fonts of a folder with a {@code catalog.json}; none (no fallbacks) when it has no catalog. */
    public static ShippedFonts in(Path dir) {
        Path catalog = dir.resolve("catalog.json");
        if (!Files.isRegularFile(catalog)) {
            return new ShippedFonts(dir, List.of());
        }
        String text;
        try {
            text = Files.readString(catalog, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FontganException(catalog, "cannot read: " + AtomicFile.describe(e), e);
        }
        Object fonts = Json.parseObject(text, catalog.toString()).get("fonts");
        if (!(fonts instanceof List<?> list)) {
            throw new FontganException(catalog, "expected a \"fonts\" array");
        }
        List<Entry> entries = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("file") instanceof String file)) {
                throw new FontganException(catalog, "each font needs a \"file\"");
            }
            String name = m.get("name") instanceof String n ? n : file;
            String role = m.get("role") instanceof String r ? r : "";
            List<String> scripts = new ArrayList<>();
            if (m.get("scripts") instanceof List<?> s) {
                s.forEach(x -> scripts.add(String.valueOf(x)));
            }
            entries.add(new Entry(name, dir.resolve(file), role, List.copyOf(scripts)));
        }
        return new ShippedFonts(dir, List.copyOf(entries));
    }

    /** No fonts at all: a renderer with these fallbacks leaves what its hand cannot write blank. */
    public static ShippedFonts none() {
        return new ShippedFonts(Path.of(""), List.of());
    }

    /** Catalog names of the fonts with a role ({@code source}, {@code target}, {@code handwriting}, {@code print}), in catalog order. */
    public List<String> namesWithRole(String role) {
        return entries.stream().filter(e -> e.role().equals(role)).map(Entry::name).toList();
    }

    public Path directory() {
        return dir;
    }

    /** Catalog names in catalog order. */
    public List<String> names() {
        return entries.stream().map(Entry::name).toList();
    }

    /** The font file of a catalog name, or null when there is no such name. */
    public Path file(String name) {
        for (Entry e : entries) {
            if (e.name().equals(name)) {
                return e.file();
            }
        }
        return null;
    }

    /** A hand for a catalog name (parsed once), or null when there is no such name. */
    public synchronized FontHand hand(String name) {
        Path file = file(name);
        if (file == null) {
            return null;
        }
        return opened.computeIfAbsent(name, n -> new FontHand(n, FontFile.open(file), FontHand.DEFAULT_SIZE_PX));
    }

    /** The default hand: {@link #DEFAULT_HAND}, else the first handwriting font of the catalog. */
    public FontHand defaultHand() {
        FontHand h = hand(DEFAULT_HAND);
        if (h != null) {
            return h;
        }
        for (Entry e : entries) {
            if (e.role().equals("handwriting")) {
                return hand(e.name());
            }
        }
        throw new FontganException(dir.resolve("catalog.json"), "no handwriting font to use by default; give --font FILE");
    }

    /**
     * The first fallback font that has the character, trying fonts in the order that suits its
     * script, or null when no shipped font has it. Fonts are parsed only as the search reaches them.
     */
    public FontHand fallbackFor(int codePoint) {
        for (String name : fallbackOrder(Scripts.isFullWidth(codePoint) || isHan(codePoint))) {
            FontHand h = hand(name);
            if (h != null && h.canWrite(codePoint)) {
                return h;
            }
        }
        return null;
    }

    /** Catalog names in the order fallbacks are tried for CJK or for other characters. */
    List<String> fallbackOrder(boolean cjk) {
        Set<String> order = new LinkedHashSet<>();
        List<String> names = names();
        for (String n : cjk ? CJK_PREFERENCE : LATIN_PREFERENCE) {
            if (names.contains(n)) {
                order.add(n);
            }
        }
        for (Entry e : entries) {
            boolean fits = cjk ? e.scripts().contains("hani") : e.role().equals("handwriting");
            if (fits) {
                order.add(e.name());
            }
        }
        for (Entry e : entries) {
            if (!cjk && e.role().equals("print")) {
                order.add(e.name());
            }
        }
        entries.forEach(e -> order.add(e.name()));
        return List.copyOf(order);
    }

    private static boolean isHan(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }
}
