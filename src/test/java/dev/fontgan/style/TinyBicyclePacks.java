package dev.fontgan.style;

import dev.fontgan.Json;
import dev.fontgan.bicycle.BicycleArch;
import dev.fontgan.bicycle.BicycleModel;
import dev.fontgan.data.GlyphDataset;
import dev.fontgan.gan.RunDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tiny BicycleGAN pack fixtures over {@link TinyPacks}' 16 px dataset: a run folder holding one
 * checkpoint of a freshly initialized {@link BicycleArch#TINY} model, and its export.
 */
public final class TinyBicyclePacks {
    private TinyBicyclePacks() {}

    /** A run folder (config + one checkpoint) of a fresh tiny BicycleGAN over {@code data}; returns the model. */
    public static BicycleModel run(Path runDir, Path data, long seed) {
        GlyphDataset ds = GlyphDataset.open(data);
        BicycleModel model = BicycleModel.create(BicycleArch.TINY, ds.sizePx(), seed);
        RunDirectory run = new RunDirectory(runDir, 3);
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("kind", "bicycle");
        cfg.put("arch", BicycleArch.TINY.toJson()); // as BicycleTrainer writes it
        cfg.put("size_px", ds.sizePx());
        cfg.put("styles", ds.styleNames());
        cfg.put("data", data.toString());
        run.writeConfig(cfg);
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("state.json", Json.write(Json.obj("kind", "bicycle", "step", 5, "arch", BicycleArch.TINY.toJson(),
                "size_px", ds.sizePx())).getBytes(StandardCharsets.UTF_8));
        parts.put("generator.params", model.saveGenerator());
        parts.put("encoder.params", model.saveEncoder());
        parts.put("discriminators.params", model.saveDiscriminators());
        run.checkpoints().save(5, parts);
        return model;
    }

    /** Dataset, run and bicycle pack under {@code dir}; returns the pack file. */
    public static Path pack(Path dir) {
        return pack(dir, TinyPacks.dataset(dir));
    }

    /** A run and bicycle pack under {@code dir} over an existing tiny dataset; returns the pack file. */
    public static Path pack(Path dir, Path data) {
        try (BicycleModel ignored = run(dir.resolve("bicycle-run"), data, TinyPacks.SEED)) {
            Path pack = dir.resolve("tiny-bicycle.fgstyle");
            PackExport.export(dir.resolve("bicycle-run"), pack, null, null);
            return pack;
        }
    }
}
