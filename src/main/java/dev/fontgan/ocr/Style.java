package dev.fontgan.ocr;

import dev.fontgan.style.Hand;
import java.util.function.LongFunction;

/**
 * One writing style of a dataset: a hand and its share of the lines. A style may be a family of
 * hands, one per seed (a BicycleGAN pack's random styles): each line then draws a style seed, which
 * the manifest records, and is written by {@link #handFor} of that seed.
 *
 * @param name    unique name in the dataset (catalog name of a font, or {@code pack:style})
 * @param font    the file behind it (the font, or the pack), for the manifest
 * @param hand    the hand; for a family, the one that answers coverage and metrics for all members
 * @param weight  share of the lines, before coverage decides
 * @param members for a family, the hand of each style seed; null for one fixed hand
 */
public record Style(String name, String font, Hand hand, double weight, LongFunction<Hand> members) {
    /** A style with one fixed hand. */
    public Style(String name, String font, Hand hand, double weight) {
        this(name, font, hand, weight, null);
    }

    /** Whether the style is a family whose lines each draw a style seed. */
    public boolean isFamily() {
        return members != null;
    }

    /** The hand that writes a line: the family member of {@code styleSeed}, or the one hand. */
    public Hand handFor(Long styleSeed) {
        if (members == null) {
            return hand;
        }
        if (styleSeed == null) {
            throw new IllegalStateException("style " + name + " draws a style seed per line; the plan has none");
        }
        return members.apply(styleSeed);
    }

    /** The same style with another weight. */
    Style withWeight(double w) {
        return new Style(name, font, hand, w, members);
    }

    /** Whether the hand can write every character of the text (blanks need nothing). */
    public boolean covers(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (cp != ' ' && !hand.canWrite(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }
}
