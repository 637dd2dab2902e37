package dev.fontgan.font;

import dev.fontgan.FontganException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Turns a {@code --chars} spec into code points: the name of a file in {@code corpus/charsets}
 * (e.g. {@code common-3500}), a path to a UTF-8 file, or a literal string. Files hold one
 * character per line or plain text; whitespace is ignored, duplicates keep their first place.
 * {@code gb2312-1} works even without its file: it follows from Java's GB2312 codec.
 */
public final class Charsets {
    /** Name of the GB2312 level-1 charset (3,755 characters), built in when its file is absent. */
    public static final String GB2312_LEVEL1 = "gb2312-1";

    private Charsets() {}

    /**
     * Distinct code points of the spec, in order of first appearance. A spec of named charsets
     * joined by {@code +} (e.g. {@code common-3500+ascii}) is their union, in that order.
     */
    public static int[] resolve(String spec) {
        if (spec == null || spec.isEmpty()) {
            throw new FontganException("--chars", "empty character set");
        }
        if (spec.indexOf('+') > 0 && spec.indexOf('+') < spec.length() - 1) {
            String[] parts = spec.split("\\+");
            boolean allNamed = java.util.Arrays.stream(parts)
                    .allMatch(p -> namedFile(p) != null || p.equals(GB2312_LEVEL1));
            if (allNamed) {
                StringBuilder all = new StringBuilder();
                for (String part : parts) {
                    for (int cp : resolve(part)) {
                        all.appendCodePoint(cp);
                    }
                }
                return distinct(all.toString());
            }
        }
        Path named = namedFile(spec);
        int[] cps;
        if (named != null) {
            cps = read(named);
        } else if (spec.equals(GB2312_LEVEL1)) {
            cps = gb2312Level1();
        } else if (looksLikePath(spec)) {
            cps = read(Path.of(spec));
        } else {
            cps = distinct(spec);
        }
        if (cps.length == 0) {
            throw new FontganException(named != null ? named.toString() : spec, "character set has no characters");
        }
        return cps;
    }

    /** The folder of named charsets: {@code $fontgan.home/corpus/charsets}, else {@code ./corpus/charsets}. */
    public static Path directory() {
        return ShippedFiles.resolve("corpus/charsets");
    }

    /** The file of a named charset, or null when {@code name} is not one. */
    public static Path namedFile(String name) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            return null;
        }
        Path p = directory().resolve(name.endsWith(".txt") ? name : name + ".txt");
        return Files.isRegularFile(p) ? p : null;
    }

    /** The 3,755 GB2312 level-1 hanzi (rows 0xB0-0xD7) in code order, from Java's GB2312 codec. */
    public static int[] gb2312Level1() {
        java.nio.charset.Charset gb = java.nio.charset.Charset.forName("GB2312");
        Set<Integer> out = new LinkedHashSet<>();
        for (int row = 0xB0; row <= 0xD7; row++) {
            for (int col = 0xA1; col <= 0xFE; col++) {
                String s = new String(new byte[] {(byte) row, (byte) col}, gb);
                if (s.length() == 1 && s.charAt(0) != '\uFFFD' && Character.isIdeographic(s.charAt(0))) {
                    out.add((int) s.charAt(0));
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean looksLikePath(String spec) {
        return spec.contains("/") || spec.endsWith(".txt") || Files.exists(Path.of(spec));
    }

    /** Reads a charset file (strict UTF-8). */
    public static int[] read(Path file) {
        if (Files.isDirectory(file)) {
            throw new FontganException(file, "is a directory, expected a charset file");
        }
        if (!Files.exists(file)) {
            throw new FontganException(file, "no such file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new FontganException(file, "cannot read: " + dev.fontgan.AtomicFile.describe(e), e);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        String text;
        try {
            text = decoder.decode(in).toString();
        } catch (MalformedInputException e) {
            throw new FontganException(file, "invalid UTF-8 at byte " + in.position());
        } catch (CharacterCodingException e) {
            throw new FontganException(file, "invalid UTF-8");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return distinct(text);
    }

    private static int[] distinct(String text) {
        Set<Integer> seen = new LinkedHashSet<>();
        text.codePoints().filter(cp -> !Character.isWhitespace(cp) && !Character.isISOControl(cp)
                && cp != 0xFEFF).forEach(seen::add);
        return seen.stream().mapToInt(Integer::intValue).toArray();
    }
}
