package dev.fontgan.render;

import java.lang.Character.UnicodeBlock;
import java.lang.Character.UnicodeScript;

/** Character classes that layout cares about: full-width CJK, and where a line may break. */
final class Scripts {
    /** Closing marks that must not start a line (kinsoku), CJK and Latin. */
    private static final String NO_LINE_START =
            "，。、．：；！？）」』》〉】〕］｝〗〙〛’”…‥・ー～々〻ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
                    + ",.:;!?)]}%‰'\"";
    /** Opening marks that must not end a line. */
    private static final String NO_LINE_END = "（「『《〈【〔［｛〖〘〚‘“([{";

    private Scripts() {}

    /** Ideographs, kana, hangul, CJK punctuation and full-width forms: set on a fixed pitch. */
    static boolean isFullWidth(int cp) {
        UnicodeScript s = UnicodeScript.of(cp);
        if (s == UnicodeScript.HAN || s == UnicodeScript.HIRAGANA || s == UnicodeScript.KATAKANA
                || s == UnicodeScript.HANGUL || s == UnicodeScript.BOPOMOFO) {
            return true;
        }
        UnicodeBlock b = UnicodeBlock.of(cp);
        return b == UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || b == UnicodeBlock.CJK_COMPATIBILITY_FORMS
                || b == UnicodeBlock.VERTICAL_FORMS
                || (b == UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS && cp < 0xFF61)
                || b == UnicodeBlock.ENCLOSED_CJK_LETTERS_AND_MONTHS;
    }

    /** Whether a line may break between {@code before} and {@code after} (neither a space). */
    static boolean mayBreakBetween(int before, int after) {
        if (NO_LINE_START.indexOf(after) >= 0 || NO_LINE_END.indexOf(before) >= 0) {
            return false;
        }
        return isFullWidth(before) || isFullWidth(after) || before == '-' && Character.isLetter(after);
    }

    /** Spaces that separate words: a line may break after one and drops it there. */
    static boolean isBreakingSpace(int cp) {
        return cp == '\t' || Character.isSpaceChar(cp) && cp != 0x00A0 && cp != 0x2007 && cp != 0x202F;
    }
}
