package dev.fontgan.data;

import dev.fontgan.AtomicFile;
import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.Progress;
import dev.fontgan.font.Charsets;
import dev.fontgan.font.FontFile;
import dev.fontgan.glyph.GlyphImage;
import dev.fontgan.glyph.GlyphRasterizer;
import dev.fontgan.glyph.Normalization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A glyph dataset folder made by {@code fontgan glyphs build}: {@code manifest.json} plus one
 * {@link GlyphStore} per font (the source, then the targets; a target's style id is its index).
 * The characters of the dataset are those the source has and at least one target has; they are
 * split into train/val/test by {@link Split#of} with the manifest's seed.
 */
public final class GlyphDataset {
    public static final String MANIFEST = "manifest.json";
    public static final String FORMAT = "fontgan-glyphs";
    public static final int FORMAT_VERSION = 1;

    /** A font of the dataset as the manifest records it. */
    public record FontEntry(String path, String name, String family, String style, String sha256, String store,
                            int glyphs, int missing) {
        Map<String, Object> toJson() {
            return Json.obj("path", path, "name", name, "family", family, "style", style, "sha256", sha256,
                    "store", store, "glyphs", glyphs, "missing", missing);
        }
    }

    /** What to build. */
    public record Recipe(String source, List<String> targets, String chars, int sizePx,
                         Normalization normalization, long seed) {}

    private final Path dir;
    private final int sizePx;
    private final Normalization normalization;
    private final String charsetSpec;
    private final int charsetSize;
    private final long seed;
    private final FontEntry sourceEntry;
    private final List<FontEntry> targetEntries;
    private final GlyphStore source;
    private final List<GlyphStore> targets;
    private final Map<Split, int[]> splits = new EnumMap<>(Split.class);

    private GlyphDataset(Path dir, int sizePx, Normalization normalization, String charsetSpec, int charsetSize,
                         long seed, FontEntry sourceEntry, List<FontEntry> targetEntries, GlyphStore source,
                         List<GlyphStore> targets) {
        this.dir = dir;
        this.sizePx = sizePx;
        this.normalization = normalization;
        this.charsetSpec = charsetSpec;
        this.charsetSize = charsetSize;
        this.seed = seed;
        this.sourceEntry = sourceEntry;
        this.targetEntries = List.copyOf(targetEntries);
        this.source = source;
        this.targets = List.copyOf(targets);
        Map<Split, List<Integer>> lists = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            lists.put(s, new ArrayList<>());
        }
        for (int cp : source.codePoints()) {
            for (GlyphStore t : targets) {
                if (t.has(cp)) {
                    lists.get(Split.of(cp, seed)).add(cp);
                    break;
                }
            }
        }
        lists.forEach((s, l) -> splits.put(s, l.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** Opens a dataset folder, validating the manifest and every store. */
    public static GlyphDataset open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new FontganException(dir, Files.exists(dir) ? "not a directory (expected a glyph dataset folder)"
                    : "no such directory");
        }
        Path manifestFile = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new FontganException(dir, "not a glyph dataset (no " + MANIFEST + ")");
        }
        String text;
        try {
            text = Files.readString(manifestFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FontganException(manifestFile, "cannot read: " + AtomicFile.describe(e), e);
        }
        String where = manifestFile.toString();
        Map<String, Object> m = Json.parseObject(text, where);
        if (!FORMAT.equals(m.get("format"))) {
            throw new FontganException(where, "not a glyph dataset manifest (format is not " + FORMAT + ")");
        }
        int version = intField(m, "version", where);
        if (version != FORMAT_VERSION) {
            throw new FontganException(where, "dataset format version " + version + ", this fontgan reads " + FORMAT_VERSION);
        }
        int size = intField(m, "size_px", where);
        Normalization norm = Normalization.parse(stringField(m, "normalization", where));
        Map<String, Object> charset = objectField(m, "charset", where);
        Map<String, Object> split = objectField(m, "split", where);
        FontEntry src = entry(objectField(m, "source", where), where);
        List<FontEntry> tgts = new ArrayList<>();
        if (!(m.get("targets") instanceof List<?> list) || list.isEmpty()) {
            throw new FontganException(where, "no targets");
        }
        for (Object o : list) {
            if (!(o instanceof Map<?, ?>)) {
                throw new FontganException(where, "targets must be objects");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> t = (Map<String, Object>) o;
            tgts.add(entry(t, where));
        }
        GlyphStore srcStore = readStore(dir, src, size, norm);
        List<GlyphStore> tgtStores = new ArrayList<>();
        for (FontEntry t : tgts) {
            tgtStores.add(readStore(dir, t, size, norm));
        }
        return new GlyphDataset(dir, size, norm, stringField(charset, "spec", where), intField(charset, "size", where),
                ((Number) split.getOrDefault("seed", 0L)).longValue(), src, tgts, srcStore, tgtStores);
    }

    private static GlyphStore readStore(Path dir, FontEntry e, int size, Normalization norm) {
        if (e.store().contains("/") || e.store().contains("\\") || e.store().startsWith(".")) {
            throw new FontganException(dir.resolve(MANIFEST), "bad store file name '" + e.store() + "'");
        }
        Path file = dir.resolve(e.store());
        GlyphStore s = GlyphStore.read(file);
        if (s.sizePx() != size || s.normalization() != norm) {
            throw new FontganException(file, "store is " + s.sizePx() + " px " + s.normalization().id()
                    + ", manifest says " + size + " px " + norm.id());
        }
        if (!s.fontSha256().equals(e.sha256())) {
            throw new FontganException(file, "store was made from a different font than the manifest names");
        }
        return s;
    }

    /** Builds a dataset into {@code out} atomically: a temporary sibling folder renamed into place. */
    public static GlyphDataset build(Recipe recipe, Path out, Progress progress) {
        checkOutput(out);
        int[] chars = Charsets.resolve(recipe.chars());
        if (recipe.targets().isEmpty()) {
            throw new FontganException("--target", "at least one target font is needed");
        }
        GlyphRasterizer rasterizer = new GlyphRasterizer(recipe.sizePx(), recipe.normalization());
        List<FontFile> fonts = new ArrayList<>();
        fonts.add(FontFile.open(recipe.source()));
        for (String t : recipe.targets()) {
            fonts.add(FontFile.open(t));
        }
        List<String> names = uniqueNames(fonts);
        Path parent = out.toAbsolutePath().getParent();
        Path temp = null;
        try {
            try {
                Files.createDirectories(parent);
                temp = Files.createTempDirectory(parent, "." + out.getFileName() + ".building-");
                AtomicFile.readableByAll(temp, true);
            } catch (IOException e) {
                throw new FontganException(out, "cannot write: " + AtomicFile.describe(e), e);
            }
            progress.start("rasterizing", (long) chars.length * fonts.size());
            List<FontEntry> entries = new ArrayList<>();
            List<GlyphStore> stores = new ArrayList<>();
            for (int i = 0; i < fonts.size(); i++) {
                FontFile f = fonts.get(i);
                progress.status(names.get(i));
                GlyphImage[] images = rasterizer.rasterizeAll(f, chars, progress);
                GlyphStore store = GlyphStore.of(recipe.sizePx(), recipe.normalization(), f.sha256(), images);
                String file = i == 0 ? "source.fggs" : String.format(Locale.ROOT, "target-%02d.fggs", i - 1);
                store.write(temp.resolve(file));
                stores.add(store);
                String spec = i == 0 ? recipe.source() : recipe.targets().get(i - 1);
                entries.add(new FontEntry(spec, names.get(i), f.family(), f.styleName(), f.sha256(), file,
                        store.count(), chars.length - store.count()));
            }
            progress.close();
            GlyphDataset ds = new GlyphDataset(out, recipe.sizePx(), recipe.normalization(), recipe.chars(),
                    chars.length, recipe.seed(), entries.get(0), entries.subList(1, entries.size()), stores.get(0),
                    stores.subList(1, stores.size()));
            AtomicFile.writeString(temp.resolve(MANIFEST), Json.pretty(ds.manifest()));
            replace(temp, out);
            temp = null;
            return ds;
        } finally {
            progress.close();
            if (temp != null) {
                deleteTree(temp);
            }
        }
    }

    /** Short style names from the font catalog (or the family), made unique with -2, -3... */
    private static List<String> uniqueNames(List<FontFile> fonts) {
        List<String> names = new ArrayList<>();
        for (FontFile f : fonts) {
            String base = dev.fontgan.font.FontCatalog.shortName(f);
            String name = base;
            for (int k = 2; names.contains(name); k++) {
                name = base + "-" + k;
            }
            names.add(name);
        }
        return names;
    }

    private static void checkOutput(Path out) {
        if (Files.isRegularFile(out)) {
            throw new FontganException(out, "exists and is a file, expected a dataset folder");
        }
        if (Files.isDirectory(out) && !Files.isRegularFile(out.resolve(MANIFEST))) {
            try (Stream<Path> s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    throw new FontganException(out, "exists and is not a glyph dataset; refusing to replace it");
                }
            } catch (IOException e) {
                throw new FontganException(out, "cannot read: " + AtomicFile.describe(e), e);
            }
        }
        Path parent = out.toAbsolutePath().getParent();
        for (Path p = parent; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new FontganException(out, "cannot write: a parent is not a directory");
                }
                if (!Files.isWritable(p)) {
                    throw new FontganException(out, "cannot write: permission denied");
                }
                break;
            }
        }
    }

    /** Moves the finished folder into place, replacing an older dataset there. */
    private static void replace(Path built, Path out) {
        Path old = null;
        try {
            if (Files.exists(out)) {
                old = Files.createTempDirectory(out.toAbsolutePath().getParent(), "." + out.getFileName() + ".old-");
                Files.delete(old);
                Files.move(out, old);
            }
            try {
                Files.move(built, out, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(built, out);
            }
        } catch (IOException e) {
            throw new FontganException(out, "cannot write: " + AtomicFile.describe(e), e);
        } finally {
            if (old != null) {
                deleteTree(old);
            }
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // best effort: a hidden leftover named after the output
        }
    }

    /** The manifest as written to {@code manifest.json}. */
    public Map<String, Object> manifest() {
        Map<String, Object> counts = new LinkedHashMap<>();
        for (Split s : Split.values()) {
            counts.put(s.id(), splits.get(s).length);
        }
        Map<String, Object> missing = new LinkedHashMap<>();
        missing.put(sourceEntry.name(), sourceEntry.missing());
        List<Object> tj = new ArrayList<>();
        for (FontEntry t : targetEntries) {
            tj.add(t.toJson());
            missing.put(t.name(), t.missing());
        }
        return Json.obj("format", FORMAT, "version", FORMAT_VERSION, "size_px", sizePx,
                "normalization", normalization.id(),
                "charset", Json.obj("spec", charsetSpec, "size", charsetSize),
                "split", Json.obj("seed", seed, "method", "splitmix64 of code point and seed",
                        "test_fraction", Split.TEST_FRACTION, "val_fraction", Split.VAL_FRACTION, "counts", counts),
                "source", sourceEntry.toJson(), "targets", tj, "missing", missing);
    }

    public Path dir() {
        return dir;
    }

    public int sizePx() {
        return sizePx;
    }

    public Normalization normalization() {
        return normalization;
    }

    public long seed() {
        return seed;
    }

    public String charsetSpec() {
        return charsetSpec;
    }

    public int charsetSize() {
        return charsetSize;
    }

    /** Short name of the source font. */
    public String sourceName() {
        return sourceEntry.name();
    }

    /** The source font as the manifest names it (a path, maybe with {@code #member}). */
    public String sourceFontSpec() {
        return sourceEntry.path();
    }

    /** The source font file (without a collection member suffix). */
    public Path sourceFontPath() {
        String p = sourceEntry.path();
        if (!Files.exists(Path.of(p)) && p.lastIndexOf('#') > 0) {
            p = p.substring(0, p.lastIndexOf('#'));
        }
        return Path.of(p);
    }

    public FontEntry sourceEntry() {
        return sourceEntry;
    }

    public List<FontEntry> targetEntries() {
        return targetEntries;
    }

    /** Target fonts' short names; a style id is an index into this list. */
    public List<String> styleNames() {
        return targetEntries.stream().map(FontEntry::name).toList();
    }

    public int styleCount() {
        return targets.size();
    }

    /** Characters of a split: in the source and in at least one target, in charset order. */
    public int[] codePoints(Split split) {
        return splits.get(split).clone();
    }

    /** Source glyph pixels (sizePx^2 uint8 ink), or null when the source lacks it. */
    public byte[] source(int codePoint) {
        return source.pixels(codePoint);
    }

    /** Target glyph pixels for a style, or null when that target lacks the character. */
    public byte[] target(int styleId, int codePoint) {
        return targets.get(styleId).pixels(codePoint);
    }

    /** The source's store. */
    public GlyphStore sourceStore() {
        return source;
    }

    /** A target's store. */
    public GlyphStore targetStore(int styleId) {
        return targets.get(styleId);
    }

    private static FontEntry entry(Map<String, Object> o, String where) {
        return new FontEntry(stringField(o, "path", where), stringField(o, "name", where),
                (String) o.get("family"), (String) o.get("style"), stringField(o, "sha256", where),
                stringField(o, "store", where), intField(o, "glyphs", where), intField(o, "missing", where));
    }

    private static String stringField(Map<String, Object> o, String key, String where) {
        if (!(o.get(key) instanceof String s)) {
            throw new FontganException(where, "missing or non-string \"" + key + "\"");
        }
        return s;
    }

    private static int intField(Map<String, Object> o, String key, String where) {
        if (!(o.get(key) instanceof Long n) || n < 0 || n > Integer.MAX_VALUE) {
            throw new FontganException(where, "missing or invalid \"" + key + "\"");
        }
        return n.intValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> objectField(Map<String, Object> o, String key, String where) {
        if (!(o.get(key) instanceof Map<?, ?> m)) {
            throw new FontganException(where, "missing object \"" + key + "\"");
        }
        return (Map<String, Object>) m;
    }
}
