package dev.fontgan.glyph;

import dev.fontgan.FontganException;
import java.util.Locale;

/** How a glyph is placed in its square image. */
public enum Normalization {
    /**
     * By the font's metrics: the ascender-to-descender box fills the image height, the advance is
     * centered horizontally. Keeps relative size and the baseline across characters of a font.
     */
    EM,
    /**
     * By the glyph's ink: the ink box is scaled (aspect kept) to fit with a margin of
     * max(1, size/16) px and centered. Every glyph uses the image fully.
     */
    INK;

    /** Lower-case name as used on the command line and in manifests. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "em" or "ink" (case-insensitive). */
    public static Normalization parse(String text) {
        for (Normalization n : values()) {
            if (n.id().equalsIgnoreCase(text.trim())) {
                return n;
            }
        }
        throw new FontganException("--normalization", "expected em or ink, got '" + text + "'");
    }
}
