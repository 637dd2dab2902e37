package dev.fontgan.render;

import dev.fontgan.FontganException;
import java.util.Locale;

/** What the ink is written on. */
public enum Background {
    WHITE,
    /** No paper: the PNG keeps an alpha channel and only the ink is opaque. */
    TRANSPARENT,
    /** Procedural off-white paper with fibres and grain, from the seed. */
    PAPER;

    public static Background parse(String text) {
        for (Background b : values()) {
            if (b.name().equalsIgnoreCase(text.trim())) {
                return b;
            }
        }
        throw new FontganException("--background", "expected white, transparent or paper, got '" + text + "'");
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
