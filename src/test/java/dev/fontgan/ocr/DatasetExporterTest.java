package dev.fontgan.ocr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.Progress;
import dev.fontgan.TestFonts;
import dev.fontgan.font.FontFile;
import dev.fontgan.render.ShippedFonts;
import dev.fontgan.style.FontHand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetExporterTest {
    @TempDir
    Path temp;

    private static final String LATIN = "The quick brown fox jumps over the lazy dog.\nShe sells sea shells by the shore.\n"
            + "Pack my box with five dozen liquor jugs.\n";
    private static final String CHINESE = "今天早上我六点就起床了。\n外面下着小雨，记得带伞。\n";

    private Path corpus(String text) throws IOException {
        Path p = temp.resolve("corpus-" + text.hashCode() + ".txt");
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static Style font(String name, String relative, double weight) {
        return new Style(name, relative, new FontHand(name, FontFile.open(TestFonts.path(relative)), 64), weight);
    }

    /** Styles from fixed fonts: {@code fonts:dejavu}, {@code fonts:wqy}, {@code fonts:both}. */
    private static StyleMix styles(String spec) {
        StyleResolver r = (selector, weight) -> switch (selector) {
            case "dejavu" -> List.of(font("dejavu", TestFonts.DEJAVU_SANS, weight));
            case "wqy" -> List.of(font("wqy", TestFonts.WQY_MICROHEI, weight));
            case "both" -> List.of(font("dejavu", TestFonts.DEJAVU_SANS, weight / 2),
                    font("wqy", TestFonts.WQY_MICROHEI, weight / 2));
            default -> throw new FontganException("--styles", selector);
        };
        return StyleMix.parse(spec, Map.of("fonts", r));
    }

    private DatasetSpec spec(String text, String styles, AugmentConfig aug, Uncovered policy, long count, double val)
            throws IOException {
        TextSource source = CorpusText.load(corpus(text), CorpusText.Mode.WINDOWS, 2, 6);
        return new DatasetSpec(source, styles(styles), aug, policy, ShippedFonts.none(), count, 7, 32, val,
                EnumSet.allOf(LabelFormat.class), false);
    }

    private DatasetSpec latin(long count) throws IOException {
        return spec(LATIN, "fonts:dejavu", AugmentConfig.defaults(), Uncovered.RESTYLE, count, 0.3);
    }

    /** Every file under a folder by relative path, with its bytes. */
    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    /** The set's manifest.jsonl, one map per line. */
    static List<Map<String, Object>> manifest(Path dir) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("manifest.jsonl"), StandardCharsets.UTF_8)) {
            rows.add(Json.parseObject(line, "manifest"));
        }
        return rows;
    }

    private static List<String> paddleLines(Path dir) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve("train.txt"), StandardCharsets.UTF_8));
        lines.addAll(Files.readAllLines(dir.resolve("val.txt"), StandardCharsets.UTF_8));
        return lines;
    }

    @Test
    void paddleLabelsArePathTabLabelAndTheDictionaryHoldsEveryLabelCharacter() throws IOException {
        Path out = temp.resolve("ds");
        new DatasetExporter(latin(12), out, 5).run(2, Progress.NONE, -1);
        List<String> lines = paddleLines(out);
        assertEquals(12, lines.size());
        Set<Integer> labelChars = new HashSet<>();
        for (String line : lines) {
            assertTrue(line.matches("images/\\d{5}/\\d{8}\\.png\t[^\t\n]+"), line);
            String[] parts = line.split("\t");
            assertTrue(Files.isRegularFile(out.resolve(parts[0])), parts[0]);
            assertEquals(parts[1], parts[1].strip());
            parts[1].codePoints().filter(cp -> cp != ' ').forEach(labelChars::add);
        }
        List<String> dict = Files.readAllLines(out.resolve("dict.txt"), StandardCharsets.UTF_8);
        Set<Integer> dictChars = new HashSet<>();
        for (String d : dict) {
            assertEquals(1, d.codePointCount(0, d.length()), "one character per line: '" + d + "'");
            assertNotEquals(" ", d);
            dictChars.add(d.codePointAt(0));
        }
        assertEquals(dict.size(), dictChars.size(), "no duplicates");
        assertEquals(labelChars, dictChars);
        Map<String, Object> summary = Json.parseObject(Files.readString(out.resolve("dataset.json")), "summary");
        assertEquals(12L, summary.get("count"));
        assertEquals(Files.readAllLines(out.resolve("val.txt")).size(), ((Number) summary.get("val")).intValue());
        @SuppressWarnings("unchecked")
        Map<String, Object> paddle = (Map<String, Object>) ((Map<String, Object>) summary.get("files")).get("paddleocr");
        assertEquals(Boolean.TRUE, paddle.get("use_space_char"), "Latin windows of 2+ words hold spaces");
        assertFalse(Files.exists(out.resolve(DatasetExporter.STATE_DIR)), "work state is removed when done");
    }

    @Test
    void tesstrainPairsAndManifestRowsAgreeWithThePaddleLabels() throws IOException {
        Path out = temp.resolve("ds");
        new DatasetExporter(latin(8), out, 3).run(1, Progress.NONE, -1);
        Map<String, String> paddle = new TreeMap<>();
        for (String line : paddleLines(out)) {
            String[] parts = line.split("\t");
            paddle.put(parts[0], parts[1]);
        }
        List<Map<String, Object>> rows = manifest(out);
        assertEquals(8, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = rows.get(i);
            for (String key : List.of("index", "path", "text", "split", "style", "font", "seed", "width", "height", "aug", "guard")) {
                assertTrue(row.containsKey(key), key);
            }
            assertEquals((long) i, row.get("index"));
            String path = (String) row.get("path");
            assertEquals(paddle.get(path), row.get("text"));
            assertEquals("dejavu", row.get("style"));
            assertEquals(32L, row.get("height"));
            String gt = path.replaceAll("\\.png$", ".gt.txt");
            assertEquals(row.get("text") + "\n", Files.readString(out.resolve(gt), StandardCharsets.UTF_8));
            java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(out.resolve(path).toFile());
            assertEquals(32, img.getHeight());
            assertEquals(((Number) row.get("width")).intValue(), img.getWidth());
        }
    }

    @Test
    void sameSeedGivesByteIdenticalFilesWhateverTheWorkerCount() throws IOException {
        Path one = temp.resolve("one");
        Path three = temp.resolve("three");
        new DatasetExporter(latin(14), one, 4).run(1, Progress.NONE, -1);
        new DatasetExporter(latin(14), three, 4).run(3, Progress.NONE, -1);
        Map<String, byte[]> a = files(one);
        Map<String, byte[]> b = files(three);
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k), b.get(k), k);
        }
        // LMDB's data.mdb too: the same puts in the same order give the same pages (unused bytes zeroed)
        assertEquals(14 * 2 + 9, a.size(), "14 images and 14 .gt.txt, train, val, dict, manifest, dataset.json, "
                + "two data.mdb, two MMOCR files");
    }

    @Test
    void jpegImagesAndTheValidationShareAreWhatTheLabelsSay() throws IOException {
        DatasetSpec png = latin(40);
        DatasetSpec jpeg = new DatasetSpec(png.text(), png.styles(), png.augment(), png.uncovered(), png.fallbacks(), 40,
                png.seed(), 32, 0.3, png.formats(), true);
        Path out = temp.resolve("jpeg");
        Map<String, Object> summary = new DatasetExporter(jpeg, out, 16).run(2, Progress.NONE, -1).summary();
        List<Map<String, Object>> rows = manifest(out);
        long val = 0;
        for (Map<String, Object> row : rows) {
            String path = (String) row.get("path");
            assertTrue(path.endsWith(".jpg"), path);
            byte[] bytes = Files.readAllBytes(out.resolve(path));
            assertEquals(0xFF, bytes[0] & 0xff, "JPEG start of image: " + path);
            assertEquals(0xD8, bytes[1] & 0xff, "JPEG start of image: " + path);
            java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(out.resolve(path).toFile());
            assertEquals(((Number) row.get("width")).intValue(), img.getWidth(), path);
            assertEquals(32, img.getHeight(), path);
            assertTrue(Files.isRegularFile(out.resolve(path.replace(".jpg", ".gt.txt"))), path);
            val += "val".equals(row.get("split")) ? 1 : 0;
        }
        assertEquals(40, rows.size());
        assertTrue(val >= 4 && val <= 22, "about 30% of 40 in val: " + val);
        assertEquals(val, Files.readAllLines(out.resolve("val.txt")).size());
        assertTrue(Files.readAllLines(out.resolve("val.txt")).stream().allMatch(l -> l.contains(".jpg\t")));
        @SuppressWarnings("unchecked")
        Map<String, Object> options = (Map<String, Object>) summary.get("options");
        assertEquals("jpeg", options.get("image"));
        assertEquals(val, ((Number) summary.get("val")).longValue());
        // the split is a function of the seed and the index alone: the PNG dataset splits alike
        Path pngOut = temp.resolve("png");
        new DatasetExporter(png, pngOut, 16).run(1, Progress.NONE, -1);
        assertEquals(Files.readAllLines(out.resolve("val.txt")).stream().map(l -> l.replace(".jpg", ".png")).toList(),
                Files.readAllLines(pngOut.resolve("val.txt")));
    }

    @Test
    void resumeAfterAStopMidRunEndsWithExactlyNConsistentSamples() throws IOException {
        Path whole = temp.resolve("whole");
        new DatasetExporter(latin(13), whole, 3).run(2, Progress.NONE, -1);

        Path cut = temp.resolve("cut");
        DatasetExporter.Result first = new DatasetExporter(latin(13), cut, 3).run(2, Progress.NONE, 2);
        assertNull(first.summary(), "stopped before the end");
        assertFalse(Files.exists(cut.resolve("dataset.json")));
        assertFalse(Files.exists(cut.resolve("train.txt")));
        // what a kill leaves behind in a shard that never finished: whole files, files cut short
        // (written in place), and an older version's half-written temporary
        Path shard3 = cut.resolve("images/00003");
        Files.createDirectories(shard3);
        Files.write(shard3.resolve(".00000009.png.12345.tmp"), new byte[] {1, 2, 3});
        Files.copy(whole.resolve("images/00003/00000009.png"), shard3.resolve("00000009.png"));
        Files.write(shard3.resolve("00000010.png"), java.util.Arrays.copyOf(
                Files.readAllBytes(whole.resolve("images/00003/00000010.png")), 40));
        Files.writeString(shard3.resolve("00000010.gt.txt"), "Th");

        DatasetExporter.Result second = new DatasetExporter(latin(13), cut, 3).run(3, Progress.NONE, -1);
        assertEquals(6, second.samplesResumed());
        assertEquals(7, second.samplesMade());
        Map<String, byte[]> a = files(whole);
        Map<String, byte[]> b = files(cut);
        assertEquals(a.keySet(), b.keySet(), "no leftovers, nothing missing");
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k), b.get(k), k);
        }
        assertEquals(13, paddleLines(cut).size());
        assertEquals(13, manifest(cut).stream().map(r -> r.get("path")).distinct().count());

        DatasetExporter.Result third = new DatasetExporter(latin(13), cut, 3).run(1, Progress.NONE, -1);
        assertTrue(third.alreadyComplete());
        FontganException e = assertThrows(FontganException.class,
                () -> new DatasetExporter(latin(14), cut, 3).run(1, Progress.NONE, -1));
        assertTrue(e.getMessage().contains("other options"), e.getMessage());
    }

    @Test
    void coverageGuardNeverLabelsACharacterTheHandLacks() throws IOException {
        // DejaVu Sans has no Han: with skip, every Chinese window is redrawn until a Latin one comes
        Path skip = temp.resolve("skip");
        DatasetSpec s = spec(LATIN + CHINESE + CHINESE, "fonts:dejavu", AugmentConfig.none(), Uncovered.SKIP, 20, 0);
        Map<String, Object> summary = new DatasetExporter(s, skip, 10).run(2, Progress.NONE, -1).summary();
        FontFile dejavu = FontFile.open(TestFonts.path(TestFonts.DEJAVU_SANS));
        for (Map<String, Object> row : manifest(skip)) {
            String text = (String) row.get("text");
            assertTrue(text.codePoints().allMatch(cp -> cp == ' ' || dejavu.has(cp)), text);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> guard = (Map<String, Object>) summary.get("coverage_guard");
        assertTrue(((Number) guard.get("skipped_texts")).longValue() > 0, guard.toString());

        // restyle: Chinese lines go to the font that has Han, and are counted
        Path restyle = temp.resolve("restyle");
        DatasetSpec r = spec(CHINESE, "fonts:dejavu=0.9,fonts:wqy=0.1", AugmentConfig.none(), Uncovered.RESTYLE, 10, 0);
        Map<String, Object> rs = new DatasetExporter(r, restyle, 10).run(1, Progress.NONE, -1).summary();
        assertTrue(manifest(restyle).stream().allMatch(row -> row.get("style").equals("wqy")));
        @SuppressWarnings("unchecked")
        Map<String, Object> rguard = (Map<String, Object>) rs.get("coverage_guard");
        assertTrue(((Number) rguard.get("restyled")).longValue() > 0, rguard.toString());

        // substitute with no fallback font at all: the characters are dropped from text and label, and counted
        Path drop = temp.resolve("drop");
        DatasetSpec d = spec("abc 中文 def\n", "fonts:dejavu", AugmentConfig.none(), Uncovered.SUBSTITUTE, 5, 0);
        Map<String, Object> ds = new DatasetExporter(d, drop, 10).run(1, Progress.NONE, -1).summary();
        for (Map<String, Object> row : manifest(drop)) {
            assertFalse(((String) row.get("text")).matches(".*[中文].*"), (String) row.get("text"));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> dguard = (Map<String, Object>) ds.get("coverage_guard");
        assertTrue(((Number) dguard.get("dropped_chars")).longValue() > 0, dguard.toString());
    }

    @Test
    void augmentationIsRecordedAndReplaysToTheSameBytes() throws IOException {
        AugmentConfig all = AugmentConfig.defaults();
        for (Effect e : Effect.values()) {
            all = all.with(e, e == Effect.FLAT_BACKGROUND || e == Effect.NOISE_BACKGROUND ? 0 : 1);
        }
        Path out = temp.resolve("aug");
        DatasetSpec s = spec(LATIN, "fonts:dejavu", all, Uncovered.RESTYLE, 6, 0);
        DatasetExporter exporter = new DatasetExporter(s, out, 3);
        exporter.run(2, Progress.NONE, -1);
        LineRenderer renderer = new LineRenderer(s.styles(), s.fallbacks());
        Set<Double> rotations = new HashSet<>();
        for (Map<String, Object> row : manifest(out)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> aug = (Map<String, Object>) row.get("aug");
            assertEquals("paper", aug.get("background"));
            assertTrue(((Number) aug.get("blur_sigma")).doubleValue() > 0);
            assertTrue(((Number) aug.get("jpeg_quality")).intValue() >= 25);
            rotations.add(((Number) aug.get("rotate_deg")).doubleValue());
            LinePlan plan = DatasetExporter.planOf(row);
            byte[] again = exporter.encode(renderer.render(plan));
            assertArrayEquals(Files.readAllBytes(out.resolve((String) row.get("path"))), again, (String) row.get("path"));
        }
        assertEquals(6, rotations.size(), "each line draws its own values");
    }

    @Test
    void packStylesWithoutAPackAndBadSpecsGiveClearErrors() {
        FontganException e = assertThrows(FontganException.class, () -> styles("default:all=0.6,fonts:dejavu=0.4"));
        assertTrue(e.getMessage().contains("no style pack available"), e.getMessage());
        assertThrows(FontganException.class, () -> styles("fonts:dejavu=-1"));
        assertThrows(FontganException.class, () -> styles("dejavu"));
        assertThrows(FontganException.class, () -> AugmentConfig.defaults().with("blur=2"));
        assertThrows(FontganException.class, () -> AugmentConfig.defaults().with("wobble=0.5"));
        assertThrows(FontganException.class, () -> LabelFormat.parse("coco"));
    }
}
