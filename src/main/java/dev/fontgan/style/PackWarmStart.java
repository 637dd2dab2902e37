package dev.fontgan.style;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.fontgan.FontganException;
import dev.fontgan.bicycle.BicycleArch;
import dev.fontgan.bicycle.BicycleTrainer;
import dev.fontgan.nn.Weights;
import dev.fontgan.zi2zi.Zi2ziArch;
import dev.fontgan.zi2zi.Zi2ziGenerator;
import dev.fontgan.zi2zi.Zi2ziGeneratorSpec;
import dev.fontgan.zi2zi.Zi2ziModel;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs that start from a trained pack. zi2zi: a new model whose generator starts from a trained
 * pack's (same styles and depth; wider levels start as exactly its function, a narrower decoder
 * keeps its strongest channels: see {@link dev.fontgan.nn.UNetWarmStart}); the discriminator
 * starts fresh, packs carry none. For retraining the default pack in a new architecture without paying
 * for what the old one already learned. Bicycle: the pack's generator and encoder as they are
 * (same architecture), for continuing a shipped pack's training with other settings.
 */
public final class PackWarmStart {
    private PackWarmStart() {}

    /**
     * @param styles the training data's style names; they must be the pack's, in its order
     */
    public static Zi2ziModel model(Path pack, Zi2ziArch arch, List<String> styles, int sizePx, long seed) {
        try (StylePack p = StylePack.load(pack)) {
            String where = p.where();
            if (!StylePack.ZI2ZI.equals(p.kind())) {
                throw new FontganException(where, "is a " + p.kind() + " pack; only a zi2zi pack can start a zi2zi run");
            }
            List<String> names = p.styles().stream().map(PackStyle::name).toList();
            if (!names.equals(styles)) {
                throw new FontganException(where, "styles " + names + " differ from the data's " + styles);
            }
            if (p.sizePx() != sizePx) {
                throw new FontganException(where, "is " + p.sizePx() + " px, the data " + sizePx + " px");
            }
            byte[] params = StylePack.unzip(readAll(pack), where).get(StylePack.GENERATOR_ENTRY);
            Zi2ziGeneratorSpec spec = Zi2ziGeneratorSpec.fromJson(p.manifest().generator(), where);
            Zi2ziModel model = Zi2ziModel.create(arch, styles.size(), sizePx, seed);
            try (NDManager m = NDManager.newBaseManager()) {
                Zi2ziGenerator trained = new Zi2ziGenerator(spec, styles.size());
                trained.initialize(m, DataType.FLOAT32, new Shape(1, 1, sizePx, sizePx), new Shape(1));
                Weights.load(trained, m, params, where + ": " + StylePack.GENERATOR_ENTRY);
                model.generator().warmStartFrom(trained);
            } catch (IllegalArgumentException e) {
                model.close();
                throw new FontganException(where, "cannot start arch " + arch.id() + " from it: " + e.getMessage());
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
            return model;
        }
    }

    /**
     * The generator and latent encoder weights of a bicycle pack whose networks have {@code arch}'s
     * shapes and whose glyphs are {@code sizePx} px (the discriminators start fresh: packs carry none).
     */
    public static BicycleTrainer.InitWeights bicycle(Path pack, BicycleArch arch, int sizePx) {
        try (StylePack p = StylePack.load(pack)) {
            String where = p.where();
            if (!StylePack.BICYCLE.equals(p.kind())) {
                throw new FontganException(where, "is a " + p.kind() + " pack; only a bicycle pack can start a bicycle run");
            }
            if (p.sizePx() != sizePx) {
                throw new FontganException(where, "is " + p.sizePx() + " px, the data " + sizePx + " px");
            }
            BicycleArch packArch = BicycleArch.fromJson(p.manifest().generator(), where);
            if (!packArch.toJson().equals(arch.toJson())) {
                throw new FontganException(where, "its networks are " + packArch.toJson() + "; this run's are "
                        + arch.toJson());
            }
            java.util.Map<String, byte[]> entries = StylePack.unzip(readAll(pack), where);
            byte[] generator = entries.get(StylePack.GENERATOR_ENTRY);
            byte[] encoder = entries.get(StylePack.ENCODER_ENTRY);
            if (generator == null || encoder == null) {
                throw new FontganException(where, "a bicycle pack needs " + StylePack.GENERATOR_ENTRY + " and "
                        + StylePack.ENCODER_ENTRY);
            }
            return new BicycleTrainer.InitWeights(generator, encoder, where);
        }
    }

    private static byte[] readAll(Path pack) {
        try {
            return java.nio.file.Files.readAllBytes(pack);
        } catch (java.io.IOException e) {
            throw new FontganException(pack, "cannot read: " + dev.fontgan.AtomicFile.describe(e), e);
        }
    }
}
