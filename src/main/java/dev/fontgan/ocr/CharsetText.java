package dev.fontgan.ocr;

import dev.fontgan.AtomicFile;
import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.font.Charsets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random strings of {@code minLen..maxLen} characters from a charset, each character drawn by
 * weight: uniform, Zipf by the charset's order (the shipped Chinese lists are ranked by
 * frequency), or weights from a file of {@code CHAR WEIGHT} lines.
 */
public final class CharsetText implements TextSource {
    private final String spec;
    private final String weighting;
    private final int[] codePoints;
    private final double[] cumulative;
    private final int minLen;
    private final int maxLen;

    private CharsetText(String spec, String weighting, int[] codePoints, double[] weights, int minLen, int maxLen) {
        this.spec = spec;
        this.weighting = weighting;
        this.codePoints = codePoints;
        this.cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
        this.minLen = minLen;
        this.maxLen = maxLen;
    }

    /**
     * @param spec      a {@code --chars} spec (charset name, file or literal)
     * @param weighting {@code uniform}, {@code zipf}, or a file of {@code CHAR WEIGHT} lines
     */
    public static CharsetText of(String spec, String weighting, int minLen, int maxLen) {
        if (minLen < 1 || maxLen < minLen) {
            throw new FontganException("--min-len", "expected 1 <= min-len <= max-len, got " + minLen + ".." + maxLen);
        }
        int[] cps = Arrays.stream(Charsets.resolve(spec))
                .filter(cp -> !LineText.normalize(new String(Character.toChars(cp))).isEmpty()).toArray();
        if (cps.length == 0) {
            throw new FontganException("--chars", "no drawable characters in '" + spec + "'");
        }
        double[] w = new double[cps.length];
        switch (weighting) {
            case "uniform" -> Arrays.fill(w, 1);
            case "zipf" -> {
                for (int i = 0; i < w.length; i++) {
                    w[i] = 1.0 / (i + 1);
                }
            }
            default -> w = weightsFromFile(Path.of(weighting), cps);
        }
        return new CharsetText(spec, weighting, cps, w, minLen, maxLen);
    }

    private static double[] weightsFromFile(Path file, int[] cps) {
        if (!Files.isRegularFile(file)) {
            throw new FontganException("--char-weights", "expected uniform, zipf or a file of 'CHAR WEIGHT' lines; no such file: " + file);
        }
        Map<Integer, Double> byChar = new HashMap<>();
        try {
            int lineNo = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                lineNo++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] parts = t.split("\\s+");
                if (parts.length != 2 || parts[0].codePointCount(0, parts[0].length()) != 1) {
                    throw new FontganException(file + ":" + lineNo, "expected 'CHAR WEIGHT'");
                }
                try {
                    double v = Double.parseDouble(parts[1]);
                    if (!(v >= 0) || Double.isInfinite(v)) {
                        throw new NumberFormatException();
                    }
                    byChar.put(parts[0].codePointAt(0), v);
                } catch (NumberFormatException e) {
                    throw new FontganException(file + ":" + lineNo, "weight must be a number >= 0, got '" + parts[1] + "'");
                }
            }
        } catch (IOException e) {
            throw new FontganException(file, "cannot read: " + AtomicFile.describe(e), e);
        }
        double[] w = new double[cps.length];
        double sum = 0;
        for (int i = 0; i < cps.length; i++) {
            w[i] = byChar.getOrDefault(cps[i], 0.0);
            sum += w[i];
        }
        if (sum <= 0) {
            throw new FontganException(file, "no character of the charset has a weight above 0");
        }
        return w;
    }

    @Override
    public String draw(SplittableRandom random) {
        int length = minLen + random.nextInt(maxLen - minLen + 1);
        double total = cumulative[cumulative.length - 1];
        StringBuilder sb = new StringBuilder(length * 2);
        for (int k = 0; k < length; k++) {
            int i = Arrays.binarySearch(cumulative, random.nextDouble() * total);
            i = i >= 0 ? i + 1 : -i - 1;
            sb.appendCodePoint(codePoints[Math.min(i, codePoints.length - 1)]);
        }
        return sb.toString();
    }

    @Override
    public Map<String, Object> describe() {
        return Json.obj("kind", "charset", "chars", spec, "weights", weighting, "size", codePoints.length,
                "min_len", minLen, "max_len", maxLen);
    }
}
