package dev.fontgan.gan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Fixed-seed sample grids: 5 x 5 for unconditional variants, one row of 10 per class for
 * conditional ones (or per categorical code value for InfoGAN, the continuous code sweeping along
 * the row, or the font across the row when fonts are given), and input | output | target rows for
 * image-to-image.
 */
public final class SampleSheet {
    /** Seed of the grid's noise, independent of the training seed so grids compare across runs. */
    public static final int GRID_SEED = 20240;

    private SampleSheet() {}

    /**
     * @param onlyClass a class (or code value) to show alone in a 5 x 5 grid; -1 for all
     */
    public static BufferedImage grid(Variant variant, Players players, GanData data, int onlyClass) {
        return grid(variant, players, data, onlyClass, GRID_SEED);
    }

    public static BufferedImage grid(Variant variant, Players players, GanData data, int onlyClass, int seed) {
        try (NDManager m = players.manager().newSubManager()) {
            Engine.getInstance().setRandomSeed(seed);
            return SampleGrid.of(rows(variant, players, data, onlyClass, m, seed));
        }
    }

    static List<NDArray> rows(Variant variant, Players players, GanData data, int onlyClass, NDManager m, int seed) {
        List<NDArray> rows = new ArrayList<>();
        VariantConfig c = players.config();
        InfoCodes codes = variant.codes();
        if (players.conditioning() == Conditioning.IMAGE) {
            Batch b = data.evaluation(24, m);
            NDArray out = players.sample(b.sources(), null);
            for (int i = 0; i < b.count(); i += 8) {
                String r = i + ":" + Math.min(b.count(), i + 8);
                rows.add(b.sources().get(r));
                rows.add(out.get(r));
                rows.add(b.images().get(r));
            }
            return rows;
        }
        int groups = codes != null ? codes.categories() : players.conditioning().generatorTakesLabels() ? c.classCount() : 0;
        if (groups == 0 || onlyClass >= 0) {
            NDArray z = m.randomNormal(new Shape(25, c.latentDim()));
            NDArray labels = null;
            if (groups > 0) {
                int[] l = new int[25];
                java.util.Arrays.fill(l, onlyClass);
                labels = m.create(l);
                if (codes != null) {
                    float[] cont = new float[25 * codes.continuous()];
                    Random r = new Random(seed);
                    for (int i = 0; i < cont.length; i++) {
                        cont[i] = r.nextFloat() * 2f - 1f;
                    }
                    z = z.concat(codes.fixed(l, cont, m), 1);
                    labels = fontsAcross(variant, c, 25, m);
                }
            }
            NDArray out = players.sample(z, labels);
            for (int i = 0; i < 25; i += 5) {
                rows.add(out.get(i + ":" + (i + 5)));
            }
            return rows;
        }
        NDArray zRow = m.randomNormal(new Shape(10, c.latentDim()));
        for (int g = 0; g < groups; g++) {
            int[] l = new int[10];
            java.util.Arrays.fill(l, g);
            if (codes != null) {
                float[] cont = new float[10 * codes.continuous()];
                for (int i = 0; i < 10; i++) {
                    if (codes.continuous() > 0 && !variant.givenStyle()) { // given fonts vary instead
                        cont[i * codes.continuous()] = -1f + 2f * i / 9f;
                    }
                }
                rows.add(players.sample(zRow.concat(codes.fixed(l, cont, m), 1), fontsAcross(variant, c, 10, m)));
            } else {
                rows.add(players.sample(zRow, m.create(l)));
            }
        }
        return rows;
    }

    /** Fonts spread over the data's fonts, one per column, for a style-given variant; else null. */
    private static NDArray fontsAcross(Variant variant, VariantConfig c, int n, NDManager m) {
        if (!variant.givenStyle()) {
            return null;
        }
        int[] fonts = new int[n];
        for (int i = 0; i < n; i++) {
            fonts[i] = (int) ((long) i * c.styleCount() / n);
        }
        return m.create(fonts);
    }
}
