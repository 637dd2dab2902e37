package dev.fontgan.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.fontgan.Progress;
import dev.fontgan.data.ClassGlyphs;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Manual probe: how often a glyph classifier reads REAL class glyphs as their own character.
 * java -cp ... dev.fontgan.eval.ClassFloorProbe FONTS_DIR CHARS SIZE [CLASSIFIER.zip]
 */
public final class ClassFloorProbe {
    public static void main(String[] a) {
        dev.fontgan.TorchRuntime.configure();
        ClassGlyphs g = ClassGlyphs.fromFolder(Path.of(a[0]), a[1], Integer.parseInt(a[2]), 1.0, Progress.NONE);
        try (GlyphClassifier c = a.length > 3 ? GlyphClassifier.load(Path.of(a[3])) : GlyphClassifier.loadDefault();
             NDManager m = NDManager.newBaseManager()) {
            int[] all = java.util.stream.IntStream.range(0, g.size()).toArray();
            ClassGlyphs.Batch b = g.batch(all);
            NDArray images = b.imageArray(m);
            int[] expected = new int[g.size()];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = g.codePoint(b.labels()[i]);
            }
            int[] set = new int[g.classCount()];
            for (int k = 0; k < set.length; k++) {
                set[k] = g.codePoint(k);
            }
            System.out.printf("open set: %s%n", c.contentAccuracy(c.predict(images), expected).toJson());
            GlyphClassifier.Predictions p = c.predict(images, set);
            System.out.printf("closed set: %s%n", c.contentAccuracy(p, expected).toJson());
            Map<String, Integer> confusions = new TreeMap<>();
            Map<String, int[]> perFont = new TreeMap<>();
            Map<String, int[]> perChar = new TreeMap<>();
            for (int i = 0; i < expected.length; i++) {
                boolean ok = p.codePoint()[i] == expected[i];
                String font = g.fontNames().get(b.fontIds()[i]);
                perFont.computeIfAbsent(font, k -> new int[2])[ok ? 0 : 1]++;
                perChar.computeIfAbsent(new String(Character.toChars(expected[i])), k -> new int[2])[ok ? 0 : 1]++;
                if (!ok) {
                    confusions.merge(new String(Character.toChars(expected[i])) + "->"
                            + new String(Character.toChars(p.codePoint()[i])), 1, Integer::sum);
                }
            }
            System.out.println("fonts " + g.fontCount() + " glyphs " + g.size());
            perFont.forEach((k, v) -> System.out.printf("font %-20s %d/%d%n", k, v[0], v[0] + v[1]));
            StringBuilder sb = new StringBuilder("wrong per char: ");
            perChar.forEach((k, v) -> { if (v[1] > 0) sb.append(k).append('=').append(v[1]).append(' '); });
            System.out.println(sb);
            confusions.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(40)
                    .forEach(e -> System.out.print(e.getKey() + " " + e.getValue() + ", "));
            System.out.println();
        }
    }
}
