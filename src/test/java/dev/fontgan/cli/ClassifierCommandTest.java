package dev.fontgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fontgan.Json;
import dev.fontgan.TestFonts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifierCommandTest {
    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private static List<String> fontArgs() {
        return List.of("--fonts", "sans=" + TestFonts.path(TestFonts.DEJAVU_SANS),
                "serif=" + TestFonts.path(TestFonts.LIBERATION_SERIF), "comic=" + TestFonts.path(TestFonts.COMIC_NEUE));
    }

    @Test
    void trainThenEvalPrintJson(@TempDir Path dir) {
        List<String> fonts = fontArgs();
        Path model = dir.resolve("digits.zip");
        List<String> train = new ArrayList<>(List.of("classifier", "train"));
        train.addAll(fonts);
        train.addAll(List.of("--chars", "0123456789", "--size", "32", "--epochs", "2", "--width", "8", "--embed", "16",
                "--batch", "32", "--min-per-style", "64", "--held-out", "0.2", "-o", model.toString(), "--quiet",
                "--json"));
        Run t = run(train.toArray(String[]::new));
        assertEquals(0, t.code(), t.err());
        Map<String, Object> summary = Json.parseObject(t.out().trim(), "stdout");
        assertEquals(10L, summary.get("content_classes"));
        assertTrue(Files.isRegularFile(model));

        List<String> eval = new ArrayList<>(List.of("classifier", "eval", "--model", model.toString()));
        eval.addAll(fonts);
        eval.addAll(List.of("--chars", "0123456789", "--json", "--quiet"));
        Run e = run(eval.toArray(String[]::new));
        assertEquals(0, e.code(), e.err());
        assertEquals(1, e.out().trim().lines().count(), e.out());
        Map<String, Object> report = Json.parseObject(e.out().trim(), "stdout");
        assertEquals(30L, report.get("pairs"));
        assertTrue(report.get("content_acc") instanceof Number);
        assertEquals(3, ((List<?>) report.get("styles")).size());
        assertTrue(((Number) report.get("held_out_pairs")).longValue() > 0);

        // warm start: one more epoch from the file, partly on undistorted draws
        Path more = dir.resolve("more.zip");
        List<String> again = new ArrayList<>(train);
        again.set(again.indexOf(model.toString()), more.toString());
        again.set(again.indexOf("0.2"), "0.0"); // ignored: a warm start keeps its own held-out pairs
        again.set(again.indexOf("--epochs") + 1, "1");
        again.addAll(List.of("--init", model.toString(), "--clean", "0.5"));
        Run w = run(again.toArray(String[]::new));
        assertEquals(0, w.code(), w.err());
        try (dev.fontgan.eval.GlyphClassifier c = dev.fontgan.eval.GlyphClassifier.load(more)) {
            assertTrue(c.training().get("warm_start") instanceof Map<?, ?>, c.training().toString());
            assertEquals(0.2, c.heldOut().fraction()); // the starting file's held-out pairs
        }
        // a starting file for other characters is refused in one line, and nothing is written
        List<String> other = new ArrayList<>(again);
        other.set(other.indexOf("0123456789"), "012345678");
        other.set(other.indexOf(more.toString()), dir.resolve("other.zip").toString());
        Run o = run(other.toArray(String[]::new));
        assertEquals(1, o.code());
        assertEquals(1, o.err().trim().lines().count(), o.err());
        assertTrue(o.err().contains("--init") && o.err().contains("characters"), o.err());
        assertTrue(!Files.exists(dir.resolve("other.zip")));
        other.set(other.indexOf(model.toString()), dir.resolve("none.zip").toString());
        Run n = run(other.toArray(String[]::new));
        assertEquals(1, n.code());
        assertTrue(n.err().contains("none.zip") && n.err().contains("no such classifier file"), n.err());
    }

    @Test
    void corruptModelGivesOneLineError(@TempDir Path dir) throws Exception {
        List<String> fonts = fontArgs();
        Path model = dir.resolve("broken.zip");
        Files.write(model, new byte[] {'P', 'K', 3, 4, 1, 2, 3});
        List<String> eval = new ArrayList<>(List.of("classifier", "eval", "--model", model.toString()));
        eval.addAll(fonts);
        eval.addAll(List.of("--chars", "0123456789"));
        Run e = run(eval.toArray(String[]::new));
        assertEquals(1, e.code());
        assertEquals(1, e.err().trim().lines().count(), e.err());
        assertTrue(e.err().startsWith("error: " + model + ": "), e.err());
    }

    @Test
    void missingCharsIsAUsageError() {
        Run e = run("classifier", "train", "--fonts", "x.ttf", "-o", "y.zip");
        assertEquals(2, e.code());
        assertTrue(e.err().contains("--chars"), e.err());
    }
}
