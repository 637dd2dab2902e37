package dev.fontgan.style;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.fontgan.FontganException;
import dev.fontgan.bicycle.BicycleArch;
import dev.fontgan.data.GlyphDataset;
import dev.fontgan.data.Split;

/**
 * The latent code of each training style of a BicycleGAN run, saved in its pack so that
 * {@code --style NAME} works as on a zi2zi pack: the mean of the encoder's μ over the style's
 * training-split glyphs (the characters the run learned from; unseen characters stay unseen).
 */
final class StyleLatents {
    /** Glyphs encoded per style, the first of the training split in its stored order; the mean settles long before. */
    static final int MAX_GLYPHS_PER_STYLE = 512;
    private static final int BATCH = 64;

    private StyleLatents() {}

    /** One z per target style of {@code data} (row = style id). */
    static float[][] ofTrainingGlyphs(BicycleArch arch, byte[] generatorParams, byte[] encoderParams, GlyphDataset data,
            String where) {
        int px = data.sizePx();
        int area = px * px;
        int nz = arch.latentSize();
        int[] train = data.codePoints(Split.TRAIN);
        float[][] out = new float[data.styleCount()][nz];
        try (BicyclePackModel model = new BicyclePackModel(arch, px, generatorParams, encoderParams, new float[0][],
                where); NDManager manager = NDManager.newBaseManager()) {
            for (int t = 0; t < data.styleCount(); t++) {
                int style = t;
                int[] cps = java.util.Arrays.stream(train).filter(cp -> data.target(style, cp) != null)
                        .limit(MAX_GLYPHS_PER_STYLE).toArray();
                if (cps.length == 0) {
                    throw new FontganException(data.dir(), "style " + data.styleNames().get(t)
                            + " has no training glyphs to take its latent code from");
                }
                double[] sum = new double[nz];
                for (int from = 0; from < cps.length; from += BATCH) {
                    int n = Math.min(BATCH, cps.length - from);
                    float[] pixels = new float[n * area];
                    for (int k = 0; k < n; k++) {
                        StylePack.toSigned(data.target(t, cps[from + k]), pixels, k * area);
                    }
                    try (NDManager sub = manager.newSubManager()) {
                        float[] mu = model.encodeMean(sub.create(pixels, new Shape(n, 1, px, px))).toFloatArray();
                        for (int i = 0; i < mu.length; i++) {
                            sum[i % nz] += mu[i];
                        }
                    }
                }
                for (int i = 0; i < nz; i++) {
                    out[t][i] = (float) (sum[i] / cps.length);
                }
            }
        }
        return out;
    }
}
