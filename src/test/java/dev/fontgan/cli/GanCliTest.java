package dev.fontgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fontgan.TestFonts;
import dev.fontgan.gan.variants.Variants;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GanCliTest {
    private static int run(StringWriter out, StringWriter err, String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void listShowsEveryVariantAsJson() {
        StringWriter out = new StringWriter();
        assertEquals(0, run(out, new StringWriter(), "gan", "list", "--json"));
        String s = out.toString().trim();
        assertTrue(s.startsWith("{") && s.endsWith("}"));
        for (String v : new String[] {"\"gan\"", "dcgan", "cgan", "acgan", "infogan", "infogan-font", "lsgan", "\"wgan\"", "wgan-gp", "dragan", "pix2pix"}) {
            assertTrue(s.contains(v), v);
        }
    }

    @Test
    void unknownVariantIsOneLineError(@TempDir Path tmp) {
        StringWriter err = new StringWriter();
        assertEquals(1, run(new StringWriter(), err, "gan", "train", "--variant", "nope", "--out", tmp.resolve("r").toString()));
        assertTrue(err.toString().startsWith("error: --variant: unknown variant 'nope'"), err.toString());
    }

    @Test
    void trainThenSampleAConditionalRun(@TempDir Path tmp) throws Exception {
        Path fonts = TestFonts.path(TestFonts.DEJAVU_SANS).getParent().getParent();
        Path run = tmp.resolve("run");
        StringWriter err = new StringWriter();
        assertEquals(0, run(new StringWriter(), err, "gan", "train", "--variant", "cgan", "--steps", "2", "--size", "16",
                "--batch", "8", "--width", "8", "--fonts", fonts.toString(), "--chars", "0123", "--quiet",
                "--out", run.toString()), err.toString());
        assertTrue(Files.exists(run.resolve("config.json")));
        Path grid = tmp.resolve("grid.png");
        assertEquals(0, run(new StringWriter(), err, "gan", "sample", run.toString(), "-o", grid.toString()), err.toString());
        var img = ImageIO.read(grid.toFile());
        assertEquals(2 + 4 * 18, img.getHeight(), "one row per class");
        assertEquals(2 + 10 * 18, img.getWidth(), "ten samples per row");
        Path one = tmp.resolve("one.png");
        assertEquals(0, run(new StringWriter(), err, "gan", "sample", run.toString(), "--class", "2", "-o", one.toString()));
        assertEquals(2 + 5 * 18, ImageIO.read(one.toFile()).getHeight());
        StringWriter e2 = new StringWriter();
        assertEquals(1, run(new StringWriter(), e2, "gan", "sample", run.toString(), "--class", "9", "-o", one.toString()));
        assertTrue(e2.toString().startsWith("error: --class:"), e2.toString());
        // --resume without --chars keeps the run's own four classes (the variant's default is ten digits)
        assertEquals(0, run(new StringWriter(), err, "gan", "train", "--variant", "cgan", "--steps", "3",
                "--fonts", fonts.toString(), "--quiet", "--resume", "--out", run.toString()), err.toString());
        assertEquals(2 + 4 * 18, ImageIO.read(run.resolve("samples/step-000003.png").toFile()).getHeight());
        // the metric comes with the same measurement on real glyphs of those classes
        StringWriter out = new StringWriter();
        assertEquals(0, run(out, err, "gan", "eval", run.toString(), "--count", "20", "--json"), err.toString());
        var result = dev.fontgan.Json.parseObject(out.toString().trim(), "eval");
        var floor = (java.util.Map<?, ?>) result.get("real_floor");
        assertEquals(20, ((Number) floor.get("total")).intValue(), out.toString());
        assertTrue(((Number) floor.get("acc")).doubleValue() > 0.9, "digits 0-3 of DejaVu read right: " + out);
    }

    @Test
    void aFontGivenInfoGanRunKeepsItsFontCountAndEvaluatesTheSameTwice(@TempDir Path tmp) throws Exception {
        Path fonts = TestFonts.path(TestFonts.DEJAVU_SANS).getParent().getParent();
        Path run = tmp.resolve("run");
        StringWriter err = new StringWriter();
        assertEquals(0, run(new StringWriter(), err, "gan", "train", "--variant", "infogan-font", "--steps", "2",
                "--size", "16", "--batch", "8", "--width", "8", "--fonts", fonts.toString(), "--chars", "0123",
                "--quiet", "--out", run.toString()), err.toString());
        var config = dev.fontgan.Json.parseObject(Files.readString(run.resolve("config.json")), "config");
        var data = (java.util.Map<?, ?>) config.get("data");
        int fontCount = ((java.util.List<?>) data.get("fonts")).size();
        assertTrue(fontCount > 1, "the test fonts folder has several fonts with digits");
        var settings = (java.util.Map<?, ?>) config.get("config");
        assertEquals(fontCount, ((Number) settings.get("styles")).intValue());
        assertEquals(0.999, ((Number) settings.get("average_decay")).doubleValue(), 1e-6, "the recipe's own average");
        Path plain = tmp.resolve("plain");
        assertEquals(0, run(new StringWriter(), err, "gan", "train", "--variant", "infogan-font", "--steps", "0",
                "--size", "16", "--batch", "8", "--width", "8", "--fonts", fonts.toString(), "--chars", "0123",
                "--ema", "0", "--quiet", "--out", plain.toString()), err.toString());
        var plainConfig = (java.util.Map<?, ?>) dev.fontgan.Json.parseObject(
                Files.readString(plain.resolve("config.json")), "config").get("config");
        assertEquals(0.0, ((Number) plainConfig.get("average_decay")).doubleValue(), "--ema overrides the recipe");
        // without --width each variant trains at its own width: 16 for the unconditional InfoGAN, 32 for the rest
        for (String name : new String[] {"infogan", "infogan-font"}) {
            Path r = tmp.resolve("width-" + name);
            assertEquals(0, run(new StringWriter(), err, "gan", "train", "--variant", name, "--steps", "0",
                    "--size", "16", "--batch", "8", "--fonts", fonts.toString(), "--chars", "0123", "--quiet",
                    "--out", r.toString()), err.toString());
            var rc = (java.util.Map<?, ?>) dev.fontgan.Json.parseObject(Files.readString(r.resolve("config.json")),
                    "config").get("config");
            assertEquals(Variants.named(name).defaultWidth(), ((Number) rc.get("width")).intValue(), name);
        }
        assertEquals(16, Variants.named("infogan").defaultWidth());
        assertEquals(32, Variants.named("dcgan").defaultWidth());
        StringWriter bad = new StringWriter();
        assertEquals(1, run(new StringWriter(), bad, "gan", "train", "--variant", "infogan-font", "--ema", "1",
                "--out", tmp.resolve("bad").toString()));
        assertTrue(bad.toString().startsWith("error: --ema:"), bad.toString());
        Path grid = tmp.resolve("grid.png");
        assertEquals(0, run(new StringWriter(), err, "gan", "sample", run.toString(), "-o", grid.toString()), err.toString());
        assertEquals(2 + 4 * 18, ImageIO.read(grid.toFile()).getHeight(), "one row per code value");
        assertEquals(0, run(new StringWriter(), err, "gan", "train", "--variant", "infogan-font", "--steps", "3",
                "--fonts", fonts.toString(), "--quiet", "--resume", "--out", run.toString()), err.toString());
        StringWriter a = new StringWriter();
        StringWriter b = new StringWriter();
        assertEquals(0, run(a, err, "gan", "eval", run.toString(), "--count", "20", "--json"), err.toString());
        assertEquals(0, run(b, err, "gan", "eval", run.toString(), "--count", "20", "--json"), err.toString());
        assertTrue(a.toString().contains("\"code_accuracy\""), a.toString());
        assertTrue(a.toString().contains("\"glyph_fid\""), "code accuracy comes with the FID: " + a);
        assertEquals(a.toString(), b.toString(), "the fonts of evaluation samples are drawn from the seed");
    }
}
