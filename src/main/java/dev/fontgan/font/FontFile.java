package dev.fontgan.font;

import dev.fontgan.FontganException;
import java.awt.Shape;
import java.awt.geom.GeneralPath;
import java.awt.geom.Path2D;
import java.awt.geom.PathIterator;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.fontbox.cff.CFFCIDFont;
import org.apache.fontbox.cff.CFFFont;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.CmapSubtable;
import org.apache.fontbox.ttf.CmapTable;
import org.apache.fontbox.ttf.GlyphData;
import org.apache.fontbox.ttf.HorizontalHeaderTable;
import org.apache.fontbox.ttf.NamingTable;
import org.apache.fontbox.ttf.OS2WindowsMetricsTable;
import org.apache.fontbox.ttf.OTFParser;
import org.apache.fontbox.ttf.OpenTypeFont;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * One parsed outline font (a .ttf, a CFF .otf, or one member of a .ttc), read with FontBox.
 * Everything is in font units with y up. Glyph outlines are extracted once and cached, so the
 * object is cheap to query from many threads; opening goes through a cache of parsed fonts.
 * A code point that maps to glyph 0 (.notdef) or to an empty outline counts as missing.
 */
public final class FontFile {
    /** Larger files are refused rather than read into memory. */
    static final long MAX_FILE_BYTES = 256L << 20;

    private static final Glyph MISSING = new Glyph(0, 0, null, null, 0);

    private final Path path;
    private final int member;
    private final String format;
    private final String sha256;
    private final TrueTypeFont font;
    private final CFFFont cff;
    private final CmapLookup cmap;
    private final String family;
    private final String styleName;
    private final String fullName;
    private final int unitsPerEm;
    private final int ascender;
    private final int descender;
    private final int glyphCount;
    private final Map<Integer, Glyph> glyphs = new ConcurrentHashMap<>();

    private FontFile(Path path, int member, String format, String sha256, TrueTypeFont font) throws IOException {
        this.path = path;
        this.member = member;
        this.format = format;
        this.sha256 = sha256;
        this.font = font;
        Map<String, ?> tables = font.getTableMap();
        if (tables.containsKey("CFF2")) {
            throw new FontganException(path, "CFF2 (variable) outlines are not supported");
        }
        boolean hasGlyf = tables.containsKey("glyf");
        boolean hasCff = tables.containsKey("CFF ");
        if (!hasGlyf && !hasCff) {
            throw new FontganException(path, "no outlines (bitmap-only font: no glyf or CFF table)");
        }
        if (hasCff && font instanceof OpenTypeFont otf && otf.isPostScript()) {
            this.cff = otf.getCFF().getFont();
        } else if (hasGlyf) {
            this.cff = null;
            if (font.getGlyph() == null || font.getIndexToLocation() == null) {
                throw new FontganException(path, "broken font: glyf or loca table unreadable");
            }
        } else {
            throw new FontganException(path, "CFF outlines could not be read");
        }
        if (font.getHeader() == null) {
            throw new FontganException(path, "broken font: no head table");
        }
        this.unitsPerEm = font.getUnitsPerEm();
        if (unitsPerEm < 16 || unitsPerEm > 16384) {
            throw new FontganException(path, "broken font: units per em " + unitsPerEm + " outside 16..16384");
        }
        this.glyphCount = font.getNumberOfGlyphs();
        if (glyphCount <= 0) {
            throw new FontganException(path, "broken font: no glyphs");
        }
        this.cmap = unicodeCmap(path, font);
        NamingTable names = font.getNaming();
        String fam = names == null ? null : names.getFontFamily();
        String sub = names == null ? null : names.getFontSubFamily();
        String full = names == null ? null : names.getName(4, 3, 1, 0x409);
        this.family = fam == null || fam.isBlank() ? stripExtension(path.getFileName().toString()) : fam.trim();
        this.styleName = sub == null || sub.isBlank() ? "Regular" : sub.trim();
        this.fullName = full == null || full.isBlank() ? family + " " + styleName : full.trim();
        int[] vertical = verticalMetrics(font, unitsPerEm);
        this.ascender = vertical[0];
        this.descender = vertical[1];
    }

    /** Opens a font file; a .ttc opens its first member. Cached. */
    public static FontFile open(Path path) {
        return FontCache.shared().open(path, 0, null);
    }

    /**
     * Opens a font by spec: a path, or {@code file.ttc#N} (member index) or
     * {@code file.ttc#Family Name} (member by family, full or PostScript name). Cached.
     */
    public static FontFile open(String spec) {
        Object[] parsed = parseSpec(spec);
        return FontCache.shared().open((Path) parsed[0], (Integer) parsed[1], (String) parsed[2]);
    }

    /** Parses a font anew, bypassing the cache (for benchmarks that time cold glyph decoding). */
    public static FontFile openUncached(String spec) {
        Object[] parsed = parseSpec(spec);
        return load((Path) parsed[0], (Integer) parsed[1], (String) parsed[2]);
    }

    /** {path, member index (-1 = by name), member name or null}. */
    private static Object[] parseSpec(String spec) {
        Path whole = Path.of(spec);
        int hash = spec.lastIndexOf('#');
        if (hash < 0 || Files.exists(whole)) {
            return new Object[] {whole, 0, null};
        }
        Path file = Path.of(spec.substring(0, hash));
        String selector = spec.substring(hash + 1).trim();
        if (selector.isEmpty()) {
            throw new FontganException(spec, "empty collection member after '#'");
        }
        if (selector.chars().allMatch(Character::isDigit) && selector.length() < 6) {
            return new Object[] {file, Integer.parseInt(selector), null};
        }
        return new Object[] {file, -1, selector};
    }

    /** Parses without the cache. {@code member} &ge; 0 selects by index, else {@code memberName}. */
    static FontFile load(Path path, int member, String memberName) {
        return parse(path, readBytes(path), member, memberName);
    }

    /**
     * Parses a font held in memory (e.g. inside a style pack), uncached; {@code where} names it
     * in messages and is what {@link #path()} returns (it need not exist on disk).
     */
    public static FontFile fromBytes(Path where, byte[] bytes, int member) {
        if (bytes.length > MAX_FILE_BYTES) {
            throw new FontganException(where, "font file too large (" + (bytes.length >> 20) + " MB)");
        }
        return parse(where, bytes, member, null);
    }

    private static FontFile parse(Path path, byte[] bytes, int member, String memberName) {
        String kind = FontSignature.detect(path, bytes);
        if (kind.equals("ttc")) {
            for (int offset : FontSignature.collectionOffsets(path, bytes)) {
                FontSignature.checkTables(path, bytes, offset);
            }
        } else {
            FontSignature.checkTables(path, bytes, 0);
        }
        String sha = sha256(bytes);
        try {
            if (kind.equals("ttc")) {
                return loadMember(path, bytes, sha, member, memberName);
            }
            if (member > 0 || memberName != null) {
                throw new FontganException(path, "not a font collection (.ttc): cannot select member "
                        + (memberName != null ? "'" + memberName + "'" : "#" + member));
            }
            OpenTypeFont otf = new OTFParser(false).parse(new RandomAccessReadBuffer(bytes));
            return new FontFile(path, 0, kind, sha, otf);
        } catch (FontganException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new FontganException(path, "corrupt or unreadable font: " + describe(e), e);
        }
    }

    private static FontFile loadMember(Path path, byte[] bytes, String sha, int member, String memberName)
            throws IOException {
        TrueTypeCollection collection = new TrueTypeCollection(new ByteArrayInputStream(bytes));
        List<TrueTypeFont> members = new ArrayList<>();
        collection.processAllFonts(members::add);
        if (members.isEmpty()) {
            throw new FontganException(path, "font collection has no members");
        }
        if (memberName == null) {
            if (member >= members.size()) {
                throw new FontganException(path, "collection has " + members.size() + " members, no #" + member);
            }
            return new FontFile(path, member, "ttc", sha, members.get(member));
        }
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            TrueTypeFont f = members.get(i);
            NamingTable n = f.getNaming();
            List<String> candidates = new ArrayList<>();
            if (n != null) {
                candidates.add(n.getFontFamily());
                candidates.add(n.getName(4, 3, 1, 0x409));
                candidates.add(n.getPostScriptName());
                if (n.getFontFamily() != null) {
                    seen.add(n.getFontFamily());
                }
            }
            for (String c : candidates) {
                if (c != null && c.trim().equalsIgnoreCase(memberName)) {
                    return new FontFile(path, i, "ttc", sha, f);
                }
            }
        }
        throw new FontganException(path, "no collection member named '" + memberName + "' (members: "
                + String.join(", ", seen) + ")");
    }

    private static byte[] readBytes(Path path) {
        if (Files.isDirectory(path)) {
            throw new FontganException(path, "is a directory, expected a font file");
        }
        if (!Files.exists(path)) {
            throw new FontganException(path, "no such file");
        }
        try {
            long size = Files.size(path);
            if (size > MAX_FILE_BYTES) {
                throw new FontganException(path, "font file too large (" + (size >> 20) + " MB)");
            }
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new FontganException(path, "cannot read: " + dev.fontgan.AtomicFile.describe(e), e);
        }
    }

    private static CmapLookup unicodeCmap(Path path, TrueTypeFont font) throws IOException {
        CmapTable table = font.getCmap();
        if (table == null) {
            throw new FontganException(path, "broken font: no cmap table");
        }
        // Full-repertoire subtables (format 12) first so supplementary planes resolve.
        int[][] preferred = {{3, 10}, {0, 6}, {0, 4}, {3, 1}, {0, 3}, {0, 2}, {0, 1}, {0, 0}};
        for (int[] pe : preferred) {
            CmapSubtable sub = table.getSubtable(pe[0], pe[1]);
            if (sub != null) {
                return sub;
            }
        }
        CmapSubtable[] all = table.getCmaps();
        if (all == null || all.length == 0) {
            throw new FontganException(path, "broken font: empty cmap table");
        }
        throw new FontganException(path, "no Unicode cmap (symbol or legacy-encoded font)");
    }

    private static int[] verticalMetrics(TrueTypeFont font, int unitsPerEm) throws IOException {
        int asc = 0;
        int desc = 0;
        HorizontalHeaderTable hhea = font.getHorizontalHeader();
        if (hhea != null) {
            asc = hhea.getAscender();
            desc = hhea.getDescender();
        }
        if (asc <= 0 || desc > 0 || asc - desc < unitsPerEm / 4) {
            OS2WindowsMetricsTable os2 = font.getOS2Windows();
            if (os2 != null && os2.getTypoAscender() > 0) {
                asc = os2.getTypoAscender();
                desc = -Math.abs(os2.getTypoDescender());
            } else if (os2 != null && os2.getWinAscent() > 0) {
                asc = os2.getWinAscent();
                desc = -Math.abs(os2.getWinDescent());
            } else {
                asc = Math.round(unitsPerEm * 0.88f);
                desc = -Math.round(unitsPerEm * 0.12f);
            }
        }
        return new int[] {asc, desc};
    }

    /** The font file on disk. */
    public Path path() {
        return path;
    }

    /** Index of this font inside its collection (0 for single fonts). */
    public int member() {
        return member;
    }

    /** How to open this exact font again: the path, plus {@code #N} for a collection member. */
    public String spec() {
        return format.equals("ttc") ? path + "#" + member : path.toString();
    }

    /** "ttf" (TrueType outlines), "otf" (CFF outlines) or "ttc" (a collection member). */
    public String format() {
        return format;
    }

    public String family() {
        return family;
    }

    public String styleName() {
        return styleName;
    }

    /** Full font name (name id 4), e.g. "DejaVu Sans Bold". */
    public String fullName() {
        return fullName;
    }

    /** SHA-256 of the whole file, lower-case hex. */
    public String sha256() {
        return sha256;
    }

    public int glyphCount() {
        return glyphCount;
    }

    public int unitsPerEm() {
        return unitsPerEm;
    }

    /** Typographic ascender in font units (positive, above the baseline). */
    public int ascender() {
        return ascender;
    }

    /** Typographic descender in font units (negative, below the baseline). */
    public int descender() {
        return descender;
    }

    /** Whether the font draws this code point: mapped to a real glyph with a non-empty outline. */
    public boolean has(int codePoint) {
        return glyph(codePoint).outline() != null;
    }

    /** Glyph id the cmap gives (0 when unmapped). */
    public int glyphId(int codePoint) {
        return glyph(codePoint).glyphId();
    }

    /** Advance width in font units (0 when the code point is unmapped). */
    public int advanceWidth(int codePoint) {
        return glyph(codePoint).advanceWidth();
    }

    /** A fresh copy of the outline (font units, y up), or null when missing or empty. */
    public GeneralPath outline(int codePoint) {
        Glyph g = glyph(codePoint);
        return g.outline() == null ? null : new GeneralPath(g.path);
    }

    /** Tight bounds of the outline's ink in font units (y up), or null when missing. */
    public Rectangle2D inkBounds(int codePoint) {
        Glyph g = glyph(codePoint);
        return g.inkBounds() == null ? null : (Rectangle2D) g.inkBounds().clone();
    }

    /**
     * The cached glyph for a code point: id, advance, a read-only outline shape and ink bounds.
     * The rasterizer uses this to avoid copying outlines.
     */
    public Glyph glyph(int codePoint) {
        Glyph g = glyphs.get(codePoint);
        if (g == null) {
            g = extract(codePoint);
            Glyph raced = glyphs.putIfAbsent(codePoint, g);
            if (raced != null) {
                g = raced;
            }
        }
        return g;
    }

    /** FontBox tables are parsed lazily and are not thread-safe: one reader at a time. */
    private synchronized Glyph extract(int codePoint) {
        Glyph cached = glyphs.get(codePoint);
        if (cached != null) {
            return cached;
        }
        try {
            int gid = cmap.getGlyphId(codePoint);
            if (gid <= 0 || gid >= glyphCount) {
                return MISSING;
            }
            int advance = font.getAdvanceWidth(gid);
            GeneralPath p;
            if (cff != null) {
                int key = cff instanceof CFFCIDFont ? cff.getCharset().getCIDForGID(gid) : gid;
                p = cff.getType2CharString(key).getPath();
            } else {
                GlyphData data = font.getGlyph().getGlyph(gid);
                p = data == null ? null : data.getPath();
            }
            if (p == null) {
                return new Glyph(gid, advance, null, null, codePoint);
            }
            Rectangle2D ink = tightBounds(p, unitsPerEm);
            if (ink == null) {
                return new Glyph(gid, advance, null, null, codePoint);
            }
            return new Glyph(gid, advance, new Path2D.Float(p), ink, codePoint);
        } catch (IOException | RuntimeException e) {
            throw new FontganException(path, String.format(Locale.ROOT,
                    "corrupt glyph for U+%04X: %s", codePoint, describe(e)), e);
        }
    }

    /** Bounds of the flattened outline (control points of curves can lie outside the ink). */
    private static Rectangle2D tightBounds(Shape shape, int unitsPerEm) {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        double[] c = new double[6];
        for (PathIterator it = shape.getPathIterator(null, unitsPerEm / 2000.0); !it.isDone(); it.next()) {
            int type = it.currentSegment(c);
            if (type == PathIterator.SEG_CLOSE) {
                continue;
            }
            minX = Math.min(minX, c[0]);
            maxX = Math.max(maxX, c[0]);
            minY = Math.min(minY, c[1]);
            maxY = Math.max(maxY, c[1]);
        }
        if (!(maxX > minX) && !(maxY > minY)) {
            return null;
        }
        return new Rectangle2D.Double(minX, minY, maxX - minX, maxY - minY);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        String name = e.getClass().getSimpleName();
        if (m == null || m.isBlank()) {
            return name;
        }
        m = m.replace('\n', ' ').trim();
        return (e instanceof IOException && !name.equals("IOException") ? name + ": " : "")
                + (m.length() > 160 ? m.substring(0, 160) + "..." : m);
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    @Override
    public String toString() {
        return fullName + " (" + spec() + ")";
    }

    /**
     * A glyph as the rasterizer needs it: the outline is shared and read-only (font units, y up).
     */
    public static final class Glyph {
        private final int glyphId;
        private final int advanceWidth;
        private final Path2D.Float path;
        private final Shape outline;
        private final Rectangle2D inkBounds;
        private final int codePoint;

        Glyph(int glyphId, int advanceWidth, Path2D.Float path, Rectangle2D inkBounds, int codePoint) {
            this.glyphId = glyphId;
            this.advanceWidth = advanceWidth;
            this.path = path;
            this.outline = path == null ? null : new ReadOnlyShape(path);
            this.inkBounds = inkBounds;
            this.codePoint = codePoint;
        }

        public int glyphId() {
            return glyphId;
        }

        public int advanceWidth() {
            return advanceWidth;
        }

        /** Read-only outline, null when missing or empty. */
        public Shape outline() {
            return outline;
        }

        /** Tight ink bounds (font units, y up); treat as read-only. Null when missing. */
        public Rectangle2D inkBounds() {
            return inkBounds;
        }

        public int codePoint() {
            return codePoint;
        }
    }

    /** A shape that exposes a path for drawing without letting callers change it. */
    private static final class ReadOnlyShape implements Shape {
        private final Path2D.Float path;

        ReadOnlyShape(Path2D.Float path) {
            this.path = path;
        }

        @Override public java.awt.Rectangle getBounds() { return path.getBounds(); }
        @Override public Rectangle2D getBounds2D() { return path.getBounds2D(); }
        @Override public boolean contains(double x, double y) { return path.contains(x, y); }
        @Override public boolean contains(java.awt.geom.Point2D p) { return path.contains(p); }
        @Override public boolean intersects(double x, double y, double w, double h) { return path.intersects(x, y, w, h); }
        @Override public boolean intersects(Rectangle2D r) { return path.intersects(r); }
        @Override public boolean contains(double x, double y, double w, double h) { return path.contains(x, y, w, h); }
        @Override public boolean contains(Rectangle2D r) { return path.contains(r); }
        @Override public PathIterator getPathIterator(java.awt.geom.AffineTransform at) { return path.getPathIterator(at); }
        @Override public PathIterator getPathIterator(java.awt.geom.AffineTransform at, double flatness) {
            return path.getPathIterator(at, flatness);
        }
    }
}
