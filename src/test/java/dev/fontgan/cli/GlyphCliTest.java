package dev.fontgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fontgan.Json;
import dev.fontgan.TestFonts;
import dev.fontgan.font.BrokenFonts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fonts, glyphs and bench raster commands, run in-process through {@link Main#run}. */
class GlyphCliTest {
    @TempDir Path tmp;

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** Exit non-zero, nothing on stdout, one stderr line {@code error: <where>: ...}, no stack trace. */
    static void assertOneLineError(Result r, String where) {
        assertNotEquals(0, r.code(), r.err());
        assertEquals("", r.out(), "no partial output");
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), "exactly one stderr line: " + r.err());
        assertTrue(lines.get(0).startsWith("error: " + where + ": "), lines.get(0));
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }

    @Test
    void fontsListAndInspectPrintParsableJson() throws Exception {
        Path dir = tmp.resolve("fonts");
        Files.createDirectories(dir.resolve("dejavu"));
        Files.copy(TestFonts.path(TestFonts.DEJAVU_SANS), dir.resolve("dejavu/DejaVuSans.ttf"));
        Files.copy(TestFonts.path(TestFonts.COMIC_NEUE), dir.resolve("ComicNeue-Regular.otf"));
        Files.writeString(dir.resolve("catalog.json"), "{\"fonts\":[{\"file\":\"dejavu/DejaVuSans.ttf\","
                + "\"role\":\"print\",\"license\":\"Bitstream-Vera\",\"name\":\"dejavu-sans\"}]}");
        Result withCatalog = run("fonts", "list", dir.toString(), "--json");
        assertEquals(0, withCatalog.code(), withCatalog.err());
        List<?> fonts = (List<?>) Json.parseObject(withCatalog.out(), "stdout").get("fonts");
        assertEquals(1, fonts.size());
        Map<?, ?> f = (Map<?, ?>) fonts.get(0);
        assertEquals("DejaVu Sans", f.get("family"));
        assertEquals("print", f.get("role"));
        assertEquals("Bitstream-Vera", f.get("license"));
        assertEquals("ttf", f.get("format"));

        Files.delete(dir.resolve("catalog.json"));
        Result scanned = run("fonts", "list", dir.toString(), "--json");
        List<?> all = (List<?>) Json.parseObject(scanned.out(), "stdout").get("fonts");
        assertEquals(2, all.size());
        assertTrue(all.stream().anyMatch(o -> "otf".equals(((Map<?, ?>) o).get("format"))));

        Result inspect = run("fonts", "inspect", dir.resolve("dejavu/DejaVuSans.ttf").toString(), "--chars", "Ab字", "--json");
        assertEquals(0, inspect.code(), inspect.err());
        Map<String, Object> o = Json.parseObject(inspect.out(), "stdout");
        assertEquals(2L, o.get("covered"));
        assertEquals(List.of("字"), o.get("missing"));
        assertEquals(2048L, o.get("units_per_em"));
    }

    @Test
    void benchRasterPrintsRate() {
        Result r = run("bench", "raster", "--json", "--font", TestFonts.path(TestFonts.WQY_MICROHEI).toString(),
                "--chars", "永字八法天地玄黄", "--repeat", "1", "--size", "32");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> o = Json.parseObject(r.out(), "stdout");
        assertTrue(((Number) o.get("glyphs_per_s")).doubleValue() > 0);
        assertEquals(8L, o.get("chars"));
        assertEquals(32L, o.get("size"));
    }

    @Test
    void glyphsBuildThenPreview() throws Exception {
        Path data = tmp.resolve("data");
        Result b = run("glyphs", "build", "--quiet", "--source", TestFonts.path(TestFonts.DEJAVU_SANS).toString(),
                "--target", TestFonts.path(TestFonts.COMIC_NEUE).toString(), "--chars", "ABCabc123字",
                "--size", "32", "--out", data.toString());
        assertEquals(0, b.code(), b.err());
        assertTrue(b.out().contains("1 missing"), b.out());
        assertTrue(Files.isRegularFile(data.resolve("manifest.json")));
        Path png = tmp.resolve("grid.png");
        Result p = run("glyphs", "preview", data.toString(), "--chars", "ABC", "-o", png.toString());
        assertEquals(0, p.code(), p.err());
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertTrue(img.getWidth() >= 3 * 32 && img.getHeight() >= 2 * 32);
    }

    @Test
    void badFontsGiveOneLineErrors() throws Exception {
        Path missing = tmp.resolve("nope.ttf");
        assertOneLineError(run("fonts", "inspect", missing.toString()), missing.toString());
        assertOneLineError(run("fonts", "inspect", tmp.toString()), tmp.toString());

        byte[] good = Files.readAllBytes(TestFonts.path(TestFonts.DEJAVU_SANS));
        Path truncated = tmp.resolve("truncated.ttf");
        Files.write(truncated, java.util.Arrays.copyOf(good, good.length / 3));
        Path random = tmp.resolve("random.ttf");
        byte[] noise = new byte[20000];
        new java.util.Random(3).nextBytes(noise);
        Files.write(random, noise);
        Path brokenCmap = tmp.resolve("broken-cmap.ttf");
        Files.write(brokenCmap, BrokenFonts.corruptTable(good, "cmap"));
        Path brokenHead = tmp.resolve("broken-head.ttf");
        Files.write(brokenHead, BrokenFonts.corruptTable(good, "head"));
        Path woff = tmp.resolve("font.woff");
        Files.write(woff, ("wOFF" + "\0".repeat(60)).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        for (Path bad : List.of(truncated, random, brokenCmap, brokenHead, woff)) {
            // Rasterizing every character reaches glyph data too, not only the headers.
            assertOneLineError(run("fonts", "inspect", bad.toString(), "--chars", "gb2312-1"), bad.toString());
        }
    }

    @Test
    void badCharsetAndOutputGiveOneLineErrorsAndWriteNothing() throws Exception {
        String font = TestFonts.path(TestFonts.DEJAVU_SANS).toString();
        Path badChars = tmp.resolve("chars.txt");
        Files.write(badChars, new byte[] {'a', '\n', (byte) 0xC3, '\n'});
        Path data = tmp.resolve("data");
        assertOneLineError(run("glyphs", "build", "--quiet", "--source", font, "--target", font,
                "--chars", badChars.toString(), "--out", data.toString()), badChars.toString());
        assertFalse(Files.exists(data));

        Path file = tmp.resolve("plain-file");
        Files.writeString(file, "x");
        Path under = file.resolve("data");
        assertOneLineError(run("glyphs", "build", "--quiet", "--source", font, "--target", font,
                "--chars", "abc", "--out", under.toString()), under.toString());
        Path png = file.resolve("grid.png");
        assertOneLineError(run("glyphs", "preview", font, "-o", png.toString()), png.toString());

        Path truncated = tmp.resolve("t.ttf");
        Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(Path.of(font)), 5000));
        assertOneLineError(run("glyphs", "build", "--quiet", "--source", font, "--target", truncated.toString(),
                "--chars", "abc", "--out", data.toString()), truncated.toString());
        assertFalse(Files.exists(data));
        try (Stream<Path> s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary leftovers");
        }
    }
}
