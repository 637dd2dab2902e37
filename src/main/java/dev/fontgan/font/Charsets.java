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
 */
public final class Charsets {
    private Charsets() {}

    /** Distinct code points of the spec, in order of first appearance. */
    public static int[] resolve(String spec) {
        if (spec == null || spec.isEmpty()) {
            throw new FontganException("--chars", "empty character set");
        }
        Path named = namedFile(spec);
        int[] cps;
        if (named != null) {
            cps = read(named);
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
        String home = System.getProperty("fontgan.home");
        return (home == null ? Path.of("") : Path.of(home)).resolve("corpus").resolve("charsets");
    }

    /** The file of a named charset, or null when {@code name} is not one. */
    public static Path namedFile(String name) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            return null;
        }
        Path p = directory().resolve(name.endsWith(".txt") ? name : name + ".txt");
        return Files.isRegularFile(p) ? p : null;
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
