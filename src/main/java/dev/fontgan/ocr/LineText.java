package dev.fontgan.ocr;

/** What a label may hold: one line, single spaces, no control or format characters. */
public final class LineText {
    private LineText() {}

    /**
     * Any run of whitespace (tabs, newlines, ideographic or no-break spaces) becomes one space,
     * control and format characters are dropped, and the ends are trimmed. Labels and the drawn
     * text are this string, so a label never holds what the renderer would not draw.
     */
    public static String normalize(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                space = sb.length() > 0;
                continue;
            }
            int type = Character.getType(cp);
            if (Character.isISOControl(cp) || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.UNASSIGNED || type == Character.PRIVATE_USE) {
                continue;
            }
            if (space) {
                sb.append(' ');
                space = false;
            }
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    /** Whether a character is set on a fixed pitch with no spaces between words (Han, kana, hangul). */
    static boolean isCjk(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
                || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL;
    }
}
