package dev.fontgan.data;

import dev.fontgan.AtomicFile;
import dev.fontgan.FontganException;
import dev.fontgan.glyph.GlyphImage;
import dev.fontgan.glyph.Normalization;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * One font's glyphs at one size and normalization, as stored on disk. Only glyphs the font has
 * are stored. File layout, little-endian:
 * <pre>
 *   "FGGS"  u32 version  u32 sizePx  u8 normalization (0 em, 1 ink)  3 zero bytes
 *   32 bytes SHA-256 of the font file   u32 count
 *   count x u32 code points   count x sizePx^2 uint8 pixels (ink coverage, row-major)
 *   u32 CRC32 of everything before it
 * </pre>
 */
public final class GlyphStore {
    public static final int VERSION = 1;
    static final byte[] MAGIC = "FGGS".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER_BYTES = 4 + 4 + 4 + 4 + 32 + 4;
    private static final long MAX_FILE_BYTES = 4L << 30;

    private final int sizePx;
    private final Normalization normalization;
    private final String fontSha256;
    private final int[] codePoints;
    private final byte[] pixels;
    private final Map<Integer, Integer> index;

    /** @param pixels count * sizePx * sizePx uint8 ink coverage, glyph i at i * sizePx^2 */
    public GlyphStore(int sizePx, Normalization normalization, String fontSha256, int[] codePoints, byte[] pixels) {
        if (sizePx <= 0 || pixels.length != (long) codePoints.length * sizePx * sizePx) {
            throw new IllegalArgumentException("pixels do not match " + codePoints.length + " glyphs of " + sizePx + " px");
        }
        if (fontSha256.length() != 64) {
            throw new IllegalArgumentException("font SHA-256 must be 64 hex digits");
        }
        this.sizePx = sizePx;
        this.normalization = normalization;
        this.fontSha256 = fontSha256;
        this.codePoints = codePoints.clone();
        this.pixels = pixels;
        this.index = new HashMap<>(codePoints.length * 2);
        for (int i = 0; i < codePoints.length; i++) {
            if (index.put(codePoints[i], i) != null) {
                throw new IllegalArgumentException(String.format("duplicate code point U+%04X", codePoints[i]));
            }
        }
    }

    /** A store of the drawn images (nulls, the font's missing characters, are left out). */
    public static GlyphStore of(int sizePx, Normalization normalization, String fontSha256, GlyphImage[] images) {
        int n = 0;
        for (GlyphImage g : images) {
            if (g != null) {
                n++;
            }
        }
        int area = sizePx * sizePx;
        int[] cps = new int[n];
        byte[] px = new byte[n * area];
        int i = 0;
        for (GlyphImage g : images) {
            if (g != null) {
                if (g.sizePx() != sizePx) {
                    throw new IllegalArgumentException("image of " + g.sizePx() + " px in a " + sizePx + " px store");
                }
                cps[i] = g.codePoint();
                System.arraycopy(g.pixels(), 0, px, i * area, area);
                i++;
            }
        }
        return new GlyphStore(sizePx, normalization, fontSha256, cps, px);
    }

    public int sizePx() {
        return sizePx;
    }

    public Normalization normalization() {
        return normalization;
    }

    public String fontSha256() {
        return fontSha256;
    }

    public int count() {
        return codePoints.length;
    }

    /** The stored code points, in store order. */
    public int[] codePoints() {
        return codePoints.clone();
    }

    public boolean has(int codePoint) {
        return index.containsKey(codePoint);
    }

    /** A copy of one glyph's pixels, or null when the store lacks it. */
    public byte[] pixels(int codePoint) {
        Integer i = index.get(codePoint);
        if (i == null) {
            return null;
        }
        int area = sizePx * sizePx;
        return Arrays.copyOfRange(pixels, i * area, (i + 1) * area);
    }

    /** Copies one glyph's pixels into {@code dst} at {@code offset}; false (nothing copied) when absent. */
    public boolean copyInto(int codePoint, byte[] dst, int offset) {
        Integer i = index.get(codePoint);
        if (i == null) {
            return false;
        }
        int area = sizePx * sizePx;
        System.arraycopy(pixels, i * area, dst, offset, area);
        return true;
    }

    /** The glyph as an image, or null when absent. */
    public GlyphImage image(int codePoint) {
        byte[] p = pixels(codePoint);
        return p == null ? null : new GlyphImage(codePoint, sizePx, p);
    }

    /** Writes the store atomically (temp file + rename). */
    public void write(Path file) {
        long bytes = HEADER_BYTES + 4L * codePoints.length + pixels.length + 4;
        if (bytes > Integer.MAX_VALUE - 16) {
            throw new FontganException(file, "store too large (" + (bytes >> 20) + " MB); use a smaller charset or size");
        }
        ByteBuffer b = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(VERSION).putInt(sizePx).put((byte) normalization.ordinal()).put(new byte[3]);
        b.put(HexFormat.of().parseHex(fontSha256)).putInt(codePoints.length);
        for (int cp : codePoints) {
            b.putInt(cp);
        }
        b.put(pixels);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        AtomicFile.write(file, b.array());
    }

    /** Reads and validates a store: magic, version, sizes, file length and checksum. */
    public static GlyphStore read(Path file) {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new FontganException(file, "is a directory, expected a glyph store");
            }
            if (!Files.exists(file)) {
                throw new FontganException(file, "no such file");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new FontganException(file, "glyph store too large");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new FontganException(file, "cannot read: " + AtomicFile.describe(e), e);
        }
        if (bytes.length < HEADER_BYTES + 4) {
            throw new FontganException(file, "not a glyph store: only " + bytes.length + " bytes");
        }
        if (!Arrays.equals(bytes, 0, 4, MAGIC, 0, 4)) {
            throw new FontganException(file, "not a glyph store (bad magic)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.position(4);
        int version = b.getInt();
        if (version != VERSION) {
            throw new FontganException(file, "glyph store format version " + version + ", this fontgan reads " + VERSION);
        }
        int sizePx = b.getInt();
        int norm = b.get();
        b.position(b.position() + 3);
        byte[] sha = new byte[32];
        b.get(sha);
        int count = b.getInt();
        if (sizePx < 1 || sizePx > 4096 || norm < 0 || norm >= Normalization.values().length || count < 0) {
            throw new FontganException(file, "corrupt glyph store header (size " + sizePx + ", count " + count + ")");
        }
        long expected = HEADER_BYTES + 4L * count + (long) count * sizePx * sizePx + 4;
        if (expected != bytes.length) {
            throw new FontganException(file, "glyph store is " + bytes.length + " bytes, header says " + expected
                    + (bytes.length < expected ? " (truncated)" : ""));
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (stored != (int) crc.getValue()) {
            throw new FontganException(file, "glyph store checksum mismatch (CRC32): the file is corrupt");
        }
        int[] cps = new int[count];
        for (int i = 0; i < count; i++) {
            cps[i] = b.getInt();
        }
        byte[] px = Arrays.copyOfRange(bytes, b.position(), bytes.length - 4);
        try {
            return new GlyphStore(sizePx, Normalization.values()[norm], HexFormat.of().formatHex(sha), cps, px);
        } catch (IllegalArgumentException e) {
            throw new FontganException(file, "corrupt glyph store: " + e.getMessage());
        }
    }
}
