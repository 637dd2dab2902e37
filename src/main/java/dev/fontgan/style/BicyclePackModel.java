package dev.fontgan.style;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.fontgan.FontganException;
import dev.fontgan.bicycle.BicycleArch;
import dev.fontgan.bicycle.BicycleModel;
import dev.fontgan.bicycle.LatentRefinement;
import dev.fontgan.Progress;
import java.util.List;

/**
 * A BicycleGAN pack's networks: the generator (source glyph + latent z) and the latent encoder.
 * The style table holds the z of each named style, so {@code --style NAME} and blends weigh
 * latent codes the way zi2zi weighs its embedding rows.
 */
final class BicyclePackModel implements PackModel {
    private final BicycleModel model;
    private final NDArray table;

    /** The pack's networks; every named style must carry a z of the architecture's latent size. */
    BicyclePackModel(PackManifest manifest, byte[] generatorParams, byte[] encoderParams, String where) {
        this(BicycleArch.fromJson(manifest.generator(), where), manifest.sizePx(), generatorParams, encoderParams,
                latents(manifest, where), where);
    }

    /**
     * The networks with a given table of named styles' latent codes ({@code styles x nz}, may have
     * no rows while the codes are being computed at export).
     */
    BicyclePackModel(BicycleArch arch, int sizePx, byte[] generatorParams, byte[] encoderParams, float[][] styleZ,
            String where) {
        if (Integer.bitCount(sizePx) != 1 || sizePx < arch.minSizePx()) {
            throw new FontganException(where, "size_px " + sizePx + " does not fit this BicycleGAN generator (needs a "
                    + "power of two >= " + arch.minSizePx() + ")");
        }
        this.model = BicycleModel.create(arch, sizePx, 0);
        try {
            checkSize(generatorParams, model.generatorParameterCount(), StylePack.GENERATOR_ENTRY, where);
            checkSize(encoderParams, model.encoderParameterCount(), StylePack.ENCODER_ENTRY, where);
            model.loadGenerator(generatorParams, where + ": " + StylePack.GENERATOR_ENTRY);
            model.loadEncoder(encoderParams, where + ": " + StylePack.ENCODER_ENTRY);
            int nz = arch.latentSize();
            float[] rows = new float[Math.max(1, styleZ.length) * nz];
            for (int i = 0; i < styleZ.length; i++) {
                System.arraycopy(styleZ[i], 0, rows, i * nz, nz);
            }
            this.table = model.manager().create(rows, new Shape(Math.max(1, styleZ.length), nz));
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static float[][] latents(PackManifest manifest, String where) {
        int nz = BicycleArch.fromJson(manifest.generator(), where).latentSize();
        List<PackStyle> styles = manifest.styles();
        float[][] out = new float[styles.size()][];
        for (PackStyle s : styles) {
            if (s.z() == null || s.z().length != nz) {
                throw new FontganException(where, "style " + s.name() + " of a bicycle pack needs a latent code z of "
                        + nz + " values" + (s.z() == null ? "" : " (it has " + s.z().length + ")"));
            }
            out[s.id()] = s.z();
        }
        return out;
    }

    /** A weights entry far larger than the network it is for is refused before the reader trusts its lengths. */
    private static void checkSize(byte[] params, long parameters, String entry, String where) {
        long expected = 4 * parameters + (1 << 20);
        if (params.length > 2 * expected + (4L << 20)) {
            throw new FontganException(where, entry + " is " + params.length + " bytes, far more than this network's "
                    + expected);
        }
    }

    @Override
    public NDArray styleTable() {
        return table;
    }

    @Override
    public NDArray forward(NDArray source, NDArray styleVectors) {
        return model.generate(source, styleVectors);
    }

    @Override
    public long generatorParameterCount() {
        return model.generatorParameterCount();
    }

    @Override
    public int latentSize() {
        return model.latentSize();
    }

    @Override
    public NDArray encodeMean(NDArray glyphs) {
        return model.encodeMean(glyphs);
    }

    @Override
    public LatentRefinement.Result refineLatent(NDArray source, NDArray target, float[][] starts,
            LatentRefinement.Settings settings, java.util.function.UnaryOperator<NDArray> features, Progress progress) {
        return LatentRefinement.refine(model, source, target, starts, settings, features, progress);
    }

    @Override
    public float[] latentForSeed(long seed) {
        return BicycleModel.latentForSeed(seed, model.latentSize());
    }

    @Override
    public void close() {
        model.close();
    }
}
