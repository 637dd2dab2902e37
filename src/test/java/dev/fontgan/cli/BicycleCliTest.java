package dev.fontgan.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fontgan.Json;
import dev.fontgan.TestFonts;
import dev.fontgan.bicycle.BicycleModel;
import dev.fontgan.style.TinyBicyclePacks;
import dev.fontgan.style.TinyPacks;
import dev.fontgan.zi2zi.Zi2ziModel;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** export, styles, styles grid, render, eval and dataset with a tiny untrained bicycle pack. */
class BicycleCliTest {
    @TempDir static Path dir;
    static Path data;
    static Path pack;
    static Path zi2zi;

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void setUp() {
        TestFonts.useHome();
        data = TinyPacks.dataset(dir);
        try (BicycleModel ignored = TinyBicyclePacks.run(dir.resolve("run"), data, 5)) {
            // run folder written
        }
        pack = dir.resolve("tiny-bicycle.fgstyle");
        Result r = run("export", dir.resolve("run").toString(), "-o", pack.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("wrote " + pack), r.out());
        try (Zi2ziModel ignored = TinyPacks.run(dir.resolve("zi2zi-run"), data, 3)) {
            // run folder written
        }
        zi2zi = dir.resolve("zi2zi.fgstyle");
        assertEquals(0, run("export", dir.resolve("zi2zi-run").toString(), "-o", zi2zi.toString()).code());
    }

    @Test
    void aRealTrainingRunExportsToAPackThatRenders() throws Exception {
        Path run = dir.resolve("trained");
        Result t = run("train", "bicycle", "--data", data.toString(), "--steps", "2", "--out", run.toString(), "--arch",
                "tiny", "--batch", "4", "--feature", "0", "--checkpoint-every", "2", "--sample-every", "2", "-q");
        assertEquals(0, t.code(), t.err());
        Path trained = dir.resolve("trained.fgstyle");
        Result e = run("export", run.toString(), "-o", trained.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("step 2, 3 styles"), e.out());
        Result r = run("render", "的一是", "--pack", trained.toString(), "--z", "random", "--seed", "2", "-o",
                dir.resolve("trained.png").toString());
        assertEquals(0, r.code(), r.err());
        Result s = run("styles", "--pack", trained.toString(), "--json");
        assertTrue(s.out().contains("\"arch\":\"tiny\"") && s.out().contains("\"kind\":\"bicycle\""), s.out());
    }

    @Test
    @SuppressWarnings("unchecked")
    void trainingStartsFromABicyclePackAndRefusesOtherPacks() {
        Path run = dir.resolve("continued");
        Result t = run("train", "bicycle", "--data", data.toString(), "--steps", "1", "--out", run.toString(), "--arch",
                "tiny", "--batch", "4", "--feature", "0", "--init", pack.toString(), "--checkpoint-every", "1", "-q");
        assertEquals(0, t.code(), t.err());
        assertEquals(pack.toString(), Json.parseObject(read(run.resolve("config.json")), "config.json").get("init"));
        Path continued = dir.resolve("continued.fgstyle");
        assertEquals(0, run("export", run.toString(), "-o", continued.toString()).code());
        Map<String, Object> training = (Map<String, Object>) Json.parseObject(manifestOf(continued), "manifest")
                .get("training");
        assertEquals(pack.toString(), training.get("init"), "the pack records where its training started");

        Result z = run("train", "bicycle", "--data", data.toString(), "--steps", "1", "--out",
                dir.resolve("from-zi2zi").toString(), "--arch", "tiny", "--feature", "0", "--init", zi2zi.toString());
        assertEquals(1, z.code());
        assertTrue(z.err().contains(zi2zi.toString()) && z.err().contains("only a bicycle pack"), z.err());
        assertFalse(Files.exists(dir.resolve("from-zi2zi").resolve("config.json")), "nothing written for a refused start");

        Result a = run("train", "bicycle", "--data", data.toString(), "--steps", "1", "--out",
                dir.resolve("other-arch").toString(), "--feature", "0", "--init", pack.toString());
        assertEquals(1, a.code());
        assertTrue(a.err().contains(pack.toString()) && a.err().contains("networks"), a.err());
    }

    private static String manifestOf(Path pack) {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(pack.toFile())) {
            return new String(zip.getInputStream(zip.getEntry("manifest.json")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void stylesJsonShowsKindLatentSizeAndEachStylesZ() {
        Result r = run("styles", "--pack", pack.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> j = Json.parseObject(r.out(), "stdout");
        assertEquals("bicycle", j.get("kind"));
        assertEquals(8, ((Number) j.get("latent_size")).intValue());
        List<Object> styles = (List<Object>) j.get("styles");
        assertEquals(3, styles.size());
        assertEquals(8, ((List<Object>) ((Map<String, Object>) styles.get(1)).get("z")).size());
        Result text = run("styles", "--pack", pack.toString());
        assertTrue(text.out().contains("latent size 8"), text.out());
    }

    @Test
    void renderRandomStyleIsTheSameForTheSameSeed() throws Exception {
        Path a = dir.resolve("a.png");
        Path b = dir.resolve("b.png");
        Path c = dir.resolve("c.png");
        for (Object[] o : new Object[][] {{a, "7"}, {b, "7"}, {c, "8"}}) {
            Result r = run("render", "的一是不了", "--pack", pack.toString(), "--z", "random", "--seed", (String) o[1],
                    "--jitter", "0", "-o", o[0].toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("z:seed=" + o[1]), r.out());
        }
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(c)));
    }

    @Test
    void zScaleFlagsExportAndRepack() throws Exception {
        // export --z-scale stores the default; render draws with it, --z-scale overrides it
        Path scaled = dir.resolve("scaled.fgstyle");
        Result e = run("export", dir.resolve("run").toString(), "-o", scaled.toString(), "--z-scale", "0.5");
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("z scale 0.5"), e.out());
        assertFalse(Files.exists(dir.resolve("scaled.fgstyle.partial")));
        Path half = dir.resolve("half.png");
        Path overridden = dir.resolve("overridden.png");
        Path plain = dir.resolve("plain.png");
        Result r = run("render", "的一是", "--pack", scaled.toString(), "--z", "random", "--seed", "4", "--jitter", "0",
                "-o", half.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("z:seed=4,scale=0.5"), r.out());
        r = run("render", "的一是", "--pack", pack.toString(), "--z", "random", "--seed", "4", "--jitter", "0",
                "--z-scale", "0.5", "-o", overridden.toString());
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(Files.readAllBytes(half), Files.readAllBytes(overridden));
        r = run("render", "的一是", "--pack", scaled.toString(), "--z", "random", "--seed", "4", "--jitter", "0",
                "--z-scale", "1", "-o", plain.toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(half), Files.readAllBytes(plain)));

        // bad uses: one line naming the flag, nothing written
        Result bad = run("render", "的", "--pack", pack.toString(), "--style", "ukai", "--z-scale", "0.5", "-o",
                dir.resolve("bad.png").toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("--z-scale"), bad.err());
        Path z = dir.resolve("zi2zi-scaled.fgstyle");
        bad = run("export", dir.resolve("zi2zi-run").toString(), "-o", z.toString(), "--z-scale", "0.5");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("bicycle pack"), bad.err());
        assertFalse(Files.exists(z));
        assertFalse(Files.exists(dir.resolve("zi2zi-scaled.fgstyle.partial")));
        bad = run("styles", "grid", "--pack", zi2zi.toString(), "--z-scale", "0.5", "-o",
                dir.resolve("g.png").toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("z scale"), bad.err());

        // --repack writes a pack that loads; it needs --data
        Path repacked = dir.resolve("repacked.fgstyle");
        Result p = run("export", "--repack", scaled.toString(), "--data", data.toString(), "-o", repacked.toString());
        assertEquals(0, p.code(), p.err());
        Result s = run("styles", "--pack", repacked.toString(), "--json");
        assertTrue(s.out().contains("\"kind\":\"bicycle\""), s.out());
        bad = run("export", "--repack", scaled.toString(), "-o", dir.resolve("r2.fgstyle").toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("--data"), bad.err());
    }

    @Test
    void renderWithReferencePicturesAndNamedStyles() throws Exception {
        Path ref1 = dir.resolve("ref-的.png");
        Path ref2 = dir.resolve("ref-一.png");
        ImageIO.write(glyphPicture("的"), "png", ref1.toFile());
        ImageIO.write(glyphPicture("一"), "png", ref2.toFile());
        Path out = dir.resolve("ref.png");
        Result r = run("render", "是不了", "--pack", pack.toString(), "--reference", ref1.toString(), ref2.toString(),
                "-o", out.toString(), "--refine", "5", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("reference:2 glyphs, refined 5 steps"), r.out());
        assertTrue(Files.size(out) > 100);
        // a picture whose name gives no character: refinement refuses it in one line, plain encoding takes it
        Path unnamed = dir.resolve("ref3.png");
        ImageIO.write(glyphPicture("的"), "png", unnamed.toFile());
        Result bad = run("render", "是", "--pack", pack.toString(), "--reference", ref1.toString(), unnamed.toString(),
                "-o", dir.resolve("bad.png").toString(), "--quiet");
        assertEquals(1, bad.code());
        assertTrue(bad.err().startsWith("error: " + unnamed + ": which character") && bad.err().strip().lines().count() == 1,
                bad.err());
        assertFalse(Files.exists(dir.resolve("bad.png")));
        Result plain = run("render", "是", "--pack", pack.toString(), "--reference", unnamed.toString(), "--refine", "0",
                "-o", dir.resolve("plain.png").toString());
        assertEquals(0, plain.code(), plain.err());
        assertTrue(plain.out().contains("reference:1 glyph") && !plain.out().contains("refined"), plain.out());
        Result random = run("render", "是", "--pack", pack.toString(), "--z", "random", "--refine", "5",
                "-o", dir.resolve("random.png").toString());
        assertEquals(1, random.code());
        assertTrue(random.err().contains("--refine"), random.err());
        Result tooMany = run("render", "是", "--pack", pack.toString(), "--reference", ref1.toString(), "--refine", "1001",
                "-o", dir.resolve("many.png").toString());
        assertEquals(1, tooMany.code());
        assertTrue(tooMany.err().startsWith("error: --refine: expected 0 to 1000 steps"), tooMany.err());
        Result named = run("render", "是不了", "--pack", pack.toString(), "--style", "ukai", "-o",
                dir.resolve("named.png").toString());
        assertEquals(0, named.code(), named.err());
    }

    private static String[] concat(String[] head, String last) {
        String[] all = java.util.Arrays.copyOf(head, head.length + 1);
        all[head.length] = last;
        return all;
    }

    private static BufferedImage glyphPicture(String ch) {
        BufferedImage img = new BufferedImage(90, 80, BufferedImage.TYPE_BYTE_GRAY);
        var g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 90, 80);
        g.setColor(java.awt.Color.BLACK);
        g.fillRect(20, 15, 45, 8);
        g.fillRect(38, 15, 8, 50);
        g.dispose();
        return img;
    }

    @Test
    void latentOptionsNeedABicyclePackAndOneStyle() {
        Path out = dir.resolve("no.png");
        Result r = run("render", "abc", "--pack", zi2zi.toString(), "--z", "random", "-o", out.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: " + zi2zi + ": ") && r.err().contains("bicycle pack"), r.err());
        assertEquals(1, r.err().strip().lines().count());
        r = run("render", "abc", "--pack", pack.toString(), "--z", "gauss", "-o", out.toString());
        assertTrue(r.code() == 1 && r.err().startsWith("error: --z: "), r.err());
        r = run("render", "abc", "--pack", pack.toString(), "--z", "random", "--style", "ukai", "-o", out.toString());
        assertTrue(r.code() == 1 && r.err().startsWith("error: --z: "), r.err());
        assertFalse(Files.exists(out));
        r = run("finetune", "--from", pack.toString(), "--font", TestFonts.path(TestFonts.WQY_MICROHEI).toString(),
                "--steps", "1", "--out", dir.resolve("ft").toString(), "-q");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: " + pack + ": fine-tuning") && r.err().contains("--reference"), r.err());
    }

    @Test
    void stylesGridHasOneRowPerCharacterAndOneColumnPerStyle() throws Exception {
        Path grid = dir.resolve("grid.png");
        Result r = run("styles", "grid", "--pack", pack.toString(), "--chars", "的一是ab", "--count", "4", "--seed",
                "3", "--cell", "32", "-o", grid.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("5 characters x 4 styles"), r.out());
        BufferedImage img = ImageIO.read(grid.toFile());
        Path named = dir.resolve("grid-named.png");
        assertEquals(0, run("styles", "grid", "--pack", pack.toString(), "--chars", "的一是ab", "--count", "4",
                "--seed", "3", "--cell", "32", "--named", "-o", named.toString()).code());
        BufferedImage wider = ImageIO.read(named.toFile());
        assertEquals(3 * (32 + 4), wider.getWidth() - img.getWidth(), "three named columns of 32 px + gap");
        assertEquals(img.getHeight(), wider.getHeight());
        Path again = dir.resolve("grid-again.png");
        run("styles", "grid", "--pack", pack.toString(), "--chars", "的一是ab", "--count", "4", "--seed", "3",
                "--cell", "32", "-o", again.toString());
        assertArrayEquals(Files.readAllBytes(grid), Files.readAllBytes(again));
    }

    @Test
    @SuppressWarnings("unchecked")
    void evalOfABicyclePackGivesEveryField() throws Exception {
        Path report = dir.resolve("report.html");
        Result r = run("eval", "--pack", pack.toString(), "--data", data.toString(), "--baseline-pack",
                zi2zi.toString(), "--z-count", "3", "--json", "--report", report.toString(), "-q");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> j = Json.parseObject(r.out(), "stdout");
        assertEquals("bicycle", j.get("kind"));
        assertEquals(3, ((List<Object>) j.get("styles")).size());
        for (String k : List.of("mean", "baselines")) {
            assertNotNull(j.get(k), k);
        }
        boolean shipped = dev.fontgan.eval.GlyphClassifier.class.getResource(
                dev.fontgan.eval.GlyphClassifier.DEFAULT_RESOURCE) != null;
        Map<String, Object> random = (Map<String, Object>) j.get("random_z");
        assertEquals(3, ((Number) random.get("styles")).intValue());
        assertTrue(((Number) random.get("chars")).intValue() > 0);
        Object content = random.get("content_acc");
        assertTrue(shipped ? content instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 1 : content == null);
        Map<String, Object> diversity = (Map<String, Object>) j.get("diversity");
        assertEquals("zi2zi_styles", diversity.get("baseline"));
        for (String k : List.of("random_z", "z_zero", "named_styles", "real_styles", "zi2zi_styles")) {
            Map<String, Object> d = (Map<String, Object>) diversity.get(k);
            assertNotNull(d, k);
            double l1 = ((Number) d.get("pixel_l1")).doubleValue();
            assertTrue(l1 >= 0 && l1 < 1, k + " " + l1);
            assertEquals(shipped, d.get("feature") instanceof Number, k);
        }
        assertEquals(0.0, ((Number) ((Map<String, Object>) diversity.get("z_zero")).get("pixel_l1")).doubleValue());
        assertTrue(((Number) ((Map<String, Object>) diversity.get("random_z")).get("pixel_l1")).doubleValue() > 0);
        Map<String, Object> rec = (Map<String, Object>) j.get("reconstruction");
        List<Object> rows = (List<Object>) rec.get("styles");
        assertEquals(3, rows.size());
        for (Object o : rows) {
            Map<String, Object> row = (Map<String, Object>) o;
            for (String k : List.of("l1", "ssim", "ink_recall", "count")) {
                assertTrue(row.get(k) instanceof Number, k + " in " + row);
            }
        }
        assertTrue(((Map<String, Object>) rec.get("mean")).get("ssim") instanceof Number);
        // each style written from 8 of its training glyphs: the averaged code (-1) and the refined one
        Map<String, Object> refs = (Map<String, Object>) j.get("from_references");
        assertEquals(8, ((Number) refs.get("references")).intValue());
        Map<String, Object> bySteps = (Map<String, Object>) refs.get("by_steps");
        assertEquals(java.util.Set.of("-1", "" + dev.fontgan.bicycle.LatentRefinement.DEFAULT_STEPS), bySteps.keySet());
        for (Object o : bySteps.values()) {
            Map<String, Object> m = (Map<String, Object>) ((Map<String, Object>) o).get("mean");
            assertTrue(m.get("ssim") instanceof Number n && n.doubleValue() > 0, m.toString());
        }
        for (Object o : (List<Object>) refs.get("reference_l1")) {
            Map<String, Object> l1 = (Map<String, Object>) o;
            assertTrue(((Number) l1.get("end")).doubleValue() <= ((Number) l1.get("start")).doubleValue(), l1.toString());
        }
        String html = Files.readString(report);
        assertTrue(html.contains("Random styles") && html.contains("Diversity") && html.contains("Reconstruction"));
        assertTrue(html.contains("From 8 reference glyphs") && html.contains("averaged encoder code")
                && html.contains("refined, " + dev.fontgan.bicycle.LatentRefinement.DEFAULT_STEPS + " steps"),
                "the report carries the from_references tables");
        Result text = run("eval", "--pack", pack.toString(), "--data", data.toString(), "--baseline-pack",
                zi2zi.toString(), "--z-count", "2", "-q");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("random styles: 2 x") && text.out().contains("reconstruction"), text.out());
        assertTrue(text.out().contains("from 8 references, refined"), text.out());
        Result none = run("eval", "--pack", pack.toString(), "--data", data.toString(), "--baseline-pack",
                zi2zi.toString(), "--z-count", "2", "--references", "0", "--json", "-q");
        assertEquals(0, none.code(), none.err());
        assertFalse(none.out().contains("from_references"), "--references 0 skips the rows");
        Result wrongBase = run("eval", "--pack", pack.toString(), "--data", data.toString(), "--baseline-pack",
                pack.toString(), "-q");
        assertEquals(1, wrongBase.code());
        assertTrue(wrongBase.err().contains("zi2zi pack"), wrongBase.err());
    }

    @Test
    @SuppressWarnings("unchecked")
    void datasetDrawsANewRecordedStyleSeedPerLineWhateverTheWorkers() throws Exception {
        TestFonts.path("fonts/catalog.json");
        Path one = dir.resolve("ocr-1");
        Path two = dir.resolve("ocr-2");
        for (Object[] o : new Object[][] {{one, "1"}, {two, "2"}}) {
            Result r = run("dataset", "--chars", "的一是不了人我在有他", "--min-len", "3", "--max-len", "6",
                    "--count", "6", "--out", o[0].toString(), "--styles", "bicycle:random=0.7,bicycle:ukai=0.3",
                    "--pack", pack.toString(), "--no-augment", "--workers", (String) o[1], "--quiet");
            assertEquals(0, r.code(), r.err());
        }
        List<String> rows = Files.readAllLines(one.resolve("manifest.jsonl"));
        assertEquals(rows, Files.readAllLines(two.resolve("manifest.jsonl")));
        Set<Object> seeds = new HashSet<>();
        int random = 0;
        for (String line : rows) {
            Map<String, Object> row = Json.parseObject(line, "row");
            if (row.get("style").equals("bicycle:random")) {
                random++;
                assertNotNull(row.get("style_seed"), line);
                seeds.add(row.get("style_seed"));
                String path = (String) row.get("path");
                assertArrayEquals(Files.readAllBytes(one.resolve(path)), Files.readAllBytes(two.resolve(path)));
            } else {
                assertEquals("bicycle:ukai", row.get("style"));
                assertNull(row.get("style_seed"));
            }
        }
        assertTrue(random >= 2, "some random lines in " + rows);
        assertEquals(random, seeds.size(), "a new style seed per line");
        // --z-scale: other random styles, same named ones; the finished dataset refuses the other scale
        Path tame = dir.resolve("ocr-tame");
        String[] args = {"dataset", "--chars", "的一是不了人我在有他", "--min-len", "3", "--max-len", "6", "--count", "6",
            "--styles", "bicycle:random=0.7,bicycle:ukai=0.3", "--pack", pack.toString(), "--no-augment", "--workers",
            "1", "--quiet", "--z-scale", "0.5", "--out"};
        Result t = run(concat(args, tame.toString()));
        assertEquals(0, t.code(), t.err());
        List<String> tameRows = Files.readAllLines(tame.resolve("manifest.jsonl"));
        assertEquals(rows.size(), tameRows.size());
        int differ = 0;
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = Json.parseObject(tameRows.get(i), "row");
            String path = (String) row.get("path");
            boolean same = java.util.Arrays.equals(Files.readAllBytes(one.resolve(path)),
                    Files.readAllBytes(tame.resolve(path)));
            if (row.get("style").equals("bicycle:random")) {
                assertTrue(((String) row.get("font")).contains("z scale 0.5"), tameRows.get(i));
                differ += same ? 0 : 1;
            } else {
                assertTrue(same, "named styles do not scale: " + path);
            }
        }
        assertEquals(random, differ, "every random line drawn at the other scale");
        Result again = run(concat(args, one.toString()));
        assertEquals(1, again.code());
        assertTrue(again.err().contains("other options"), again.err());
        Result noPack = run("dataset", "--chars", "digits", "--count", "2", "--out", dir.resolve("none").toString(),
                "--styles", "bicycle:random");
        assertEquals(1, noPack.code());
        assertTrue(noPack.err().startsWith("error: --styles: ") && noPack.err().contains("--pack"), noPack.err());
        Result zi = run("dataset", "--chars", "digits", "--count", "2", "--out", dir.resolve("none").toString(),
                "--styles", "bicycle:" + zi2zi + ":random");
        assertEquals(1, zi.code());
        assertTrue(zi.err().contains("bicycle pack"), zi.err());
    }
}
