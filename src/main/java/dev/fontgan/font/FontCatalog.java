package dev.fontgan.font;

import dev.fontgan.FontganException;
import dev.fontgan.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The fonts in a folder: from its {@code catalog.json} when present (role, license, short name),
 * else by scanning for .ttf/.otf/.ttc files. Each collection member is its own entry.
 */
public final class FontCatalog {
    /** One font of the folder. {@code role}, {@code license}, {@code name} may be null when scanned. */
    public record Entry(String spec, Path path, String family, String style, String format, int glyphs,
                        String role, String license, String name) {}

    private FontCatalog() {}

    /** Lists the fonts of a folder; unreadable fonts found by a scan are an error naming the file. */
    public static List<Entry> list(Path dir) {
        if (!Files.exists(dir)) {
            throw new FontganException(dir, "no such directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new FontganException(dir, "not a directory");
        }
        Path catalog = dir.resolve("catalog.json");
        return Files.isRegularFile(catalog) ? fromCatalog(dir, catalog) : scan(dir);
    }

    @SuppressWarnings("unchecked")
    private static List<Entry> fromCatalog(Path dir, Path catalog) {
        String text;
        try {
            text = Files.readString(catalog, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FontganException(catalog, "cannot read: " + dev.fontgan.AtomicFile.describe(e), e);
        }
        Object fonts = Json.parseObject(text, catalog.toString()).get("fonts");
        if (!(fonts instanceof List<?> list)) {
            throw new FontganException(catalog, "expected a \"fonts\" array");
        }
        List<Entry> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("file") instanceof String file)) {
                throw new FontganException(catalog, "each font needs a \"file\"");
            }
            Map<String, Object> e = (Map<String, Object>) m;
            Path p = dir.resolve(file);
            String spec = e.get("member") instanceof Number n ? p + "#" + n.intValue() : p.toString();
            FontFile f = FontFile.open(spec);
            out.add(new Entry(spec, p, f.family(), f.styleName(), f.format(), f.glyphCount(),
                    (String) e.get("role"), (String) e.get("license"), (String) e.get("name")));
        }
        return out;
    }

    private static List<Entry> scan(Path dir) {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).filter(FontCatalog::isFontName)
                    .sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            throw new FontganException(dir, "cannot list: " + dev.fontgan.AtomicFile.describe(e), e);
        }
        List<Entry> out = new ArrayList<>();
        for (Path p : files) {
            FontFile first = FontFile.open(p);
            int members = first.format().equals("ttc") ? memberCount(p) : 1;
            for (int i = 0; i < members; i++) {
                String spec = members > 1 || first.format().equals("ttc") ? p + "#" + i : p.toString();
                FontFile f = i == 0 ? first : FontFile.open(spec);
                out.add(new Entry(spec, p, f.family(), f.styleName(), f.format(), f.glyphCount(), null, null, null));
            }
        }
        return out;
    }

    /**
     * A short slug naming a font as a style: the {@code name} its folder's catalog.json gives it
     * (looked up to two folders above the file), else derived from family and style.
     */
    public static String shortName(FontFile font) {
        Path file = font.path().toAbsolutePath().normalize();
        Path dir = file.getParent();
        for (int up = 0; up < 3 && dir != null; up++, dir = dir.getParent()) {
            Path catalog = dir.resolve("catalog.json");
            if (Files.isRegularFile(catalog)) {
                String name = catalogName(dir, catalog, file, font.member());
                if (name != null) {
                    return name;
                }
            }
        }
        String style = font.styleName().equalsIgnoreCase("Regular") ? "" : "-" + font.styleName();
        String slug = (font.family() + style).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? "font" : slug;
    }

    private static String catalogName(Path dir, Path catalog, Path file, int member) {
        try {
            Object fonts = Json.parseObject(Files.readString(catalog, StandardCharsets.UTF_8), catalog.toString())
                    .get("fonts");
            if (fonts instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Map<?, ?> m && m.get("file") instanceof String f && m.get("name") instanceof String n
                            && dir.resolve(f).toAbsolutePath().normalize().equals(file)) {
                        Object mem = m.get("member");
                        if (mem == null || (mem instanceof Number k && k.intValue() == member)) {
                            return member > 0 && mem == null ? n + "-" + member : n;
                        }
                    }
                }
            }
        } catch (IOException | FontganException e) {
            return null; // a broken catalog only costs the nice name here
        }
        return null;
    }

    /** Number of members in a .ttc (from its header). */
    public static int memberCount(Path ttc) {
        try (var in = Files.newInputStream(ttc)) {
            byte[] h = in.readNBytes(12);
            if (h.length < 12 || !new String(h, 0, 4, StandardCharsets.ISO_8859_1).equals("ttcf")) {
                return 1;
            }
            return ((h[8] & 0xff) << 24) | ((h[9] & 0xff) << 16) | ((h[10] & 0xff) << 8) | (h[11] & 0xff);
        } catch (IOException e) {
            throw new FontganException(ttc, "cannot read: " + dev.fontgan.AtomicFile.describe(e), e);
        }
    }

    private static boolean isFontName(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".ttf") || n.endsWith(".otf") || n.endsWith(".ttc");
    }
}
