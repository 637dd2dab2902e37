package dev.fontgan.style;

import dev.fontgan.Json;
import dev.fontgan.Progress;
import dev.fontgan.TestFonts;
import dev.fontgan.data.GlyphDataset;
import dev.fontgan.gan.Checkpoints;
import dev.fontgan.gan.RunDirectory;
import dev.fontgan.glyph.Normalization;
import dev.fontgan.zi2zi.Zi2ziArch;
import dev.fontgan.zi2zi.Zi2ziGeneratorSpec;
import dev.fontgan.zi2zi.Zi2ziModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tiny style-pack fixtures: a 16 px dataset of a few dozen characters (source WenQuanYi Micro
 * Hei; targets WenKai, UKai and WenKai again, so one style has an exact twin), a run folder
 * holding one checkpoint of a freshly initialized {@link Zi2ziArch#TINY} zi2zi, and its export.
 */
public final class TinyPacks {
    static final int SIZE_PX = 16;
    /** Sixty common characters the shipped font subsets all have, plus a few Latin letters. */
    public static final String CHARS = "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学"
            + "对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面"
            + "abcdefghAB";
    static final long SEED = 7;

    private TinyPacks() {}

    public static Path dataset(Path dir) {
        TestFonts.useHome();
        Path src = TestFonts.path(TestFonts.WQY_MICROHEI);
        Path wenkai = TestFonts.path("fonts/lxgw-wenkai/LXGWWenKai-Regular.ttf");
        Path ukai = TestFonts.path("fonts/arphic-ukai/ukai.ttc");
        Path out = dir.resolve("data");
        GlyphDataset.build(new GlyphDataset.Recipe(src.toString(), List.of(wenkai.toString(), ukai.toString(),
                wenkai.toString()), CHARS, SIZE_PX, Normalization.INK, SEED), out, Progress.NONE);
        return out;
    }

    /** A run folder (config + one checkpoint) of a fresh tiny model over {@code data}; returns the model. */
    public static Zi2ziModel run(Path runDir, Path data, long seed) {
        GlyphDataset ds = GlyphDataset.open(data);
        Zi2ziModel model = Zi2ziModel.create(Zi2ziArch.TINY, ds.styleCount(), ds.sizePx(), seed);
        RunDirectory run = new RunDirectory(runDir, 3);
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("kind", "zi2zi");
        cfg.put("arch", Zi2ziArch.TINY.id());
        cfg.put("size_px", ds.sizePx());
        cfg.put("styles", ds.styleNames());
        cfg.put("generator", Zi2ziGeneratorSpec.of(Zi2ziArch.TINY).toJson());
        cfg.put("data", data.toString());
        run.writeConfig(cfg);
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("state.json", Json.write(Json.obj("kind", "zi2zi", "step", 5, "arch", "tiny",
                "styles", ds.styleCount(), "size_px", ds.sizePx())).getBytes(StandardCharsets.UTF_8));
        parts.put("generator.params", model.saveGenerator());
        parts.put("discriminator.params", model.saveDiscriminator());
        run.checkpoints().save(5, parts);
        return model;
    }

    /** Dataset, run and pack under {@code dir}; returns the pack file. */
    public static Path pack(Path dir) {
        Path data = dataset(dir);
        try (Zi2ziModel ignored = run(dir.resolve("run"), data, SEED)) {
            Path pack = dir.resolve("tiny.fgstyle");
            PackExport.export(dir.resolve("run"), pack, null, null);
            return pack;
        }
    }
}
