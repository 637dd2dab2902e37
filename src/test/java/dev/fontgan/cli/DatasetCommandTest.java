package dev.fontgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fontgan.TestFonts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCommandTest {
    @TempDir
    Path temp;

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void datasetThenPreviewFromTheCommandLine() throws Exception {
        TestFonts.path("fonts/catalog.json");
        TestFonts.useHome();
        Path corpus = TestFonts.path("corpus/text/en.txt");
        Path out = temp.resolve("ds");
        Run r = run("dataset", "--corpus", corpus.toString(), "--count", "6", "--out", out.toString(),
                "--styles", "fonts:comic+dejavu-sans", "--workers", "2", "--quiet", "--aug", "blur=1:0.5:0.8");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("wrote 6 samples"), r.out());
        assertTrue(Files.isRegularFile(out.resolve("dataset.json")));
        Path grid = temp.resolve("grid.png");
        Run p = run("dataset", "preview", out.toString(), "-o", grid.toString(), "--lines", "4");
        assertEquals(0, p.code(), p.err());
        assertTrue(Files.size(grid) > 1000);
    }

    @Test
    void packStylesAndMissingOptionsAreOneLineErrors() {
        TestFonts.path("fonts/catalog.json");
        TestFonts.useHome();
        Path noPack = temp.resolve("none.fgstyle");
        Run r = run("dataset", "--chars", "digits", "--count", "5", "--out", temp.resolve("x").toString(),
                "--styles", "pack:" + noPack + ":all=0.6,fonts:handwriting=0.4");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: " + noPack + ": ") && r.err().lines().count() == 1, r.err());
        assertTrue(!java.nio.file.Files.exists(temp.resolve("x")), "nothing written");
        Run missing = run("dataset", "--chars", "digits", "--out", temp.resolve("y").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().startsWith("error: --count:"), missing.err());
    }
}
