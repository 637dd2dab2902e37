package dev.fontgan.font;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Makes damaged copies of a font for error-path tests. */
public final class BrokenFonts {
    private BrokenFonts() {}

    /** Overwrites the first bytes of one table (found through the table directory) with 0xFF. */
    public static byte[] corruptTable(byte[] font, String tag) {
        byte[] copy = font.clone();
        ByteBuffer b = ByteBuffer.wrap(copy);
        int numTables = b.getShort(4) & 0xffff;
        for (int i = 0; i < numTables; i++) {
            int rec = 12 + 16 * i;
            String t = new String(copy, rec, 4, StandardCharsets.ISO_8859_1);
            if (t.equals(tag)) {
                int offset = b.getInt(rec + 8);
                int length = b.getInt(rec + 12);
                for (int k = 0; k < Math.min(length, 64); k++) {
                    copy[offset + k] = (byte) 0xFF;
                }
                return copy;
            }
        }
        throw new IllegalArgumentException("no table " + tag);
    }

    /** Renames a table in the directory (its bytes stay), e.g. to hide the outlines. */
    public static byte[] renameTable(byte[] font, String tag, String newTag) {
        byte[] copy = font.clone();
        int numTables = ByteBuffer.wrap(copy).getShort(4) & 0xffff;
        for (int i = 0; i < numTables; i++) {
            int rec = 12 + 16 * i;
            if (new String(copy, rec, 4, StandardCharsets.ISO_8859_1).equals(tag)) {
                System.arraycopy(newTag.getBytes(StandardCharsets.ISO_8859_1), 0, copy, rec, 4);
                return copy;
            }
        }
        throw new IllegalArgumentException("no table " + tag);
    }
}
