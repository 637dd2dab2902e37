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
import dev.fontgan.Json;
import dev.fontgan.Progress;
import dev.fontgan.TorchRuntime;
import dev.fontgan.bicycle.BicycleModel;
import dev.fontgan.bicycle.LatentRefinement;
import dev.fontgan.data.GlyphDataset;
import dev.fontgan.data.Split;
import dev.fontgan.glyph.GlyphImage;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bicycle style packs: export, load, random and reference styles, named styles, corrupt packs. */
class BicyclePackTest {
    @TempDir static Path dir;
    static Path data;
    static Path pack;
    static BicycleModel model;
    static GlyphDataset ds;

    @BeforeAll
    static void setUp() {
        TorchRuntime.configure();
        data = TinyPacks.dataset(dir);
        ds = GlyphDataset.open(data);
        model = TinyBicyclePacks.run(dir.resolve("bicycle-run"), data, TinyPacks.SEED);
        pack = dir.resolve("tiny-bicycle.fgstyle");
        PackExport.export(dir.resolve("bicycle-run"), pack, null, null);
        // export re-estimates G's batch-norm statistics: the model to compare with does the same
        byte[] trained = model.saveGenerator();
        byte[] recalibrated = BatchNormCalibration.recalibrated(model.arch(), trained, model.saveEncoder(), ds, "test");
        assertFalse(Arrays.equals(trained, recalibrated), "the statistics were re-estimated");
        model.loadGenerator(recalibrated, "test");
    }

    @AfterAll
    static void tearDown() {
        model.close();
    }

    private static float[] signed(GlyphImage[] glyphs) {
        int area = glyphs[0].sizePx() * glyphs[0].sizePx();
        float[] out = new float[glyphs.length * area];
        for (int i = 0; i < glyphs.length; i++) {
            StylePack.toSigned(glyphs[i].pixels(), out, i * area);
        }
        return out;
    }

    private static byte[] bytes(NDArray signed) {
        float[] v = signed.toFloatArray();
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) Math.max(0, Math.min(255, Math.round((v[i] + 1f) * 127.5f)));
        }
        return out;
    }

    private static byte[] concat(GlyphImage[] glyphs) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (GlyphImage g : glyphs) {
            b.writeBytes(g.pixels());
        }
        return b.toByteArray();
    }

    @Test
    void exportThenLoadGivesTheModelsOutputsAndCodes() {
        int[] cps = ds.codePoints(Split.TEST);
        int px = ds.sizePx();
        try (StylePack p = StylePack.load(pack); NDManager m = NDManager.newBaseManager()) {
            assertEquals("bicycle", p.kind());
            assertTrue(p.hasLatentSpace());
            assertEquals(model.latentSize(), p.latentSize());
            assertEquals(model.generatorParameterCount(), p.generatorParameterCount());
            GlyphImage[] sources = p.sources(cps);
            float[] z = BicycleModel.latentForSeed(11, model.latentSize());
            float[] rows = new float[cps.length * z.length];
            for (int i = 0; i < cps.length; i++) {
                System.arraycopy(z, 0, rows, i * z.length, z.length);
            }
            NDArray direct = model.generate(m.create(signed(sources), new Shape(cps.length, 1, px, px)),
                    m.create(rows, new Shape(cps.length, z.length)));
            assertArrayEquals(bytes(direct), concat(p.generateLatent(sources, z)), "pack = model, bit for bit");

            // a named style is the mean mu of its training glyphs, and writes as that z
            PackStyle first = p.styles().get(0);
            assertNotNull(first.z());
            int[] train = Arrays.stream(ds.codePoints(Split.TRAIN)).filter(cp -> ds.target(0, cp) != null).toArray();
            float[] glyphs = new float[train.length * px * px];
            for (int i = 0; i < train.length; i++) {
                StylePack.toSigned(ds.target(0, train[i]), glyphs, i * px * px);
            }
            float[] mu = model.encodeMean(m.create(glyphs, new Shape(train.length, 1, px, px))).toFloatArray();
            for (int k = 0; k < z.length; k++) {
                double mean = 0;
                for (int i = 0; i < train.length; i++) {
                    mean += mu[i * z.length + k];
                }
                assertEquals(mean / train.length, first.z()[k], 1e-5, "z[" + k + "] of " + first.name());
            }
            assertArrayEquals(concat(p.generateLatent(sources, first.z())),
                    concat(p.generate(sources, StyleMix.of(first.name()))), "--style NAME writes with the saved z");
        }
    }

    @Test
    void zScaleDrawsNarrowerStylesAndIsStoredInTheManifest() throws IOException {
        int[] cps = ds.codePoints(Split.TEST);
        byte[] original = Files.readAllBytes(pack);
        Path scaled = dir.resolve("scaled.fgstyle");
        Files.write(scaled, StylePack.withDefaultZScale(original, 0.5, pack.toString()));
        try (StylePack p = StylePack.load(pack); StylePack s = StylePack.load(scaled)) {
            assertEquals(1.0, p.zScale(), "a pack without sampling.z_scale draws at the prior");
            assertEquals(0.5, s.zScale());
            float[] unit = BicycleModel.latentForSeed(7, p.latentSize());
            assertArrayEquals(unit, p.latentForSeed(7));
            float[] half = s.latentForSeed(7);
            for (int k = 0; k < unit.length; k++) {
                assertEquals(0.5f * unit[k], half[k], 1e-7f, "z[" + k + "]");
            }
            // only random styles change: named styles and weights are carried over bit for bit
            assertArrayEquals(concat(p.generate(cps, StyleMix.of("wenkai"))), concat(s.generate(cps, StyleMix.of("wenkai"))));
            assertArrayEquals(concat(p.generateLatent(cps, half)), concat(s.generateLatent(cps, s.latentForSeed(7))));
            assertFalse(Arrays.equals(concat(p.generateLatent(cps, p.latentForSeed(7))),
                    concat(s.generateLatent(cps, s.latentForSeed(7)))), "another scale, another style");

            // a command line's --z-scale overrides the manifest; 0 is the average style z = 0
            s.useZScale(0);
            assertArrayEquals(new float[s.latentSize()], s.latentForSeed(7), 0f);
            s.useZScale(1);
            assertArrayEquals(unit, s.latentForSeed(7));
            for (double bad : new double[] {-0.1, Double.NaN, PackManifest.MAX_Z_SCALE + 1}) {
                FontganException e = assertThrows(FontganException.class, () -> s.useZScale(bad));
                assertTrue(e.line().contains("--z-scale"), e.line());
            }
        }
        FontganException e = assertThrows(FontganException.class,
                () -> StylePack.withDefaultZScale(original, 9, pack.toString()));
        assertTrue(e.getMessage().contains("z scale must be"), e.getMessage());
        byte[] zi2zi = Files.readAllBytes(TinyPacks.pack(dir.resolve("zi2zi")));
        e = assertThrows(FontganException.class, () -> StylePack.withDefaultZScale(zi2zi, 0.5, "z.fgstyle"));
        assertTrue(e.getMessage().contains("bicycle pack"), e.getMessage());
    }

    @Test
    void repackReEstimatesBatchNormAsExportDoes() throws IOException {
        byte[] original = Files.readAllBytes(pack);
        byte[] repacked = PackExport.recalibratedPack(original, ds, pack.toString());
        Map<String, byte[]> a = StylePack.unzip(original, "a");
        Map<String, byte[]> b = StylePack.unzip(repacked, "b");
        // the statistics restart from (0, 1) and follow the same seeded batches: export's result again
        assertArrayEquals(a.get(StylePack.GENERATOR_ENTRY), b.get(StylePack.GENERATOR_ENTRY));
        assertArrayEquals(a.get(StylePack.ENCODER_ENTRY), b.get(StylePack.ENCODER_ENTRY));
        String manifest = new String(b.get(StylePack.MANIFEST_ENTRY), StandardCharsets.UTF_8);
        assertTrue(manifest.contains("after export"), "the manifest records the re-estimate");

        // a pack with the statistics training left (an older export): new statistics, the export's
        Path checkpoint = new dev.fontgan.gan.RunDirectory(dir.resolve("bicycle-run"), 1).checkpoints().newest()
                .orElseThrow();
        byte[] trained = dev.fontgan.gan.Checkpoints.part(dev.fontgan.gan.Checkpoints.read(checkpoint),
                StylePack.GENERATOR_ENTRY, checkpoint);
        PackManifest m = PackManifest.parse(new String(a.get(StylePack.MANIFEST_ENTRY), StandardCharsets.UTF_8), "m");
        Map<String, byte[]> weights = new LinkedHashMap<>();
        weights.put(StylePack.GENERATOR_ENTRY, trained);
        weights.put(StylePack.ENCODER_ENTRY, a.get(StylePack.ENCODER_ENTRY));
        byte[] old = StylePack.zip(m, weights, a.get(m.source().file()),
                m.source().licenseFile() == null ? null : a.get(m.source().licenseFile()));
        byte[] fixed = StylePack.unzip(PackExport.recalibratedPack(old, ds, "old.fgstyle"), "c")
                .get(StylePack.GENERATOR_ENTRY);
        assertFalse(Arrays.equals(trained, fixed));
        assertArrayEquals(a.get(StylePack.GENERATOR_ENTRY), fixed);
        byte[] zi2zi = Files.readAllBytes(TinyPacks.pack(dir.resolve("zi2zi-repack")));
        FontganException e = assertThrows(FontganException.class,
                () -> PackExport.recalibratedPack(zi2zi, ds, "z.fgstyle"));
        assertTrue(e.line().contains("z.fgstyle") && e.line().contains("bicycle"), e.line());
    }

    @Test
    void manifestZScaleRoundTripsAndBadValuesNameTheField() {
        try (StylePack p = StylePack.load(pack)) {
            PackManifest m = p.manifest();
            assertFalse(Json.write(m.toJson()).contains("sampling"), "the prior's scale is not written");
            PackManifest scaled = PackManifest.parse(Json.write(m.withZScale(0.7).toJson()), "m.json");
            assertEquals(0.7, scaled.zScale());
            Map<String, Object> j = m.toJson();
            j.put("sampling", Json.obj("z_scale", "wide"));
            FontganException e = assertThrows(FontganException.class, () -> PackManifest.parse(Json.write(j), "m.json"));
            assertTrue(e.line().contains("m.json") && e.line().contains("sampling.z_scale"), e.line());
            j.put("sampling", Json.obj("z_scale", -1));
            e = assertThrows(FontganException.class, () -> PackManifest.parse(Json.write(j), "m.json"));
            assertTrue(e.getMessage().contains("z scale must be"), e.getMessage());
        }
    }

    @Test
    void loadingTwiceGivesIdenticalOutputs() {
        int[] cps = ds.codePoints(Split.TEST);
        try (StylePack a = StylePack.load(pack); StylePack b = StylePack.load(pack)) {
            assertArrayEquals(concat(a.generateLatent(cps, a.latentForSeed(3))),
                    concat(b.generateLatent(cps, b.latentForSeed(3))));
            assertArrayEquals(concat(a.generate(cps, StyleMix.parse("wenkai:0.5,ukai:0.5", "--style"))),
                    concat(b.generate(cps, StyleMix.parse("wenkai:0.5,ukai:0.5", "--style"))));
        }
    }

    @Test
    void sameSeedSameStyleOtherSeedOtherStyle() {
        int[] cps = "的一是不了".codePoints().toArray();
        try (StylePack p = StylePack.load(pack)) {
            LatentStyle seven = LatentStyle.random(p, 7);
            assertArrayEquals(seven.z(), LatentStyle.random(p, 7).z());
            assertArrayEquals(seven.z(), BicycleModel.latentForSeed(7, p.latentSize()));
            assertFalse(Arrays.equals(seven.z(), LatentStyle.random(p, 8).z()));
            byte[] once;
            try (PackHand h = seven.hand(p, false)) {
                once = concat(h.write(cps));
            }
            // each character alone, in another order: the same glyphs (one style for the whole call)
            ByteArrayOutputStream alone = new ByteArrayOutputStream();
            for (int cp : cps) {
                alone.writeBytes(p.generateLatent(new int[] {cp}, seven.z())[0].pixels());
            }
            assertArrayEquals(once, alone.toByteArray());
            assertFalse(Arrays.equals(once, concat(p.generateLatent(cps, LatentStyle.random(p, 8).z()))));
        }
    }

    /** A glyph as a scan would give it: 3x larger, dark ink on light grey paper. */
    private static Path picture(byte[] glyph, int px, Path file) throws IOException {
        BufferedImage small = new BufferedImage(px, px, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < px; y++) {
            for (int x = 0; x < px; x++) {
                int ink = glyph[y * px + x] & 0xff;
                small.getRaster().setSample(x, y, 0, 235 - ink * 215 / 255);
            }
        }
        BufferedImage big = new BufferedImage(3 * px + 20, 3 * px + 10, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = big.createGraphics();
        g.setColor(new java.awt.Color(235, 235, 235));
        g.fillRect(0, 0, big.getWidth(), big.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(small, 12, 4, 3 * px, 3 * px, null);
        g.dispose();
        ImageIO.write(big, "png", file.toFile());
        return file;
    }

    @Test
    void referenceStyleIsDeterministicAndComesFromThePictures() throws IOException {
        int[] cps = ds.codePoints(Split.TRAIN);
        List<Path> wenkai = new ArrayList<>();
        List<Path> ukai = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            wenkai.add(picture(ds.target(0, cps[i]), ds.sizePx(), dir.resolve("wenkai-" + i + ".png")));
            ukai.add(picture(ds.target(1, cps[i]), ds.sizePx(), dir.resolve("ukai-" + i + ".png")));
        }
        try (StylePack p = StylePack.load(pack)) {
            LatentStyle a = LatentStyle.fromReferences(p, wenkai);
            LatentStyle b = LatentStyle.fromReferences(p, wenkai);
            assertArrayEquals(a.z(), b.z(), "same pictures, same code");
            assertEquals(p.latentSize(), a.z().length);
            assertEquals("reference:4 glyphs", a.name());
            assertFalse(Arrays.equals(a.z(), LatentStyle.fromReferences(p, ukai).z()), "other pictures, other code");
            // the average of the pictures' codes
            float[] one = LatentStyle.fromReferences(p, wenkai.subList(0, 1)).z();
            float[][] each = new float[4][];
            for (int i = 0; i < 4; i++) {
                each[i] = LatentStyle.fromReferences(p, wenkai.subList(i, i + 1)).z();
            }
            assertArrayEquals(one, each[0]);
            for (int k = 0; k < one.length; k++) {
                assertEquals((each[0][k] + each[1][k] + each[2][k] + each[3][k]) / 4, a.z()[k], 1e-5);
            }
            Path blank = dir.resolve("blank.png");
            ImageIO.write(new BufferedImage(20, 20, BufferedImage.TYPE_BYTE_GRAY), "png", blank.toFile());
            FontganException e = assertThrows(FontganException.class, () -> LatentStyle.fromReferences(p, List.of(blank)));
            assertTrue(e.getMessage().contains("no ink"), e.getMessage());
            assertThrows(FontganException.class, () -> LatentStyle.fromReferences(p, List.of(dir.resolve("none.png"))));
        }
    }

    /** Four training glyphs of style {@code t} as (source, target) arrays in [-1, 1], the characters' sources from the pack. */
    private static NDArray[] referenceBatch(StylePack p, NDManager m, int t) {
        int px = ds.sizePx();
        int[] cps = Arrays.stream(ds.codePoints(Split.TRAIN)).filter(cp -> ds.target(t, cp) != null && p.canWrite(cp))
                .limit(4).toArray();
        GlyphImage[] src = p.sources(cps);
        float[] s = new float[cps.length * px * px];
        float[] g = new float[cps.length * px * px];
        for (int i = 0; i < cps.length; i++) {
            StylePack.toSigned(src[i].pixels(), s, i * px * px);
            StylePack.toSigned(ds.target(t, cps[i]), g, i * px * px);
        }
        Shape shape = new Shape(cps.length, 1, px, px);
        return new NDArray[] {m.create(s, shape), m.create(g, shape)};
    }

    @Test
    void refinementLowersTheReferencesL1AndMovesOnlyZ() {
        try (StylePack p = StylePack.load(pack); NDManager m = NDManager.newBaseManager()) {
            NDArray[] batch = referenceBatch(p, m, 1);
            float[] encoded = model.encodeMean(batch[1]).mean(new int[] {0}).toFloatArray();
            byte[] g = model.saveGenerator();
            byte[] e = model.saveEncoder();
            long trainable = model.generatorParameterCount();
            LatentRefinement.Settings settings = LatentRefinement.settings(30, "test");
            LatentRefinement.Result r = LatentRefinement.refine(model, batch[0], batch[1], encoded, settings, Progress.NONE);
            assertEquals(LatentRefinement.drawnL1(model, batch[0], batch[1], encoded), r.startL1(), 1e-6,
                    "the first L1 is the encoded code's");
            assertEquals(LatentRefinement.drawnL1(model, batch[0], batch[1], r.z()), r.endL1(), 1e-6);
            assertTrue(r.endL1() < r.startL1() - 1e-4, "refined " + r.endL1() + " vs encoded " + r.startL1());
            assertArrayEquals(encoded, r.zAfter(0));
            assertArrayEquals(r.z(), r.bestUpTo(30));
            assertTrue(r.endL1() <= r.l1()[30], "the best code, not necessarily the last");
            assertArrayEquals(g, model.saveGenerator(), "G's weights and statistics bit for bit");
            assertArrayEquals(e, model.saveEncoder(), "E's weights bit for bit");
            assertEquals(trainable, model.generatorParameterCount(), "G's weights trainable again afterwards");

            // same inputs, same code, bit for bit
            assertArrayEquals(r.z(), LatentRefinement.refine(model, batch[0], batch[1], encoded, settings,
                    Progress.NONE).z());
            // the best of several starts is refined: the one whose drawing has the lower L1
            float[] far = new float[encoded.length];
            Arrays.fill(far, 3f);
            float farL1 = LatentRefinement.drawnL1(model, batch[0], batch[1], far);
            assertTrue(farL1 != r.startL1());
            LatentRefinement.Result best = LatentRefinement.refine(model, batch[0], batch[1],
                    new float[][] {far, encoded}, settings, null, Progress.NONE);
            assertArrayEquals(farL1 < r.startL1() ? far : encoded, best.zAfter(0));
            assertEquals(Math.min(farL1, r.startL1()), best.startL1(), 1e-6);
            // 0 steps: the start code
            assertArrayEquals(encoded, LatentRefinement.refine(model, batch[0], batch[1], encoded,
                    settings.withSteps(0), Progress.NONE).z());
        }
    }

    @Test
    void refinedReferenceStyleNeedsPicturesNamedByTheirCharacter() throws IOException {
        int[] cps = Arrays.stream(ds.codePoints(Split.TRAIN)).filter(cp -> ds.target(0, cp) != null).limit(3).toArray();
        List<Path> named = new ArrayList<>();
        Path folder = Files.createDirectories(dir.resolve("named-refs"));
        for (int i = 0; i < cps.length; i++) {
            String ch = new String(Character.toChars(cps[i]));
            named.add(picture(ds.target(0, cps[i]), ds.sizePx(), folder.resolve(i == 0 ? "scan-" + ch + ".png"
                    : i == 1 ? ch + ".png" : "U+" + Integer.toHexString(cps[i]).toUpperCase() + ".png")));
        }
        LatentRefinement.Settings refine = LatentRefinement.settings(10, "test");
        try (StylePack p = StylePack.load(pack)) {
            LatentStyle plain = LatentStyle.fromReferences(p, named);
            LatentStyle a = LatentStyle.fromReferences(p, named, refine, Progress.NONE);
            LatentStyle b = LatentStyle.fromReferences(p, named, refine, Progress.NONE);
            assertArrayEquals(a.z(), b.z(), "same pictures, same refined code");
            assertFalse(Arrays.equals(plain.z(), a.z()), "refinement moved the code");
            assertEquals("reference:3 glyphs, refined 10 steps", a.name());
            assertArrayEquals(plain.z(), LatentStyle.fromReferences(p, named, refine.withSteps(0), Progress.NONE).z());

            Path unnamed = picture(ds.target(0, cps[0]), ds.sizePx(), dir.resolve("scan-12.png"));
            List<Path> withUnnamed = List.of(named.get(0), unnamed);
            FontganException e = assertThrows(FontganException.class,
                    () -> LatentStyle.fromReferences(p, withUnnamed, refine, Progress.NONE));
            assertTrue(e.where().equals(unnamed.toString()) && e.line().contains("which character"), e.line());
            assertEquals(1, e.line().lines().count());
            // without refinement a name need not give the character
            assertEquals(p.latentSize(), LatentStyle.fromReferences(p, withUnnamed).z().length);

            Path privateUse = picture(ds.target(0, cps[0]), ds.sizePx(), dir.resolve("U+10FFFD.png"));
            e = assertThrows(FontganException.class,
                    () -> LatentStyle.fromReferences(p, List.of(privateUse), refine, Progress.NONE));
            assertTrue(e.where().equals(privateUse.toString()) && e.line().contains("cannot write"), e.line());
        }
    }

    @Test
    void zi2ziPackRefusesLatentStylesInOneLine() {
        Path zi2zi = dir.resolve("zi2zi.fgstyle");
        try (var ignored = TinyPacks.run(dir.resolve("zi2zi-run"), data, 3)) {
            PackExport.export(dir.resolve("zi2zi-run"), zi2zi, null, null);
        }
        try (StylePack p = StylePack.load(zi2zi)) {
            assertFalse(p.hasLatentSpace());
            FontganException e = assertThrows(FontganException.class, () -> LatentStyle.random(p, 7));
            assertTrue(e.line().contains("bicycle pack") && e.line().lines().count() == 1, e.line());
            assertThrows(FontganException.class, () -> PackHand.latent(p, new float[8], "z", false));
        }
    }

    /** The pack's zip entries, to rewrite one. */
    private static Map<String, byte[]> entries() {
        return StylePack.unzip(readPack(), pack.toString());
    }

    private static byte[] readPack() {
        try {
            return Files.readAllBytes(pack);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return b.toByteArray();
    }

    private static void assertRefused(Map<String, byte[]> entries, String expected) throws IOException {
        Path bad = dir.resolve("bad.fgstyle");
        Files.write(bad, zip(entries));
        FontganException e = assertThrows(FontganException.class, () -> StylePack.load(bad));
        assertTrue(e.line().startsWith("error: " + bad) && e.line().lines().count() == 1, e.line());
        assertTrue(e.line().contains(expected), e.line());
    }

    @Test
    void corruptBicyclePacksAreRefusedInOneLine() throws IOException {
        Map<String, byte[]> noEncoder = new LinkedHashMap<>(entries());
        noEncoder.remove(StylePack.ENCODER_ENTRY);
        assertRefused(noEncoder, "no encoder.params");

        Map<String, byte[]> cutEncoder = new LinkedHashMap<>(entries());
        byte[] enc = cutEncoder.get(StylePack.ENCODER_ENTRY);
        cutEncoder.put(StylePack.ENCODER_ENTRY, Arrays.copyOf(enc, enc.length / 2));
        assertRefused(cutEncoder, "encoder.params");

        Map<String, byte[]> swapped = new LinkedHashMap<>(entries());
        swapped.put(StylePack.ENCODER_ENTRY, swapped.get(StylePack.GENERATOR_ENTRY));
        assertRefused(swapped, "encoder.params");

        Map<String, Object> manifest = Json.parseObject(new String(entries().get(StylePack.MANIFEST_ENTRY),
                StandardCharsets.UTF_8), "manifest");
        @SuppressWarnings("unchecked")
        Map<String, Object> style = (Map<String, Object>) ((List<Object>) manifest.get("styles")).get(1);
        style.put("z", List.of(0.5, 0.25));
        Map<String, byte[]> shortZ = new LinkedHashMap<>(entries());
        shortZ.put(StylePack.MANIFEST_ENTRY, Json.write(manifest).getBytes(StandardCharsets.UTF_8));
        assertRefused(shortZ, "latent code z of 8 values");

        style.remove("z");
        Map<String, byte[]> noZ = new LinkedHashMap<>(entries());
        noZ.put(StylePack.MANIFEST_ENTRY, Json.write(manifest).getBytes(StandardCharsets.UTF_8));
        assertRefused(noZ, "needs a latent code");

        style.put("z", List.of(1, 2, 3, 4, 5, 6, 7, "x"));
        Map<String, byte[]> textZ = new LinkedHashMap<>(entries());
        textZ.put(StylePack.MANIFEST_ENTRY, Json.write(manifest).getBytes(StandardCharsets.UTF_8));
        assertRefused(textZ, "not a finite number");
    }
}
