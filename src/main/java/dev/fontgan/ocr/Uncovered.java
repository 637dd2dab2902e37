package dev.fontgan.ocr;

import dev.fontgan.FontganException;
import java.util.Locale;

/** What to do when the drawn style cannot write every character of the drawn text. */
public enum Uncovered {
    /** Pick another style (by weight) among those that can write the text; new text when none can. */
    RESTYLE,
    /** Keep the style and draw new text until it can write it. */
    SKIP,
    /** Write the missing characters with a shipped fallback font (a similar script's handwriting font). */
    SUBSTITUTE;

    public static Uncovered parse(String s) {
        for (Uncovered u : values()) {
            if (u.id().equals(s.strip().toLowerCase(Locale.ROOT))) {
                return u;
            }
        }
        throw new FontganException("--uncovered", "expected restyle, skip or substitute, got '" + s + "'");
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
