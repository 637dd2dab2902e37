package dev.fontgan.ocr;

import dev.fontgan.AtomicFile;
import dev.fontgan.FontganException;
import dev.fontgan.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Lines from a corpus file (one sentence per line). Lengths count words in text that separates
 * words with spaces and characters in CJK text (decided by the corpus: CJK when most of its
 * characters are). In {@link Mode#WINDOWS} a line is a run of {@code minLen..maxLen} units
 * starting anywhere in the corpus (it may cross sentence ends); in {@link Mode#SENTENCES} it is a
 * whole sentence of that length, or a window of one when the sentence is longer.
 */
public final class CorpusText implements TextSource {
    /** How lines are cut from the corpus. */
    public enum Mode { SENTENCES, WINDOWS }

    private static final int SENTENCE_TRIES = 32;

    private final Path file;
    private final Mode mode;
    private final int minLen;
    private final int maxLen;
    private final boolean characters;
    /** Units of the whole corpus in order (words or characters). */
    private final String[] units;
    /** Index of the first unit of each sentence, plus the end. */
    private final int[] sentenceStart;

    private CorpusText(Path file, Mode mode, int minLen, int maxLen, boolean characters, String[] units,
                       int[] sentenceStart) {
        this.file = file;
        this.mode = mode;
        this.minLen = minLen;
        this.maxLen = maxLen;
        this.characters = characters;
        this.units = units;
        this.sentenceStart = sentenceStart;
    }

    /** Reads a UTF-8 corpus; {@code minLen..maxLen} in words or characters (see the class comment). */
    public static CorpusText load(Path file, Mode mode, int minLen, int maxLen) {
        if (minLen < 1 || maxLen < minLen) {
            throw new FontganException("--min-len", "expected 1 <= min-len <= max-len, got " + minLen + ".." + maxLen);
        }
        List<String> lines = readLines(file);
        long cjk = 0;
        long other = 0;
        for (String line : lines) {
            for (int i = 0; i < line.length(); ) {
                int cp = line.codePointAt(i);
                i += Character.charCount(cp);
                if (LineText.isCjk(cp)) {
                    cjk++;
                } else if (Character.isLetterOrDigit(cp)) {
                    other++;
                }
            }
        }
        boolean characters = cjk > other;
        List<String> units = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        for (String line : lines) {
            starts.add(units.size());
            if (characters) {
                line.codePoints().filter(cp -> cp != ' ').forEach(cp -> units.add(new String(Character.toChars(cp))));
            } else {
                units.addAll(List.of(line.split(" ")));
            }
        }
        starts.add(units.size());
        if (units.isEmpty()) {
            throw new FontganException(file, "the corpus has no text");
        }
        return new CorpusText(file, mode, minLen, maxLen, characters, units.toArray(String[]::new),
                starts.stream().mapToInt(Integer::intValue).toArray());
    }

    private static List<String> readLines(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new FontganException(file, Files.isDirectory(file) ? "is a directory, expected a text file" : "no such file");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new FontganException(file, "invalid UTF-8");
        } catch (IOException e) {
            throw new FontganException(file, "cannot read: " + AtomicFile.describe(e), e);
        }
        List<String> lines = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = LineText.normalize(raw);
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        return lines;
    }

    @Override
    public String draw(SplittableRandom random) {
        int length = minLen + random.nextInt(maxLen - minLen + 1);
        if (mode == Mode.WINDOWS) {
            return join(random.nextInt(units.length), length, false);
        }
        int sentences = sentenceStart.length - 1;
        for (int t = 0; t < SENTENCE_TRIES; t++) {
            int s = random.nextInt(sentences);
            int n = sentenceStart[s + 1] - sentenceStart[s];
            if (n < minLen) {
                continue;
            }
            if (n <= maxLen) {
                return join(sentenceStart[s], n, true);
            }
            return join(sentenceStart[s] + random.nextInt(n - length + 1), length, true);
        }
        return join(random.nextInt(units.length), length, false);
    }

    /** {@code count} units from {@code start}, wrapping around the corpus end. */
    private String join(int start, int count, boolean inSentence) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < count; k++) {
            if (!characters && k > 0) {
                sb.append(' ');
            }
            sb.append(units[(start + k) % units.length]);
        }
        return LineText.normalize(sb.toString());
    }

    @Override
    public Map<String, Object> describe() {
        return Json.obj("kind", "corpus", "file", file.toString(), "mode", mode.name().toLowerCase(java.util.Locale.ROOT),
                "unit", characters ? "characters" : "words", "min_len", minLen, "max_len", maxLen,
                "units", units.length, "sentences", sentenceStart.length - 1);
    }
}
