import dev.fontgan.TorchRuntime;
import dev.fontgan.bicycle.LatentRefinement;
import dev.fontgan.data.GlyphDataset;
import dev.fontgan.data.Split;
import dev.fontgan.eval.GlyphClassifier;
import dev.fontgan.style.PackEvaluation;
import dev.fontgan.style.ReferenceEvaluation;
import dev.fontgan.style.StylePack;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * A bicycle pack writing styles it is shown k glyphs of (scratch measurement behind the choice of
 * `--refine`'s defaults): for each style of DATA, k training-split glyphs (seeded) encoded and
 * averaged, then refined; every step count of STEPS scored on the test split (SSIM, content and
 * style accuracy). Run with the built jar on the class path:
 *
 * <pre>java -cp "target/fontgan.jar:target/lib/*" tools/BicycleReferenceProbe.java PACK DATA K SEED STEPS RATE ANCHOR PRIOR STARTS [FEATURE]</pre>
 *
 * STEPS is a comma list such as -1,0,25,50 (-1: the averaged encoder code, as `render --reference`
 * without refinement; 0: the start code). STARTS is `encoded` (start from the averaged code) or
 * `named` (from the best of it and the pack's named codes). FEATURE (default 0) weighs the L1 of
 * the glyph classifier's features, the one the scores come from: read its style accuracy with care.
 */
public final class BicycleReferenceProbe {
    public static void main(String[] args) {
        if (args.length != 9 && args.length != 10) {
            System.err.println("usage: java -cp \"target/fontgan.jar:target/lib/*\" tools/BicycleReferenceProbe.java "
                    + "PACK DATA K SEED STEPS RATE ANCHOR PRIOR STARTS [FEATURE]");
            System.exit(2);
        }
        TorchRuntime.configure();
        StylePack pack = StylePack.load(Path.of(args[0]));
        GlyphDataset data = GlyphDataset.open(Path.of(args[1]));
        int k = Integer.parseInt(args[2]);
        long seed = Long.parseLong(args[3]);
        int[] steps = Arrays.stream(args[4].split(",")).mapToInt(Integer::parseInt).toArray();
        LatentRefinement.Settings settings = new LatentRefinement.Settings(0, Float.parseFloat(args[5]),
                Float.parseFloat(args[6]), Float.parseFloat(args[7]), args.length > 9 ? Float.parseFloat(args[9]) : 0f);
        long t0 = System.nanoTime();
        ReferenceEvaluation.Result r = ReferenceEvaluation.run(pack, data, Split.TEST, GlyphClassifier.loadDefault(), k,
                seed, settings, steps, args[8].equals("named"), dev.fontgan.Progress.NONE);
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("k %d seed %d rate %s anchor %s prior %s starts %s feature %s (%.0f s)%n", k, seed, args[5], args[6], args[7], args[8],
                args.length > 9 ? args[9] : "0", secs);
        StringBuilder head = new StringBuilder(String.format("%-10s %-13s", "style", "refL1 0->N"));
        for (int s : steps) {
            head.append(String.format(" | %4d: ssim  sty  con", s));
        }
        System.out.println(head);
        for (int i = 0; i < r.styles().size(); i++) {
            StringBuilder line = new StringBuilder(String.format("%-10s %.3f->%.3f", r.styles().get(i), r.startL1()[i],
                    r.endL1()[i]));
            for (int j = 0; j < steps.length; j++) {
                PackEvaluation.Row row = r.rows().get(j).get(i);
                line.append(String.format(" |      %.3f %4.0f %4.0f", row.pixels().ssim(), 100 * row.style().value(),
                        100 * row.content().value()));
            }
            System.out.println(line);
        }
        StringBuilder mean = new StringBuilder(String.format("%-10s %-13s", "MEAN", ""));
        for (int j = 0; j < steps.length; j++) {
            Map<String, Object> m = r.mean(j);
            mean.append(String.format(" |      %.3f %4.1f %4.1f", (Double) m.get("ssim"), 100 * (Double) m.get("style_acc"),
                    100 * (Double) m.get("content_acc")));
        }
        System.out.println(mean);
    }
}
