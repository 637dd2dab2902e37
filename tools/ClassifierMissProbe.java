import dev.fontgan.TorchRuntime;
import dev.fontgan.data.GlyphDataset;
import dev.fontgan.data.Split;
import dev.fontgan.eval.GlyphClassifier;
import dev.fontgan.eval.InkImages;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which real target glyphs of the test split a glyph classifier misreads, per style: `x->y` a wrong
 * character, `x/font` a wrong font (for styles with fewer than 50 test glyphs every glyph is listed);
 * then the mean over styles, as `fontgan eval` reports `baselines.real_targets`. Last, how alike
 * look-alike characters are in each style (mean absolute pixel difference, 0-255): pairs that are
 * one picture cannot both be read right.
 *
 * <pre>java -cp "target/fontgan.jar:target/lib/*" tools/ClassifierMissProbe.java DATA [CLASSIFIER.zip]</pre>
 */
public class ClassifierMissProbe {
    private static final String[][] LOOK_ALIKES = {{",", "'"}, {"_", "-"}, {"M", "N"}, {"%", "7"}};

    public static void main(String[] a) {
        TorchRuntime.configure();
        GlyphDataset data = GlyphDataset.open(Path.of(a[0]));
        List<String> names = data.styleNames();
        int px = data.sizePx();
        int area = px * px;
        try (GlyphClassifier c = a.length > 1 ? GlyphClassifier.load(Path.of(a[1])) : GlyphClassifier.loadDefault()) {
            int[] split = data.codePoints(Split.TEST);
            double contentSum = 0;
            double styleSum = 0;
            for (int t = 0; t < names.size(); t++) {
                int style = t;
                int[] cps = Arrays.stream(split).filter(cp -> data.target(style, cp) != null
                        && data.source(cp) != null).toArray();
                byte[] all = new byte[cps.length * area];
                for (int i = 0; i < cps.length; i++) {
                    System.arraycopy(data.target(t, cps[i]), 0, all, i * area, area);
                }
                GlyphClassifier.Predictions p = c.predict(InkImages.ofBytes(all, cps.length, px));
                StringBuilder line = new StringBuilder(names.get(t) + " (" + cps.length + "):");
                int contentOk = 0;
                int styleOk = 0;
                for (int i = 0; i < cps.length; i++) {
                    String font = c.styleNames().get(p.styleClass()[i]);
                    boolean rightChar = p.codePoint()[i] == cps[i];
                    boolean rightFont = font.equals(names.get(t));
                    contentOk += rightChar ? 1 : 0;
                    styleOk += rightFont ? 1 : 0;
                    if (!rightChar || !rightFont || cps.length < 50) {
                        line.append(' ').append(Character.toString(cps[i]))
                                .append(rightChar ? "" : "->" + Character.toString(p.codePoint()[i]))
                                .append(rightFont ? "" : "/" + font);
                    }
                }
                contentSum += (double) contentOk / cps.length;
                styleSum += (double) styleOk / cps.length;
                System.out.println(line);
            }
            System.out.printf(Locale.ROOT, "mean over %d styles: content %.4f, style %.4f%n", names.size(),
                    contentSum / names.size(), styleSum / names.size());
        }
        for (int t = 0; t < names.size(); t++) {
            StringBuilder line = new StringBuilder(names.get(t) + " look-alikes:");
            for (String[] pair : LOOK_ALIKES) {
                byte[] x = data.target(t, pair[0].codePointAt(0));
                byte[] y = data.target(t, pair[1].codePointAt(0));
                if (x == null || y == null) {
                    continue;
                }
                double d = 0;
                for (int i = 0; i < area; i++) {
                    d += Math.abs((x[i] & 0xff) - (y[i] & 0xff));
                }
                line.append(String.format(Locale.ROOT, " %s%s %.1f", pair[0], pair[1], d / area));
            }
            System.out.println(line);
        }
    }
}
