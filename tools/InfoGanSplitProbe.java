import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.fontgan.Progress;
import dev.fontgan.eval.GlyphClassifier;
import dev.fontgan.gan.GanRun;
import dev.fontgan.gan.InfoCodes;
import dev.fontgan.gan.variants.Variants;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What decides the character an InfoGAN run draws for one categorical code value: the shipped
 * classifier's reading of 20 noise vectors (rows) times a 5 x 5 grid of the two continuous codes
 * (columns: c1 from -1 to 1 in groups of five, c2 within a group). A row that changes along c1 means
 * the continuous code carries the character; rows that differ from each other, that the noise does.
 * Run from the repository root (a run's config names its font folder relative to it).
 *
 * <pre>java -cp "target/fontgan.jar:target/lib/*" tools/InfoGanSplitProbe.java RUN CODE [SEED]</pre>
 */
public class InfoGanSplitProbe {
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: InfoGanSplitProbe RUN CODE [SEED]");
            System.exit(2);
        }
        Path run = Path.of(args[0]);
        int code = Integer.parseInt(args[1]);
        int seed = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        float[] grid = {-1f, -0.5f, 0f, 0.5f, 1f};
        int noises = 20;
        int cells = grid.length * grid.length;
        try (GanRun r = GanRun.open(run, Variants::named, Progress.NONE);
             GlyphClassifier classifier = GlyphClassifier.loadDefault();
             NDManager m = r.players().manager().newSubManager()) {
            InfoCodes codes = r.variant().codes();
            if (codes == null || codes.continuous() != 2) {
                throw new IllegalArgumentException(run + " is not an InfoGAN run with two continuous codes");
            }
            Engine.getInstance().setRandomSeed(seed);
            NDArray z = m.randomNormal(new Shape(noises, r.config().latentDim())).repeat(0, cells);
            int[] ids = new int[noises * cells];
            Arrays.fill(ids, code);
            float[] cont = new float[2 * ids.length];
            for (int i = 0; i < ids.length; i++) {
                cont[2 * i] = grid[i % cells / grid.length];
                cont[2 * i + 1] = grid[i % cells % grid.length];
            }
            NDArray images = r.players().sample(z.concat(codes.fixed(ids, cont, m), 1), null);
            int[] among = new int[r.data().classCount()];
            for (int k = 0; k < among.length; k++) {
                among[k] = r.data().codePoint(k);
            }
            int[] read = classifier.predict(images, among).codePoint();
            System.out.println("code " + code + ": rows are noise vectors; columns c1 = " + Arrays.toString(grid)
                    + ", within each group c2 = the same");
            for (int row = 0; row < noises; row++) {
                StringBuilder line = new StringBuilder(String.format("z%02d ", row));
                for (int cell = 0; cell < cells; cell++) {
                    line.appendCodePoint(read[row * cells + cell]);
                    if (cell % grid.length == grid.length - 1) {
                        line.append(' ');
                    }
                }
                System.out.println(line);
            }
        }
    }
}
