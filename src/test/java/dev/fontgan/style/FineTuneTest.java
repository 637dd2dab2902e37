package dev.fontgan.style;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fontgan.Progress;
import dev.fontgan.TestFonts;
import dev.fontgan.cli.Main;
import dev.fontgan.data.GlyphDataset;
import dev.fontgan.glyph.GlyphRasterizer;
import dev.fontgan.glyph.Normalization;
import dev.fontgan.zi2zi.Zi2ziModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fontgan finetune on a tiny 16 px model: a new font, a run base, and its one-line errors. */
class FineTuneTest {
    /** CJK only, so a Latin font shares no character with the model's charset. */
    static final String CHARS = TinyPacks.CHARS.replaceAll("[a-zA-Z]", "");

    @TempDir static Path dir;
    static Path data;
    static Path run;
    static Path pack;

    record Cli(int code, String out, String err) {}

    static Cli cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void fixture() {
        TestFonts.useHome();
        Path src = TestFonts.path(TestFonts.WQY_MICROHEI);
        data = dir.resolve("data");
        GlyphDataset.build(new GlyphDataset.Recipe(src.toString(), List.of(
                TestFonts.path("fonts/lxgw-wenkai/LXGWWenKai-Regular.ttf").toString(),
                TestFonts.path("fonts/arphic-ukai/ukai.ttc").toString()), CHARS, 16, Normalization.INK, 7),
                data, Progress.NONE);
        run = dir.resolve("run");
        try (Zi2ziModel ignored = TinyPacks.run(run, data, 3)) {
            // a run folder with one checkpoint
        }
        pack = dir.resolve("base.fgstyle");
        PackExport.export(run, pack, null, null);
    }

    private static FineTune.Request font(Path from, String font, int k, long steps, Path out) {
        return new FineTune.Request(from, null, null, font, null, k, "song", steps, out, false, false,
                FineTune.Init.NEAREST, 8, 3e-3f, 1, 0, 0, 5, FineTune.Regime.DEFAULT);
    }

    @Test
    void newFontBecomesAStyleAndItsTrainingL1GoesDown() {
        Path out = dir.resolve("tuned-font");
        FineTune.Result r = FineTune.run(font(pack, TestFonts.path(TestFonts.NOTO_SERIF_CJK).toString(), 100, 30, out),
                Progress.NONE, null);
        assertEquals(30, r.endStep());
        Map<?, ?> before = (Map<?, ?>) ((Map<?, ?>) r.report().get("before")).get("train");
        Map<?, ?> after = (Map<?, ?>) ((Map<?, ?>) r.report().get("after")).get("train");
        double l1Before = ((Number) before.get("l1")).doubleValue();
        double l1After = ((Number) after.get("l1")).doubleValue();
        assertTrue(l1After < 0.8 * l1Before, "L1 on the new font's training glyphs " + l1Before + " -> " + l1After);
        assertTrue(((Number) r.report().get("train_chars")).intValue() > 20);

        // exported, the pack has the new style last; the old styles' embedding rows are unchanged
        Path tuned = dir.resolve("tuned.fgstyle");
        PackExport.Result ex = PackExport.export(out, tuned, null, null);
        assertEquals(3, ex.styles());
        try (StylePack base = StylePack.load(pack); StylePack p = StylePack.load(tuned)) {
            assertEquals(List.of("wenkai", "ukai", "song"), p.styles().stream().map(PackStyle::name).toList());
            float[] old = base.styleTable();
            float[] now = p.styleTable();
            assertArrayEquals(old, Arrays.copyOf(now, old.length));
            assertEquals(old.length / 2 * 3, now.length);
            // it writes characters it never saw in the new style
            int[] unseen = "永东西".codePoints().toArray();
            assertTrue(Arrays.stream(p.generate(unseen, StyleMix.of("song"))).allMatch(g -> g != null));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void validationKeepsTheBestStepAndStopsEarly() {
        Path out = dir.resolve("tuned-val");
        String noto = TestFonts.path(TestFonts.NOTO_SERIF_CJK).toString();
        // a rate far too high: validation SSIM soon stops improving, patience 2 ends the run early
        FineTune.Request req = new FineTune.Request(pack, null, null, noto, null, 30, "song", 60, out, false, false,
                FineTune.Init.NEAREST, 8, 0.05f, 1, 0, 0, 5, new FineTune.Regime(0, 0.5f, 8, 2, 2, null, 0, 0));
        FineTune.Result r = FineTune.run(req, Progress.NONE, null);
        Map<String, Object> v = (Map<String, Object>) r.report().get("validation");
        assertEquals(8, ((Number) v.get("chars")).intValue());
        int given = ((Number) r.report().get("train_chars")).intValue();
        assertEquals(((String) r.report().get("chars")).codePointCount(0, ((String) r.report().get("chars")).length()),
                given);
        assertTrue(given >= 10 && given <= 22, "K - V training glyphs: " + given);
        List<Map<String, Object>> curve = (List<Map<String, Object>>) v.get("curve");
        long best = ((Number) v.get("best_step")).longValue();
        double bestSsim = curve.stream().mapToDouble(p -> ((Number) p.get("val_ssim")).doubleValue()).max().orElseThrow();
        assertEquals(bestSsim, ((Number) v.get("best_val_ssim")).doubleValue(), 1e-12);
        assertTrue(r.endStep() < 60 && Boolean.TRUE.equals(v.get("stopped_early")), "stopped at " + r.endStep());
        assertFalse(r.stopped(), "an early stop is a finished run, not an interrupted one");
        assertEquals(r.endStep() - 2 * 2 - best, 0, "stops after 2 validations without a gain: " + curve);
        // the run ends with the best validated weights: scoring them again gives the best validation SSIM
        Map<?, ?> afterVal = (Map<?, ?>) ((Map<?, ?>) r.report().get("after")).get("validation");
        assertEquals(bestSsim, ((Number) afterVal.get("ssim")).doubleValue(), 1e-6);
        try (StylePack p = StylePack.read(FineTune.exportBytes(out).pack(), "tuned-val")) {
            assertEquals(3, p.styles().size());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void replayTrainsTheModelsOwnStylesAlongTheNewOne() {
        // replayed pairs: training-split glyphs of the dataset's styles, labelled with the model's ids
        PackManifest m;
        try (StylePack p = StylePack.load(pack)) {
            m = p.manifest();
        }
        List<String> names = List.of("wenkai", "ukai", "song");
        List<dev.fontgan.zi2zi.TuningPairs.Sample> replayed = FineTune.replaySamples(data, m, names, 12, 1);
        assertEquals(12, replayed.size());
        GlyphDataset ds = GlyphDataset.open(data);
        for (var s : replayed) {
            assertTrue(s.styleId() == 0 || s.styleId() == 1, "a base style: " + s.styleId());
            assertEquals(dev.fontgan.data.Split.TRAIN, dev.fontgan.data.Split.of(s.codePoint(), 7));
            assertArrayEquals(ds.target(ds.styleNames().indexOf(names.get(s.styleId())), s.codePoint()), s.target());
        }
        assertEquals(replayed.stream().map(s -> s.codePoint() + ":" + s.styleId()).toList(),
                FineTune.replaySamples(data, m, names, 12, 1).stream().map(s -> s.codePoint() + ":" + s.styleId())
                        .toList(), "seeded");

        Path out = dir.resolve("tuned-replay");
        FineTune.Request req = new FineTune.Request(pack, null, null, TestFonts.path(TestFonts.NOTO_SERIF_CJK).toString(),
                null, 100, "song", 3, out, false, false, FineTune.Init.NEAREST, 8, 3e-3f, 1, 0, 0, 5,
                new FineTune.Regime(-1, 0.1f, 0, 50, 0, data, 40, 1));
        FineTune.Result r = FineTune.run(req, Progress.NONE, null);
        Map<String, Object> regime = (Map<String, Object>) r.report().get("regime");
        assertEquals(data.toString(), regime.get("replay"));
        assertEquals(40, ((Number) regime.get("replay_pairs")).intValue());
        assertEquals(3, r.endStep());
    }

    @Test
    void resumedFineTuneContinuesFromItsCheckpoint() {
        Path out = dir.resolve("tuned-resume");
        String noto = TestFonts.path(TestFonts.NOTO_SERIF_CJK).toString();
        FineTune.run(font(run, noto, 25, 4, out), Progress.NONE, null);
        FineTune.Request more = new FineTune.Request(run, null, null, noto, null, 25, "song", 6, out, true, false,
                FineTune.Init.NEAREST, 8, 3e-3f, 1, 0, 0, 5, FineTune.Regime.DEFAULT);
        FineTune.Result r = FineTune.run(more, Progress.NONE, null);
        assertEquals(4, r.startStep());
        assertEquals(6, r.endStep());
    }

    @Test
    void samplesFolderTrainsANewStyle() throws IOException {
        Path samples = dir.resolve("hand");
        Files.createDirectories(samples);
        GlyphRasterizer big = new GlyphRasterizer(48, Normalization.EM);
        var kai = dev.fontgan.font.FontFile.open(TestFonts.path("fonts/klee/KleeOne-Regular.ttf").toString());
        int written = 0;
        for (int cp : CHARS.codePoints().toArray()) {
            var g = big.rasterize(kai, cp);
            if (g != null) {
                ImageIO.write(g.toImage(), "png", samples.resolve(new String(Character.toChars(cp)) + ".png").toFile());
                written++;
            }
        }
        assertTrue(written >= 10, "Klee One has " + written + " of the characters");
        FineTune.Request req = new FineTune.Request(pack, null, null, null, samples, 100, null, 3,
                dir.resolve("tuned-hand"), false, false, FineTune.Init.MEAN, 8, 3e-3f, 1, 0, 0, 5,
                FineTune.Regime.DEFAULT);
        FineTune.Result r = FineTune.run(req, Progress.NONE, null);
        assertEquals(List.of("hand"), r.tunedStyles());
        assertEquals("mean", r.report().get("init_from"));
    }

    @Test
    void unknownStyleNameIsOneLineError() {
        Cli c = cli("finetune", "--from", pack.toString(), "--styles", "wenkai,nope", "--data", data.toString(),
                "--steps", "2", "--out", dir.resolve("bad-style").toString(), "--quiet");
        assertEquals(1, c.code());
        assertEquals("error: --styles: unknown style 'nope' (the model has: wenkai, ukai)", c.err().strip());
        assertFalse(Files.exists(dir.resolve("bad-style").resolve("config.json")));
    }

    @Test
    void fontSharingNoCharacterIsOneLineError() {
        String latin = TestFonts.path(TestFonts.DEJAVU_SANS).toString();
        Cli c = cli("finetune", "--from", pack.toString(), "--font", latin, "--steps", "2", "--out",
                dir.resolve("bad-font").toString(), "--quiet");
        assertEquals(1, c.code());
        assertTrue(c.err().startsWith("error: " + latin + ": shares no characters with the model's source font"),
                c.err());
        assertEquals(1, c.err().strip().lines().count(), c.err());
        assertFalse(Files.exists(dir.resolve("bad-font")));
    }

    @Test
    void emptySamplesFolderIsOneLineError() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty-samples"));
        Cli c = cli("finetune", "--from", pack.toString(), "--samples", empty.toString(), "--steps", "2", "--out",
                dir.resolve("bad-samples").toString(), "--quiet");
        assertEquals(1, c.code());
        assertTrue(c.err().startsWith("error: " + empty + ": no character images"), c.err());
        assertEquals(1, c.err().strip().lines().count(), c.err());
    }

    @Test
    void secondStageOnNamedStylesTrainsWithFrozenEncoder() {
        Cli c = cli("finetune", "--from", run.toString(), "--styles", "ukai", "--data", data.toString(), "--steps", "2",
                "--batch", "4", "--out", dir.resolve("stage2").toString(), "--quiet", "--json");
        assertEquals(0, c.code(), c.err());
        Map<String, Object> j = dev.fontgan.Json.parseObject(c.out(), "stdout");
        assertEquals(List.of("ukai"), j.get("styles"));
        assertEquals(Boolean.TRUE, j.get("frozen_encoder"));
        assertTrue(Files.isRegularFile(dir.resolve("stage2").resolve(FineTune.TEMPLATE)));
    }
}
