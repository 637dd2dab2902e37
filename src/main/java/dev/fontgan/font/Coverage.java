package dev.fontgan.font;

import java.util.Arrays;

/** Which code points of a charset a font draws and which it lacks (both in charset order). */
public record Coverage(int[] covered, int[] missing) {
    /** Checks every code point against the font (missing = unmapped, .notdef or empty outline). */
    public static Coverage of(FontFile font, int[] codePoints) {
        int[] covered = new int[codePoints.length];
        int[] missing = new int[codePoints.length];
        int c = 0;
        int m = 0;
        for (int cp : codePoints) {
            if (font.has(cp)) {
                covered[c++] = cp;
            } else {
                missing[m++] = cp;
            }
        }
        return new Coverage(Arrays.copyOf(covered, c), Arrays.copyOf(missing, m));
    }

    /** Fraction of the charset covered, 1.0 for an empty charset. */
    public double ratio() {
        int total = covered.length + missing.length;
        return total == 0 ? 1.0 : covered.length / (double) total;
    }

    /** The missing code points as a string (for messages and JSON). */
    public String missingText() {
        return new String(missing, 0, missing.length);
    }
}
