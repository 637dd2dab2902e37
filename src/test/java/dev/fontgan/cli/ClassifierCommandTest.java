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
