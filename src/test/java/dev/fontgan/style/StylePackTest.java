package dev.fontgan.style;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.fontgan.FontganException;
import dev.fontgan.TorchRuntime;
import dev.fontgan.data.GlyphDataset;
import dev.fontgan.data.Split;
import dev.fontgan.glyph.GlyphImage;
import dev.fontgan.zi2zi.Zi2ziArch;
import dev.fontgan.zi2zi.Zi2ziModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StylePackTest {
    @TempDir static Path dir;
    static Path data;
    static Path pack;
    static Zi2ziModel model;

    @BeforeAll
    static void setUp() {
        TorchRuntime.configure();
        data = TinyPacks.dataset(dir);
        model = TinyPacks.run(dir.resolve("run"), data, TinyPacks.SEED);
        pack = dir.resolve("tiny.fgstyle");
        PackExport.export(dir.resolve("run"), pack, null, null);
    }

    @Test
    void defaultStyleIsTheBestScoredAtExportElseTheFirst() throws IOException {
        try (StylePack p = StylePack.load(pack)) {
            assertEquals(p.styles().get(0).name(), PackHand.defaultStyle(p).toString());
            String second = p.styles().get(1).name();
            Path eval = dir.resolve("eval.json");
            Files.writeString(eval, dev.fontgan.Json.write(dev.fontgan.Json.obj("styles", java.util.List.of(
                    dev.fontgan.Json.obj("name", p.styles().get(0).name(), "content_acc", 0.9, "ssim", 0.4),
                    dev.fontgan.Json.obj("name", second, "content_acc", 0.8, "ssim", 0.6)))));
            Path scored = dir.resolve("scored.fgstyle");
            PackExport.export(dir.resolve("run"), scored, null, eval);
            try (StylePack q = StylePack.load(scored)) {
                assertEquals(second, PackHand.defaultStyle(q).toString(), "0.8 x 0.6 beats 0.9 x 0.4");
            }
        }
    }

    @Test
    void exportThenLoadGivesBitIdenticalGeneratorOutputs() {
        GlyphDataset ds = GlyphDataset.open(data);
        int[] cps = ds.codePoints(Split.TEST);
        assertTrue(cps.length > 0);
        try (StylePack p = StylePack.load(pack); NDManager m = NDManager.newBaseManager()) {
            assertEquals(ds.styleNames(), p.styles().stream().map(PackStyle::name).toList());
            GlyphImage[] sources = p.sources(cps);
            int area = 16 * 16;
            float[] pixels = new float[cps.length * area];
            for (int i = 0; i < cps.length; i++) {
                // the pack frames its input exactly as the training data was made
                assertArrayEquals(ds.source(cps[i]), sources[i].pixels(), "source of U+" + Integer.toHexString(cps[i]));
                for (int j = 0; j < area; j++) {
                    pixels[i * area + j] = (sources[i].pixels()[j] & 0xff) / 127.5f - 1f;
                }
            }
            NDArray src = m.create(pixels, new Shape(cps.length, 1, 16, 16));
            for (PackStyle s : p.styles()) {
                int[] ids = new int[cps.length];
                Arrays.fill(ids, s.id());
                float[] want = model.generate(src, m.create(ids)).toFloatArray();
                float[] weights = new float[p.styles().size()];
                weights[s.id()] = 1;
                float[] got = p.forward(src, StylePack.styleWeights(m, weights, cps.length)).toFloatArray();
                assertArrayEquals(want, got, s.name());
                GlyphImage[] images = p.generate(cps, StyleMix.of(s.name()));
                for (int i = 0; i < cps.length; i++) {
                    assertEquals(Math.round((want[i * area + 37] + 1) * 127.5f), images[i].pixels()[37] & 0xff);
                    assertEquals(sources[i].placement(), images[i].placement());
                }
            }
        }
    }

    @Test
    void styleMixEndpointsEqualThePureStyles() {
        int[] cps = TinyPacks.CHARS.codePoints().limit(20).toArray();
        try (StylePack p = StylePack.load(pack)) {
            GlyphImage[] a = p.generate(cps, StyleMix.of("wenkai"));
            GlyphImage[] b = p.generate(cps, StyleMix.of("ukai"));
            GlyphImage[] a1 = p.generate(cps, StyleMix.parse("wenkai:1,ukai:0", "--style"));
            GlyphImage[] b1 = p.generate(cps, StyleMix.parse("wenkai:0, ukai:1", "--style"));
            GlyphImage[] half = p.generate(cps, StyleMix.parse("wenkai:0.5,ukai:0.5", "--style"));
            boolean differs = false;
            for (int i = 0; i < cps.length; i++) {
                assertArrayEquals(a[i].pixels(), a1[i].pixels());
                assertArrayEquals(b[i].pixels(), b1[i].pixels());
                differs |= !Arrays.equals(half[i].pixels(), a[i].pixels()) && !Arrays.equals(half[i].pixels(), b[i].pixels());
            }
            assertTrue(differs, "a blend should differ from both ends");
        }
    }

    @Test
    void generateRunsOneForwardPassPerBatch() {
        int[] cps = TinyPacks.CHARS.codePoints().toArray(); // 104 characters: batches of 64 + 40
        try (StylePack p = StylePack.load(pack)) {
            GlyphImage[] out = p.generate(cps, StyleMix.of("ukai"));
            assertEquals(2, p.forwardPasses());
            for (GlyphImage g : out) {
                assertNotNull(g);
            }
            assertEquals(null, p.generate(new int[] {0xE000}, StyleMix.of("ukai"))[0], "private use: source lacks it");
        }
    }

    @Test
    void unknownStyleNamesTheStylesThereAre() {
        try (StylePack p = StylePack.load(pack)) {
            FontganException e = assertThrows(FontganException.class,
                    () -> p.generate(new int[] {'a'}, StyleMix.parse("kai:0.7,wenkai:0.3", "--style")));
            assertEquals("error: --style: no style 'kai' in this pack (styles: wenkai, ukai, wenkai-2)", e.line());
        }
        assertThrows(FontganException.class, () -> StyleMix.parse("wenkai:-1", "--style"));
        assertThrows(FontganException.class, () -> StyleMix.parse("wenkai:0", "--style"));
        assertThrows(FontganException.class, () -> StyleMix.parse("wenkai:x", "--style"));
    }

    @Test
    void manifestRecordsSourceFontStylesAndCharset() throws IOException {
        try (StylePack p = StylePack.load(pack)) {
            PackManifest m = p.manifest();
            assertEquals("zi2zi", m.kind());
            assertEquals("tiny", m.arch());
            assertEquals(16, m.sizePx());
            assertEquals("wqy-microhei", m.source().name());
            assertEquals("font/wqy-microhei.ttc", m.source().file());
            assertNotNull(m.source().license());
            assertNotNull(m.source().licenseFile());
            assertEquals(TinyPacks.CHARS.codePoints().count(), m.codePoints().length);
            assertEquals("WenQuanYi Micro Hei", p.sourceFont().family());
            Map<String, byte[]> entries = StylePack.unzip(Files.readAllBytes(pack), "x");
            assertTrue(new String(entries.get(m.source().licenseFile()), StandardCharsets.UTF_8).length() > 100);
            assertFalse(entries.keySet().stream().anyMatch(k -> k.contains("discriminator") || k.contains("optimizer")));
        }
    }

    @Test
    void wrongShapeParametersGiveAOneLineError() throws IOException {
        Map<String, byte[]> entries = StylePack.unzip(Files.readAllBytes(pack), "x");
        try (Zi2ziModel two = Zi2ziModel.create(Zi2ziArch.TINY, 2, 16, 1)) {
            entries.put(StylePack.GENERATOR_ENTRY, two.saveGenerator()); // 2 styles, the manifest says 3
        }
        Path bad = write("wrong-shape.fgstyle", entries);
        FontganException e = assertThrows(FontganException.class, () -> StylePack.load(bad));
        assertOneLine(e, bad);
        assertTrue(e.line().contains("styleEmbedding") || e.line().contains("shape"), e.line());
    }

    @Test
    void missingEntryGivesAOneLineError() throws IOException {
        Map<String, byte[]> entries = StylePack.unzip(Files.readAllBytes(pack), "x");
        entries.remove(StylePack.GENERATOR_ENTRY);
        Path bad = write("missing.fgstyle", entries);
        FontganException e = assertThrows(FontganException.class, () -> StylePack.load(bad));
        assertEquals("error: " + bad + ": style pack has no generator.params", e.line());
    }

    @Test
    void truncatedOrForeignFilesGiveOneLineErrors() throws IOException {
        byte[] bytes = Files.readAllBytes(pack);
        for (int cut : new int[] {bytes.length / 2, bytes.length - 10, 30}) {
            Path bad = dir.resolve("cut-" + cut + ".fgstyle");
            Files.write(bad, Arrays.copyOf(bytes, cut));
            assertOneLine(assertThrows(FontganException.class, () -> StylePack.load(bad)), bad);
        }
        Path text = dir.resolve("text.fgstyle");
        Files.writeString(text, "hello, not a zip at all");
        assertEquals("error: " + text + ": not a style pack (not a zip file)",
                assertThrows(FontganException.class, () -> StylePack.load(text)).line());
        Map<String, byte[]> entries = StylePack.unzip(bytes, "x");
        entries.put(StylePack.MANIFEST_ENTRY, new String(entries.get(StylePack.MANIFEST_ENTRY), StandardCharsets.UTF_8)
                .replace("\"version\": 1", "\"version\": 9").getBytes(StandardCharsets.UTF_8));
        Path newer = write("newer.fgstyle", entries);
        FontganException e = assertThrows(FontganException.class, () -> StylePack.load(newer));
        assertTrue(e.line().contains("version 9"), e.line());
        assertOneLine(e, newer);
    }

    @Test
    void missingDefaultPackSaysHowToMakeOne() {
        org.junit.jupiter.api.Assumptions.assumeFalse(StylePack.hasDefault());
        assertEquals("error: default style pack: no default style pack in this build; train one with "
                + "tools/train-default.sh", assertThrows(FontganException.class, StylePack::loadDefault).line());
    }

    @Test
    void shippedPackGivesTheSameGlyphsWithFoldedWeights() {
        org.junit.jupiter.api.Assumptions.assumeTrue(StylePack.hasDefault());
        try (StylePack p = StylePack.loadDefault(); NDManager m = NDManager.newBaseManager()) {
            assertTrue(p.folded(), "the default arch folds");
            int[] cps = "永和九年岁在癸丑暮春之初会于山阴Hello, world".codePoints().toArray();
            GlyphImage[] src = Arrays.stream(p.sources(cps)).filter(g -> g != null).toArray(GlyphImage[]::new);
            int px = p.sizePx(), area = px * px, styles = p.styles().size();
            float[] pixels = new float[src.length * area];
            float[] weights = new float[src.length * styles];
            for (int k = 0; k < src.length; k++) {
                for (int j = 0; j < area; j++) {
                    pixels[k * area + j] = (src[k].pixels()[j] & 0xff) / 127.5f - 1f;
                }
                weights[k * styles + k % styles] = 1f; // every style, and a blend in the last row
            }
            Arrays.fill(weights, (src.length - 1) * styles, src.length * styles, 1f / styles);
            NDArray x = m.create(pixels, new Shape(src.length, 1, px, px));
            NDArray w = m.create(weights, new Shape(src.length, styles));
            float[] expected = p.forwardUnfolded(x, w).toFloatArray();
            float[] got = p.forward(x, w).toFloatArray();
            float worst = 0;
            for (int i = 0; i < got.length; i++) {
                worst = Math.max(worst, Math.abs(expected[i] - got[i]));
            }
            assertTrue(worst < 1e-4f, "largest difference " + worst);
            long midtones = 0;
            for (float v : expected) {
                midtones += Math.abs(v) < 0.9f ? 1 : 0;
            }
            assertTrue(midtones > 1000, "outputs are not all saturated (" + midtones + ")");
        }
    }

    private static void assertOneLine(FontganException e, Path where) {
        assertTrue(e.line().startsWith("error: " + where), e.line());
        assertFalse(e.line().contains("\n"), e.line());
    }

    private static Path write(String name, Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        Path p = dir.resolve(name);
        Files.write(p, bytes.toByteArray());
        return p;
    }
}
