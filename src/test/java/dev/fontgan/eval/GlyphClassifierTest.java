package dev.fontgan.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.fontgan.FontganException;
import dev.fontgan.Progress;
import dev.fontgan.TestFonts;
import dev.fontgan.TorchRuntime;
import dev.fontgan.font.FontFile;
import dev.fontgan.glyph.Normalization;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlyphClassifierTest {
    static final int[] DIGITS = "0123456789".codePoints().toArray();
    static GlyphClassifier trained;
    static ClassifierTrainer.Result result;
    static List<StyleFont> fonts;

    @BeforeAll
    static void trainTinyClassifier() {
        TorchRuntime.configure();
        Path sans = TestFonts.root() == null ? null : TestFonts.root().resolve(TestFonts.DEJAVU_SANS);
        if (sans == null || !Files.exists(sans)) {
            return;
        }
        fonts = List.of(
                new StyleFont("sans", FontFile.open(sans)),
                new StyleFont("serif", FontFile.open(TestFonts.root().resolve(TestFonts.LIBERATION_SERIF))),
                new StyleFont("comic", FontFile.open(TestFonts.root().resolve(TestFonts.COMIC_NEUE))));
        ClassifierTrainer.Config config = ClassifierTrainer.Config.defaults().withSize(32)
                .withArch(new ClassifierArch(12, 48)).withEpochs(6).withBatchSize(32).withSeed(3)
                .withHeldOutFraction(0.0).withMinSamplesPerStyle(320);
        result = ClassifierTrainer.train(fonts, DIGITS, config, Progress.NONE);
        trained = result.classifier();
    }

    @AfterAll
    static void close() {
        if (trained != null) {
            trained.close();
        }
    }

    private static void assumeTrained() {
        org.junit.jupiter.api.Assumptions.assumeTrue(trained != null, "test fonts not available");
    }

    @Test
    void forwardGivesLogitsForBothHeadsAndFeatures() {
        TorchRuntime.configure();
        try (GlyphClassifier c = GlyphClassifier.create(new ClassifierArch(4, 16), 32, Normalization.INK,
                DIGITS, List.of("a", "b", "c"), new HeldOutPairs(1, 0.1))) {
            c.initializeParameters();
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray x = m.randomUniform(-1, 1, new Shape(5, 1, 32, 32));
                NDList out = c.forward(x, false, m);
                assertEquals(new Shape(5, 10), out.get(0).getShape());
                assertEquals(new Shape(5, 3), out.get(1).getShape());
                assertEquals(new Shape(5, 16), out.get(2).getShape());
                // other sizes are resampled to the classifier's input
                GlyphClassifier.Predictions p = c.predict(m.randomUniform(-1, 1, new Shape(7, 1, 64, 64)));
                assertEquals(7, p.count());
                assertEquals(16, p.features()[6].length);
                assertTrue(p.contentClass()[0] >= 0 && p.contentClass()[0] < 10);
                // a closed set: every answer is one of the candidates; unknown candidates are ignored
                NDArray many = m.randomUniform(-1, 1, new Shape(40, 1, 32, 32));
                GlyphClassifier.Predictions among = c.predict(many, new int[] {'3', '7', 'X'});
                GlyphClassifier.Predictions open = c.predict(many, null);
                for (int i = 0; i < 40; i++) {
                    assertTrue(among.codePoint()[i] == '3' || among.codePoint()[i] == '7', "" + among.codePoint()[i]);
                    if (open.codePoint()[i] == '3' || open.codePoint()[i] == '7') {
                        assertEquals(open.codePoint()[i], among.codePoint()[i]);
                    }
                    assertArrayEquals(open.features()[i], among.features()[i]);
                }
            }
        }
    }

    @Test
    void tinyClassifierLearnsDigitsAndFonts() {
        assumeTrained();
        assertTrue(result.lastEpochContentAcc() > 0.9, "train content acc " + result.lastEpochContentAcc());
        assertTrue(result.lastEpochStyleAcc() > 0.9, "train style acc " + result.lastEpochStyleAcc());
        ClassifierEvaluation.Report r = ClassifierEvaluation.run(trained, fonts, DIGITS, 77, Progress.NONE);
        assertTrue(r.clean().content().value() > 0.9, "clean content " + r.clean().content());
        assertTrue(r.clean().style().value() > 0.9, "clean style " + r.clean().style());
        assertEquals(30, r.clean().content().total());
    }

    @Test
    void warmStartKeepsTheStartingWeightsAndRefusesAMismatch(@TempDir Path dir) {
        assumeTrained();
        Path file = dir.resolve("start.zip");
        trained.save(file);
        // a learning rate too small to move anything: what it reads must come from the starting weights
        ClassifierTrainer.Config still = ClassifierTrainer.Config.defaults().withSize(32)
                .withArch(new ClassifierArch(12, 48)).withEpochs(1).withBatchSize(32).withSeed(5)
                .withHeldOutFraction(0.0).withMinSamplesPerStyle(64).withLearningRate(1e-9f).withCleanShare(0.5);
        ClassifierTrainer.Result warm = ClassifierTrainer.train(fonts, DIGITS, still, GlyphClassifier.load(file),
                Progress.NONE);
        try (GlyphClassifier c = warm.classifier()) {
            ClassifierEvaluation.Report r = ClassifierEvaluation.run(c, fonts, DIGITS, 77, Progress.NONE);
            assertTrue(r.clean().content().value() > 0.9, "warm clean content " + r.clean().content());
            assertTrue(c.training().get("warm_start") instanceof java.util.Map<?, ?> prev
                    && ((Number) prev.get("epochs")).intValue() == 6, "history " + c.training());
            assertEquals(0.5, ((Number) c.training().get("clean_share")).doubleValue());
        }
        ClassifierTrainer.Result cold = ClassifierTrainer.train(fonts, DIGITS, still, Progress.NONE);
        try (GlyphClassifier c = cold.classifier()) {
            ClassifierEvaluation.Report r = ClassifierEvaluation.run(c, fonts, DIGITS, 77, Progress.NONE);
            assertTrue(r.clean().content().value() < 0.5, "untrained clean content " + r.clean().content());
        }
        try (GlyphClassifier start = GlyphClassifier.load(file)) {
            FontganException e = assertThrows(FontganException.class, () -> ClassifierTrainer.train(fonts,
                    "0123456789A".codePoints().toArray(), still, start, Progress.NONE));
            assertTrue(e.getMessage().contains("starting classifier knows 10 characters"), e.getMessage());
            assertThrows(FontganException.class, () -> ClassifierTrainer.train(fonts.subList(0, 2), DIGITS, still,
                    start, Progress.NONE));
            assertThrows(FontganException.class, () -> ClassifierTrainer.train(fonts, DIGITS,
                    still.withArch(new ClassifierArch(8, 48)), start, Progress.NONE));
        }
        assertThrows(FontganException.class, () -> still.withCleanShare(1.5));
    }

    @Test
    void saveThenLoadGivesIdenticalOutputs(@TempDir Path dir) {
        assumeTrained();
        Path file = dir.resolve("digits.zip");
        trained.save(file);
        Random r = new Random(1);
        float[] ink = new float[4 * 32 * 32];
        for (int i = 0; i < ink.length; i++) {
            ink[i] = r.nextFloat();
        }
        InkImages images = InkImages.ofInk(ink, 4, 32);
        try (GlyphClassifier loaded = GlyphClassifier.load(file); NDManager m = NDManager.newBaseManager()) {
            assertArrayEquals(trained.codePoints(), loaded.codePoints());
            assertEquals(trained.styleNames(), loaded.styleNames());
            assertEquals(trained.arch(), loaded.arch());
            NDList a = trained.forward(images.toSigned(m), false, m);
            NDList b = loaded.forward(images.toSigned(m), false, m);
            for (int k = 0; k < 3; k++) {
                assertArrayEquals(a.get(k).toFloatArray(), b.get(k).toFloatArray());
            }
            assertEquals(((Number) trained.training().get("steps")).longValue(),
                    ((Number) loaded.training().get("steps")).longValue());
        }
    }

    @Test
    void corruptedWeightsGiveOneLineError(@TempDir Path dir) throws IOException {
        assumeTrained();
        Path good = dir.resolve("good.zip");
        trained.save(good);
        // flip bytes in the middle of the parameter entry
        byte[][] entries = readEntries(good);
        byte[] params = entries[1].clone();
        for (int i = params.length / 3; i < params.length / 3 + 64; i++) {
            params[i] = (byte) 0xA5;
        }
        Path corrupt = dir.resolve("corrupt.zip");
        writeEntries(corrupt, entries[0], java.util.Arrays.copyOf(params, params.length / 2));
        FontganException e = assertThrows(FontganException.class, () -> GlyphClassifier.load(corrupt));
        assertFalse(e.line().contains("\n"), e.line());
        assertTrue(e.line().startsWith("error: " + corrupt), e.line());

        // garbage instead of a zip
        Path garbage = dir.resolve("garbage.zip");
        Files.write(garbage, "not a model at all".getBytes(StandardCharsets.UTF_8));
        FontganException g = assertThrows(FontganException.class, () -> GlyphClassifier.load(garbage));
        assertTrue(g.problem().contains("not a glyph classifier"), g.problem());

        // a manifest that promises one more style than the weights hold
        String manifest = new String(entries[0], StandardCharsets.UTF_8)
                .replace("\"comic\"", "\"comic\", \"extra\"");
        Path mismatch = dir.resolve("mismatch.zip");
        writeEntries(mismatch, manifest.getBytes(StandardCharsets.UTF_8), entries[1]);
        FontganException m = assertThrows(FontganException.class, () -> GlyphClassifier.load(mismatch));
        assertTrue(m.problem().contains("do not match") || m.problem().contains("corrupt"), m.problem());
    }

    @Test
    void accuracyHelpersCountAndSkip() {
        assumeTrained();
        GlyphClassifier.Predictions p = new GlyphClassifier.Predictions(new int[] {0, 1, 2}, new int[] {'0', '1', '2'},
                new int[] {0, 0, 1}, new float[3][1]);
        Accuracy c = trained.contentAccuracy(p, new int[] {'0', '5', 'x'});
        assertEquals(new Accuracy(1, 2, 1), c);
        Accuracy s = trained.styleAccuracy(p, new String[] {"sans", "serif", "serif"});
        assertEquals(new Accuracy(2, 3, 0), s);
    }

    private static byte[][] readEntries(Path zip) throws IOException {
        byte[][] out = new byte[2][];
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                z.transferTo(b);
                out[e.getName().equals(GlyphClassifier.MANIFEST_ENTRY) ? 0 : 1] = b.toByteArray();
            }
        }
        return out;
    }

    private static void writeEntries(Path zip, byte[] manifest, byte[] params) throws IOException {
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry(GlyphClassifier.MANIFEST_ENTRY));
            z.write(manifest);
            z.putNextEntry(new ZipEntry(GlyphClassifier.PARAMS_ENTRY));
            z.write(params);
        }
    }
}
