package dev.fontgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fontgan.Json;
import dev.fontgan.TestFonts;
import dev.fontgan.style.TinyPacks;
import dev.fontgan.zi2zi.Zi2ziModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** export, styles, eval and render --pack through the command line, on a tiny untrained pack. */
class PackCliTest {
    @TempDir static Path dir;
    static Path data;
    static Path pack;

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
        try (Zi2ziModel ignored = TinyPacks.run(dir.resolve("run"), data, 3)) {
            // run folder written
        }
        pack = dir.resolve("tiny.fgstyle");
        Result r = run("export", dir.resolve("run").toString(), "-o", pack.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("wrote " + pack), r.out());
    }

    @Test
    void stylesJsonParses() {
        Result r = run("styles", "--pack", pack.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        Map<String, Object> j = Json.parseObject(r.out(), "stdout");
        assertEquals(pack.toString(), j.get("pack"));
        assertEquals("zi2zi", j.get("kind"));
        List<?> styles = (List<?>) j.get("styles");
        assertEquals(List.of("wenkai", "ukai", "wenkai-2"), styles.stream().map(s -> ((Map<?, ?>) s).get("name")).toList());
        assertTrue(((Map<?, ?>) styles.get(0)).get("family") instanceof String);
        assertTrue(String.valueOf(((Map<?, ?>) styles.get(0)).get("license")).contains("OFL"), styles.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void evalOnATinyDatasetGivesSaneJsonAndAReport() throws Exception {
        Path report = dir.resolve("report.html");
        Result r = run("eval", "--pack", pack.toString(), "--data", data.toString(), "--json", "--report",
                report.toString(), "-q");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> j = Json.parseObject(r.out(), "stdout");
        List<Object> styles = (List<Object>) j.get("styles");
        assertEquals(3, styles.size());
        boolean shipped = dev.fontgan.eval.GlyphClassifier.class.getResource(
                dev.fontgan.eval.GlyphClassifier.DEFAULT_RESOURCE) != null;
        for (Object o : styles) {
            Map<String, Object> s = (Map<String, Object>) o;
            double l1 = ((Number) s.get("l1")).doubleValue();
            double ssim = ((Number) s.get("ssim")).doubleValue();
            assertTrue(l1 > 0 && l1 < 1, "l1 " + l1);
            assertTrue(ssim > -1 && ssim < 1, "ssim " + ssim);
            assertTrue(((Number) s.get("count")).intValue() > 0);
            for (String acc : List.of("content_acc", "style_acc")) {
                Object v = s.get(acc);
                // null without a classifier, or for a style the classifier does not know (wenkai-2)
                boolean measured = shipped && (acc.equals("content_acc") || !s.get("name").equals("wenkai-2"));
                assertTrue(measured ? v instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 1 : v == null,
                        acc + " " + v);
            }
        }
        assertEquals(shipped ? "shipped" : null, j.get("classifier"));
        Map<String, Object> mean = (Map<String, Object>) j.get("mean");
        assertTrue(mean.containsKey("ssim") && mean.containsKey("content_acc"));
        Map<String, Object> baselines = (Map<String, Object>) j.get("baselines");
        // wenkai and wenkai-2 are the same font: each is the other's nearest style, with identical glyphs
        List<Object> nearest = (List<Object>) ((Map<String, Object>) baselines.get("nearest_style")).get("styles");
        Map<String, Object> wenkai = (Map<String, Object>) nearest.get(0);
        assertEquals("wenkai", wenkai.get("name"));
        assertEquals("wenkai-2", wenkai.get("nearest"));
        assertEquals(1.0, ((Number) wenkai.get("ssim")).doubleValue(), 1e-9);
        assertEquals(0.0, ((Number) wenkai.get("l1")).doubleValue(), 0.0);
        Map<String, Object> ukai = (Map<String, Object>) nearest.get(1);
        assertTrue(((Number) ukai.get("ssim")).doubleValue() < 1);
        Map<String, Object> copy = (Map<String, Object>) baselines.get("copy_source");
        double copySsim = ((Number) copy.get("ssim")).doubleValue();
        assertTrue(copySsim > 0.2 && copySsim < 1, "copy-source SSIM " + copySsim);
        // the ceiling: the classifier on the real targets; no pixel scores. wenkai's nearest style has the
        // very same glyphs under the same style label, so both rows must read them identically.
        Map<String, Object> realGroup = (Map<String, Object>) baselines.get("real_targets");
        assertEquals(null, realGroup.get("ssim"));
        List<Object> real = (List<Object>) realGroup.get("styles");
        assertEquals(3, real.size());
        Map<String, Object> realWenkai = (Map<String, Object>) real.get(0);
        assertEquals("wenkai", realWenkai.get("name"));
        assertEquals(null, realWenkai.get("l1"));
        assertEquals(((Map<String, Object>) styles.get(0)).get("count"), realWenkai.get("count"));
        for (String acc : List.of("content_acc", "style_acc")) {
            assertEquals(wenkai.get(acc), realWenkai.get(acc), acc);
            assertEquals(shipped, realWenkai.get(acc) instanceof Number, acc + " " + realWenkai.get(acc));
        }
        if (shipped) {
            // the shipped classifier was trained on these fonts: it reads their real glyphs well
            assertTrue(((Number) realWenkai.get("content_acc")).doubleValue() > 0.5, realWenkai.toString());
        }
        String html = Files.readString(report);
        assertTrue(html.contains("<table>") && html.contains("baseline: nearest other style"));
        assertTrue(html.contains("ceiling: the real target glyphs"));
        assertEquals(3, html.split("data:image/png;base64,", -1).length - 1);
    }

    @Test
    void renderWithAPackWritesAPng() {
        Path out = dir.resolve("hello.png");
        Result r = run("render", "你好 abc", "--pack", pack.toString(), "--style", "ukai:0.5,wenkai:0.5", "-o",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(out));
        assertTrue(r.out().contains("ukai:0.50,wenkai:0.50"), r.out());
        Result bad = run("render", "abc", "--pack", pack.toString(), "--style", "kai", "-o", out.toString());
        assertEquals(1, bad.code());
        assertEquals("error: --style: no style 'kai' in this pack (styles: wenkai, ukai, wenkai-2)", bad.err().strip());
    }

    @Test
    void benchInferPrintsThroughputJson() {
        Result r = run("bench", "infer", "--pack", pack.toString(), "--batch", "8", "--batches", "2", "--warmup", "0",
                "--runs", "1", "--json");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> j = Json.parseObject(r.out(), "stdout");
        assertTrue(((Number) j.get("glyphs_per_s")).doubleValue() > 0);
        assertTrue(((Number) j.get("forward_glyphs_per_s")).doubleValue() >= ((Number) j.get("glyphs_per_s")).doubleValue());
        assertEquals(16, ((Number) j.get("glyphs_per_run")).intValue());
    }

    @Test
    void badPacksAndRunsAreOneLineErrors() throws Exception {
        Path missing = dir.resolve("nope.fgstyle");
        Result r = run("styles", "--pack", missing.toString());
        assertEquals(1, r.code());
        assertEquals("error: " + missing + ": no such style pack", r.err().strip());
        Path cut = dir.resolve("cut.fgstyle");
        byte[] bytes = Files.readAllBytes(pack);
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        r = run("render", "abc", "--pack", cut.toString(), "-o", dir.resolve("x.png").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: " + cut + ": "), r.err());
        assertEquals(1, r.err().strip().lines().count());
        assertFalse(Files.exists(dir.resolve("x.png")));
        r = run("export", dir.resolve("no-run").toString(), "-o", dir.resolve("y.fgstyle").toString());
        assertEquals("error: " + dir.resolve("no-run") + ": no such run folder", r.err().strip());
        r = run("eval", "--pack", pack.toString(), "--data", dir.resolve("run").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: " + dir.resolve("run")), r.err());
    }
}
