package dev.fontgan.font;

import dev.fontgan.FontganException;
import java.nio.file.Path;

/** Recognizes a font file's kind from its first bytes and refuses the kinds we cannot draw. */
final class FontSignature {
    private FontSignature() {}

    /**
     * Checks that every table of the font whose directory starts at {@code offset} lies inside
     * the file, so a truncated download gets a plain message instead of a parser's complaint.
     */
    static void checkTables(Path path, byte[] bytes, int offset) {
        if (offset < 0 || offset + 12 > bytes.length) {
            throw new FontganException(path, "truncated font: the table directory is past the end of the file");
        }
        int numTables = u16(bytes, offset + 4);
        if (numTables == 0 || offset + 12 + 16L * numTables > bytes.length) {
            throw new FontganException(path, "truncated or corrupt font: table directory of " + numTables + " tables");
        }
        java.util.Set<String> tags = new java.util.HashSet<>();
        for (int i = 0; i < numTables; i++) {
            int rec = offset + 12 + 16 * i;
            tags.add(new String(bytes, rec, 4, java.nio.charset.StandardCharsets.ISO_8859_1));
            long start = u32(bytes, rec + 8);
            long length = u32(bytes, rec + 12);
            if (start + length > bytes.length) {
                String tag = new String(bytes, rec, 4, java.nio.charset.StandardCharsets.ISO_8859_1).trim();
                throw new FontganException(path, "truncated font: table '" + tag + "' ends at byte " + (start + length)
                        + " but the file has " + bytes.length);
            }
        }
        if (tags.contains("CFF2") && !tags.contains("glyf")) {
            throw new FontganException(path, "CFF2 (variable) outlines are not supported");
        }
        if (!tags.contains("glyf") && !tags.contains("CFF ")) {
            boolean bitmaps = tags.contains("EBDT") || tags.contains("CBDT") || tags.contains("bdat") || tags.contains("sbix");
            throw new FontganException(path, bitmaps ? "bitmap-only font (no glyf or CFF outlines); fontgan needs outlines"
                    : "no outlines (neither a glyf nor a CFF table)");
        }
    }

    /** Offsets of the member fonts of a .ttc. */
    static int[] collectionOffsets(Path path, byte[] bytes) {
        long n = u32(bytes, 8);
        if (n < 1 || 12 + 4 * n > bytes.length) {
            throw new FontganException(path, "truncated or corrupt font collection header");
        }
        int[] offsets = new int[(int) n];
        for (int i = 0; i < n; i++) {
            long o = u32(bytes, 12 + 4 * i);
            if (o > Integer.MAX_VALUE) {
                throw new FontganException(path, "corrupt font collection header");
            }
            offsets[i] = (int) o;
        }
        return offsets;
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    private static long u32(byte[] b, int i) {
        return ((long) (b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }

    /** Returns "ttf", "otf" or "ttc"; throws a clear error for anything else. */
    static String detect(Path path, byte[] bytes) {
        if (bytes.length < 12) {
            throw new FontganException(path, "not a font: file is only " + bytes.length + " bytes");
        }
        int b0 = bytes[0] & 0xff;
        int b1 = bytes[1] & 0xff;
        String tag = new String(bytes, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
        switch (tag) {
            case "\0\1\0\0", "true":
                return "ttf";
            case "OTTO":
                return "otf";
            case "ttcf":
                return "ttc";
            case "wOFF":
                throw new FontganException(path, "WOFF web fonts are not supported; convert to .ttf/.otf first");
            case "wOF2":
                throw new FontganException(path, "WOFF2 web fonts are not supported; convert to .ttf/.otf first");
            default:
                break;
        }
        if (tag.startsWith("%!") || (b0 == 0x80 && b1 == 0x01)) {
            throw new FontganException(path, "PostScript Type 1 fonts are not supported; use a .ttf/.otf");
        }
        if (tag.equals("typ1")) {
            throw new FontganException(path, "Mac Type 1 fonts are not supported; use a .ttf/.otf");
        }
        throw new FontganException(path, "not a TrueType/OpenType font (unknown signature)");
    }
}
