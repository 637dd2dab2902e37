package dev.fontgan.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fontgan.TestFonts;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {
    @TempDir
    Path temp;

    record Result(int code, String out, String err) {}

    @BeforeAll
    static void home() {
        TestFonts.useHome();
        Path root = TestFonts.root();
        if (root != null) {
            System.setProperty("fontgan.home", root.toString());
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void writesAPngWithTheDefaultHand() throws Exception {
        TestFonts.path("fonts/catalog.json");
        Path png = temp.resolve("hello.png");
        Result r = run("render", "你好，世界。Hello, world!", "-o", png.toString());
        assertEquals(0, r.code(), r.err());
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img);
        assertTrue(img.getWidth() > 64 * 10 && img.getHeight() >= 64, img.getWidth() + "x" + img.getHeight());
        assertFalse(r.err().contains("warning"), r.err());
    }

    @Test
    void sameSeedSameFileDifferentSeedDifferentFile() throws Exception {
        Path font = TestFonts.path(TestFonts.COMIC_NEUE);
        Path a = temp.resolve("a.png");
        Path b = temp.resolve("b.png");
        Path c = temp.resolve("c.png");
        for (Object[] run : new Object[][] {{a, "5"}, {b, "5"}, {c, "6"}}) {
            Result r = run("render", "Seeded handwriting", "--font", font.toString(), "--seed", (String) run[1],
                    "--background", "paper", "-o", run[0].toString());
            assertEquals(0, r.code(), r.err());
        }
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(c)));
    }

    @Test
    void readsTheTextFromAFile() throws Exception {
        Path font = TestFonts.path(TestFonts.COMIC_NEUE);
        Path text = temp.resolve("text.txt");
        Files.writeString(text, "line one\nline two\n", StandardCharsets.UTF_8);
        Path one = temp.resolve("one.png");
        assertEquals(0, run("render", "--file", text.toString(), "--font", font.toString(), "-o", one.toString()).code());
        Path single = temp.resolve("single.png");
        assertEquals(0, run("render", "line one", "--font", font.toString(), "-o", single.toString()).code());
        assertTrue(ImageIO.read(one.toFile()).getHeight() > ImageIO.read(single.toFile()).getHeight() + 64,
                "two lines are taller than one");
    }

    @Test
    void warnsOnceAboutCharactersTheFontCannotWrite() {
        Path font = TestFonts.path(TestFonts.COMIC_NEUE);
        TestFonts.path("fonts/catalog.json");
        Result r = run("render", "Hi 永永 and 和", "--font", font.toString(), "-o", temp.resolve("w.png").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("warning:")).count(), r.err());
        assertTrue(r.err().contains("永 和"), r.err());
    }

    @Test
    void emptyInputIsAClearError() {
        Result r = run("render", "   ", "--font", TestFonts.path(TestFonts.COMIC_NEUE).toString(),
                "-o", temp.resolve("e.png").toString());
        assertEquals(1, r.code());
        assertEquals("error: text: empty input: nothing to write", r.err().strip());
        assertFalse(Files.exists(temp.resolve("e.png")));
    }

    @Test
    void anUnwritableOutputPathIsAnError() throws Exception {
        Path file = Files.writeString(temp.resolve("not-a-dir"), "x");
        Path out = file.resolve("out.png");
        Result r = run("render", "abc", "--font", TestFonts.path(TestFonts.COMIC_NEUE).toString(), "-o", out.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: " + out + ": cannot write"), r.err());
        Result jpg = run("render", "abc", "-o", temp.resolve("x.jpg").toString());
        assertEquals(1, jpg.code());
        assertTrue(jpg.err().contains("only PNG"), jpg.err());
    }

    @Test
    void aMissingFontFileIsAnError() {
        Path missing = temp.resolve("missing.ttf");
        Result r = run("render", "abc", "--font", missing.toString(), "-o", temp.resolve("m.png").toString());
        assertEquals(1, r.code());
        assertEquals("error: " + missing + ": no such file", r.err().strip());
    }

    @Test
    void styleWithoutAPackSaysSo() {
        org.junit.jupiter.api.Assumptions.assumeFalse(dev.fontgan.style.StylePack.hasDefault(), "this build has a default pack");
        Result r = run("render", "abc", "--style", "kai", "-o", temp.resolve("s.png").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no default style pack in this build; train one with tools/train-default.sh"), r.err());
    }

    @Test
    void badFlagValuesAreErrorsNamingTheFlag() {
        Path font = TestFonts.path(TestFonts.COMIC_NEUE);
        String out = temp.resolve("f.png").toString();
        assertTrue(run("render", "a", "--font", font.toString(), "--ink", "blue", "-o", out).err().startsWith("error: --ink:"));
        assertTrue(run("render", "a", "--font", font.toString(), "--jitter", "2", "-o", out).err().startsWith("error: --jitter:"));
        assertTrue(run("render", "a", "--font", font.toString(), "--background", "wood", "-o", out).err()
                .startsWith("error: --background:"));
        assertTrue(run("render", "a", "--font", font.toString(), "--width", "10", "-o", out).err().startsWith("error: --width:"));
    }
}
