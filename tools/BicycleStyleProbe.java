import dev.fontgan.TorchRuntime;
import dev.fontgan.data.GlyphDataset;
import dev.fontgan.data.Split;
import dev.fontgan.eval.GlyphClassifier;
import dev.fontgan.eval.InkImages;
import dev.fontgan.glyph.GlyphImage;
import dev.fontgan.style.PackStyle;
import dev.fontgan.style.StylePack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where a bicycle pack's reconstructions lose their style: in E's codes or in G. On the unseen
 * (TEST) characters, per style, the glyph classifier's style accuracy on
 * <ul>
 *   <li>real: the real target glyphs (the ceiling);</li>
 *   <li>recMu: G(source, mu of that glyph), what `fontgan eval` calls reconstruction;</li>
 *   <li>recMean: G(source, the mean mu of the style's unseen glyphs): per-glyph encoding noise averaged away;</li>
 *   <li>recNamed: G(source, the pack's named code, the mean mu over training glyphs);</li>
 *   <li>recX2: the style mean's offset from the mean of all codes doubled;</li>
 *   <li>ncMu: no G at all: each glyph's mu assigned to the nearest named code.</li>
 * </ul>
 * Then each z dimension's spread of mu and the share of its variance between styles. A scratch
 * measurement, not part of fontgan; run with the built jar on the class path:
 *
 * <pre>java -cp "target/fontgan.jar:target/lib/*" tools/BicycleStyleProbe.java PACK DATA</pre>
 */
public final class BicycleStyleProbe {
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: java -cp \"target/fontgan.jar:target/lib/*\" tools/BicycleStyleProbe.java PACK DATA");
            System.exit(2);
        }
        try {
            probe(args);
        } catch (dev.fontgan.FontganException e) {
            System.err.println(e.where() + ": " + e.problem());
            System.exit(1);
        }
    }

    private static void probe(String[] args) {
        TorchRuntime.configure();
        StylePack pack = StylePack.load(Path.of(args[0]));
        GlyphDataset data = GlyphDataset.open(Path.of(args[1]));
        GlyphClassifier classifier = GlyphClassifier.loadDefault();
        int px = data.sizePx();
        int nz = pack.latentSize();
        int[] cps = Arrays.stream(data.codePoints(Split.TEST))
                .filter(cp -> data.source(cp) != null && pack.canWrite(cp)).toArray();
        List<PackStyle> styles = pack.styles();
        List<List<GlyphImage>> targets = new ArrayList<>();
        List<int[]> codePoints = new ArrayList<>();
        List<float[][]> mus = new ArrayList<>();
        float[] all = new float[nz];
        int count = 0;
        for (PackStyle s : styles) {
            int t = data.styleNames().indexOf(s.name());
            int[] have = Arrays.stream(cps).filter(cp -> data.target(t, cp) != null).toArray();
            List<GlyphImage> glyphs = new ArrayList<>();
            for (int cp : have) {
                glyphs.add(new GlyphImage(cp, px, data.target(t, cp)));
            }
            float[][] mu = pack.encodeEach(glyphs);
            targets.add(glyphs);
            codePoints.add(have);
            mus.add(mu);
            for (float[] m : mu) {
                add(all, m, 1);
            }
            count += mu.length;
        }
        scale(all, 1f / count);

        System.out.printf("%-10s %5s %7s %7s %7s %8s %7s %7s%n", "style", "n", "real", "recMu", "recMean", "recNamed",
                "recX2", "ncMu");
        double[] unweighted = new double[6];
        for (int k = 0; k < styles.size(); k++) {
            PackStyle s = styles.get(k);
            float[][] mu = mus.get(k);
            String[] want = new String[mu.length];
            Arrays.fill(want, s.name());
            GlyphImage[] src = pack.sources(codePoints.get(k));
            float[] mean = new float[nz];
            for (float[] m : mu) {
                add(mean, m, 1f / mu.length);
            }
            float[] doubled = all.clone();
            add(doubled, mean, 2);
            add(doubled, all, -2);
            int nearestRight = 0;
            for (float[] m : mu) {
                nearestRight += styles.get(nearest(m, styles)).name().equals(s.name()) ? 1 : 0;
            }
            double[] v = {accuracy(classifier, targets.get(k).toArray(new GlyphImage[0]), want),
                    accuracy(classifier, pack.generateLatentEach(src, mu), want),
                    accuracy(classifier, pack.generateLatent(src, mean), want),
                    accuracy(classifier, pack.generateLatent(src, s.z()), want),
                    accuracy(classifier, pack.generateLatent(src, doubled), want),
                    nearestRight / (double) mu.length};
            System.out.printf("%-10s %5d %7.3f %7.3f %7.3f %8.3f %7.3f %7.3f%n", s.name(), mu.length, v[0], v[1], v[2],
                    v[3], v[4], v[5]);
            for (int i = 0; i < v.length; i++) {
                unweighted[i] += v[i] / styles.size();
            }
        }
        System.out.printf("%-10s %5s %7.3f %7.3f %7.3f %8.3f %7.3f %7.3f   (mean over styles, as eval)%n", "MEAN", "",
                unweighted[0], unweighted[1], unweighted[2], unweighted[3], unweighted[4], unweighted[5]);

        StringBuilder dims = new StringBuilder("per z dimension: sd of mu / share of its variance between styles:");
        for (int i = 0; i < nz; i++) {
            double within = 0;
            double between = 0;
            for (float[][] mu : mus) {
                double m = 0;
                for (float[] r : mu) {
                    m += r[i] / mu.length;
                }
                for (float[] r : mu) {
                    within += (r[i] - m) * (r[i] - m);
                }
                between += mu.length * (m - all[i]) * (m - all[i]);
            }
            dims.append(String.format(" %.2f/%.2f", Math.sqrt((within + between) / count), between / (within + between)));
        }
        System.out.println(dims);
    }

    private static int nearest(float[] m, List<PackStyle> styles) {
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int o = 0; o < styles.size(); o++) {
            float[] c = styles.get(o).z();
            double d = 0;
            for (int i = 0; i < m.length; i++) {
                d += (m[i] - c[i]) * (m[i] - c[i]);
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = o;
            }
        }
        return best;
    }

    private static void add(float[] into, float[] x, float w) {
        for (int i = 0; i < into.length; i++) {
            into[i] += w * x[i];
        }
    }

    private static void scale(float[] a, float w) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= w;
        }
    }

    private static double accuracy(GlyphClassifier classifier, GlyphImage[] glyphs, String[] want) {
        return classifier.styleAccuracy(classifier.predict(InkImages.ofGlyphs(Arrays.asList(glyphs))), want).value();
    }
}
