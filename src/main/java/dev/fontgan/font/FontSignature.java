package dev.fontgan.font;

import dev.fontgan.FontganException;
import java.nio.file.Path;

/** Recognizes a font file's kind from its first bytes and refuses the kinds we cannot draw. */
final class FontSignature {
    private FontSignature() {}

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
