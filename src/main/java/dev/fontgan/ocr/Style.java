package dev.fontgan.ocr;

import dev.fontgan.style.Hand;

/**
 * One writing style of a dataset: a hand and its share of the lines.
 *
 * @param name   unique name in the dataset (catalog name of a font, or {@code pack:style})
 * @param font   the file behind it (the font, or the pack), for the manifest
 * @param weight share of the lines, before coverage decides
 */
public record Style(String name, String font, Hand hand, double weight) {
    /** Whether the hand can write every character of the text (blanks need nothing). */
    public boolean covers(String text) {
        return text.codePoints().allMatch(cp -> cp == ' ' || hand.canWrite(cp));
    }
}
