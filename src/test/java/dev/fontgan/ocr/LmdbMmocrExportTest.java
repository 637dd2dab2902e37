package dev.fontgan.ocr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fontgan.Json;
import dev.fontgan.Progress;
import dev.fontgan.TestFonts;
import dev.fontgan.font.FontFile;
import dev.fontgan.render.ShippedFonts;
import dev.fontgan.style.FontHand;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.Txn;

/** {@code --format lmdb} and {@code --format mmocr}, read back with lmdbjava and fontgan's JSON parser. */
class LmdbMmocrExportTest {
    private static final Set<LabelFormat> FORMATS = EnumSet.of(LabelFormat.JSONL, LabelFormat.LMDB, LabelFormat.MMOCR);

    @TempDir
    Path temp;

    private DatasetSpec spec(long count, Set<LabelFormat> formats, boolean jpeg) throws IOException {
        return spec(count, formats, jpeg, 0.3);
    }

    private DatasetSpec spec(long count, Set<LabelFormat> formats, boolean jpeg, double val) throws IOException {
        Path corpus = temp.resolve("corpus.txt");
        Files.writeString(corpus, "The quick brown fox jumps over the lazy dog.\nShe sells sea shells by the shore.\n"
                + "Pack my box with five dozen liquor jugs. Größe über Maß.\n", StandardCharsets.UTF_8);
        StyleResolver fonts = (selector, weight) -> List.of(new Style("dejavu", TestFonts.DEJAVU_SANS,
                new FontHand("dejavu", FontFile.open(TestFonts.path(TestFonts.DEJAVU_SANS)), 64), weight));
        return new DatasetSpec(CorpusText.load(corpus, CorpusText.Mode.WINDOWS, 2, 6),
                StyleMix.parse("fonts:dejavu", Map.of("fonts", fonts)), AugmentConfig.defaults(), Uncovered.RESTYLE,
                ShippedFonts.none(), count, 5, 32, val, formats, jpeg);
    }

    /** Every key/value pair of an LMDB database, opened read-only without a lock file as trainers do. */
    static Map<String, byte[]> entries(Path dir) {
        Map<String, byte[]> out = new TreeMap<>();
        try (Env<byte[]> env = Env.create(ByteArrayProxy.PROXY_BA).setMaxReaders(1)
                .open(dir.toFile(), EnvFlags.MDB_RDONLY_ENV, EnvFlags.MDB_NOLOCK)) {
            Dbi<byte[]> db = env.openDbi((byte[]) null);
            try (Txn<byte[]> txn = env.txnRead(); CursorIterable<byte[]> it = db.iterate(txn)) {
                for (CursorIterable.KeyVal<byte[]> kv : it) {
                    out.put(new String(kv.key(), StandardCharsets.US_ASCII), kv.val().clone());
                }
            }
        }
        return out;
    }

    private static List<Map<String, Object>> manifest(Path dir) throws IOException {
        return DatasetExporterTest.manifest(dir);
    }

    private static List<Map<String, Object>> split(List<Map<String, Object>> rows, String split) {
        return rows.stream().filter(r -> split.equals(r.get("split"))).toList();
    }

    private static String label(Map<String, byte[]> db, long i) {
        return new String(db.get(String.format("label-%09d", i)), StandardCharsets.UTF_8);
    }

    @Test
    void lmdbHoldsEveryImageAndLabelOfEachSplitNumberedFromOne() throws IOException {
        Path out = temp.resolve("ds");
        new DatasetExporter(spec(23, FORMATS, false), out, 5).run(2, Progress.NONE, -1);
        List<Map<String, Object>> rows = manifest(out);
        assertEquals(23, rows.size());
        assertTrue(rows.stream().anyMatch(r -> ((String) r.get("text")).contains("ö")), "non-ASCII labels are covered");
        for (String name : List.of("train", "val")) {
            List<Map<String, Object>> want = split(rows, name);
            assertFalse(want.isEmpty(), name);
            Path dir = out.resolve("lmdb").resolve(name);
            assertEquals(Set.of("data.mdb"), Set.of(dir.toFile().list()), "no lock file left beside the data");
            Map<String, byte[]> db = entries(dir);
            assertEquals(2 * want.size() + 1, db.size(), "image and label per sample, and num-samples");
            assertEquals(String.valueOf(want.size()), new String(db.get("num-samples"), StandardCharsets.US_ASCII));
            for (int i = 1; i <= want.size(); i++) {
                Map<String, Object> row = want.get(i - 1);
                byte[] image = db.get(String.format("image-%09d", i));
                assertArrayEquals(Files.readAllBytes(out.resolve((String) row.get("path"))), image, name + " " + i);
                BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image));
                assertNotNull(decoded, name + " " + i + " decodes");
                assertEquals(((Number) row.get("width")).intValue(), decoded.getWidth());
                assertEquals(32, decoded.getHeight());
                assertEquals(row.get("text"), label(db, i), name + " " + i);
            }
        }
        assertFalse(Files.exists(out.resolve(DatasetExporter.LMDB_PARTIAL)));
        Map<String, Object> summary = Json.parseObject(Files.readString(out.resolve("dataset.json")), "summary");
        @SuppressWarnings("unchecked")
        Map<String, Object> files = (Map<String, Object>) summary.get("files");
        assertEquals(Json.obj("train", "lmdb/train", "val", "lmdb/val", "keys", "image-%09d, label-%09d (from 1), num-samples"),
                files.get("lmdb"));
    }

    @Test
    void jpegSetsStoreTheJpegBytes() throws IOException {
        Path out = temp.resolve("jpeg");
        new DatasetExporter(spec(6, EnumSet.of(LabelFormat.LMDB), true), out, 4).run(1, Progress.NONE, -1);
        Map<String, byte[]> train = entries(out.resolve("lmdb/train"));
        byte[] first = train.get("image-000000001");
        assertEquals((byte) 0xFF, first[0]);
        assertEquals((byte) 0xD8, first[1]);
        assertFalse(Files.exists(out.resolve("manifest.jsonl")), "only the formats asked for");
        assertFalse(Files.exists(out.resolve("train.txt")));
    }

    @Test
    void sameSeedGivesTheSameLmdbPairsWhateverTheWorkerCount() throws IOException {
        Path one = temp.resolve("one");
        Path three = temp.resolve("three");
        new DatasetExporter(spec(17, FORMATS, false), one, 4).run(1, Progress.NONE, -1);
        new DatasetExporter(spec(17, FORMATS, false), three, 4).run(3, Progress.NONE, -1);
        for (String name : List.of("train", "val")) {
            Map<String, byte[]> a = entries(one.resolve("lmdb").resolve(name));
            Map<String, byte[]> b = entries(three.resolve("lmdb").resolve(name));
            assertEquals(a.keySet(), b.keySet(), name);
            for (String k : a.keySet()) {
                assertArrayEquals(a.get(k), b.get(k), name + " " + k);
            }
        }
        assertEquals(Files.readString(one.resolve(MmocrAnnotations.TRAIN)), Files.readString(three.resolve(MmocrAnnotations.TRAIN)));
    }

    @Test
    void aStoppedRunAndAKillDuringTheBuildResumeToTheSamePairs() throws IOException {
        Path whole = temp.resolve("whole");
        new DatasetExporter(spec(19, FORMATS, false), whole, 3).run(2, Progress.NONE, -1);
        Path cut = temp.resolve("cut");
        DatasetExporter.Result first = new DatasetExporter(spec(19, FORMATS, false), cut, 3).run(2, Progress.NONE, 2);
        assertEquals(null, first.summary());
        assertFalse(Files.exists(cut.resolve("lmdb")), "no database before every shard is done");
        // what a kill during the build leaves: a partial database, and one renamed into place before dataset.json
        Files.createDirectories(cut.resolve(DatasetExporter.LMDB_PARTIAL).resolve("train"));
        Files.write(cut.resolve(DatasetExporter.LMDB_PARTIAL).resolve("train/data.mdb"), new byte[100]);
        Files.createDirectories(cut.resolve("lmdb/train"));
        Files.writeString(cut.resolve("lmdb/train/stale"), "from a kill");
        Files.writeString(cut.resolve("." + MmocrAnnotations.TRAIN + ".123.tmp"), "{\"cut");
        DatasetExporter.Result second = new DatasetExporter(spec(19, FORMATS, false), cut, 3).run(1, Progress.NONE, -1);
        assertEquals(19, second.samplesMade() + second.samplesResumed());
        assertFalse(Files.exists(cut.resolve(DatasetExporter.LMDB_PARTIAL)));
        assertFalse(Files.exists(cut.resolve("lmdb/train/stale")));
        assertFalse(Files.exists(cut.resolve("." + MmocrAnnotations.TRAIN + ".123.tmp")), "temporaries of a cut finish are removed");
        for (String name : List.of("train", "val")) {
            Map<String, byte[]> a = entries(whole.resolve("lmdb").resolve(name));
            Map<String, byte[]> b = entries(cut.resolve("lmdb").resolve(name));
            assertEquals(a.keySet(), b.keySet(), name);
            for (String k : a.keySet()) {
                assertArrayEquals(a.get(k), b.get(k), name + " " + k);
            }
        }
        assertEquals(Files.readString(whole.resolve(MmocrAnnotations.VAL)), Files.readString(cut.resolve(MmocrAnnotations.VAL)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void mmocrAnnotationsParseAndMatchTheManifest() throws IOException {
        Path out = temp.resolve("mm");
        new DatasetExporter(spec(21, FORMATS, false), out, 5).run(2, Progress.NONE, -1);
        List<Map<String, Object>> rows = manifest(out);
        for (String[] f : new String[][] {{MmocrAnnotations.TRAIN, "train"}, {MmocrAnnotations.VAL, "val"}}) {
            Path file = out.resolve(f[0]);
            Map<String, Object> ann = Json.parseObject(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            assertEquals(Json.obj("dataset_type", "TextRecogDataset", "task_name", "textrecog"), ann.get("metainfo"));
            List<Object> list = (List<Object>) ann.get("data_list");
            List<Map<String, Object>> want = split(rows, f[1]);
            assertEquals(want.size(), list.size(), f[0]);
            for (int i = 0; i < list.size(); i++) {
                Map<String, Object> item = (Map<String, Object>) list.get(i);
                assertEquals(want.get(i).get("path"), item.get("img_path"));
                assertTrue(Files.isRegularFile(file.getParent().resolve((String) item.get("img_path"))), "relative to the file");
                assertEquals(List.of(Json.obj("text", want.get(i).get("text"))), item.get("instances"));
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void withoutAValidationShareTheValFilesAreEmptyButValid() throws IOException {
        Path out = temp.resolve("noval");
        new DatasetExporter(spec(4, FORMATS, false, 0), out, 4).run(1, Progress.NONE, -1);
        Map<String, byte[]> valDb = entries(out.resolve("lmdb/val"));
        assertEquals("0", new String(valDb.get("num-samples"), StandardCharsets.US_ASCII));
        assertEquals(1, valDb.size());
        assertEquals(9, entries(out.resolve("lmdb/train")).size());
        Path val = out.resolve(MmocrAnnotations.VAL);
        assertEquals(List.of(), Json.parseObject(Files.readString(val), val.toString()).get("data_list"));
        Path train = out.resolve(MmocrAnnotations.TRAIN);
        assertEquals(4, ((List<Object>) Json.parseObject(Files.readString(train), train.toString()).get("data_list")).size());
    }

    @Test
    void aMapTooSmallGrowsAndKeepsEverySample() {
        Path dir = temp.resolve("small");
        byte[][] images = new byte[150][]; // 3 MB, twice the smallest map
        try (LmdbWriter w = new LmdbWriter(dir, LmdbWriter.mapSizeFor(1, 10))) {
            for (int i = 0; i < images.length; i++) {
                images[i] = new byte[20_000 + i];
                java.util.Arrays.fill(images[i], (byte) i);
                w.add(images[i], "line " + i);
            }
            w.finish();
            assertTrue(w.growths() > 0, "the map had to grow");
        }
        Map<String, byte[]> db = entries(dir);
        assertEquals("150", new String(db.get("num-samples"), StandardCharsets.US_ASCII));
        for (int i = 0; i < images.length; i++) {
            assertArrayEquals(images[i], db.get(String.format("image-%09d", i + 1)));
            assertEquals("line " + i, label(db, i + 1));
        }
    }

    @Test
    void theSizedMapNeedsNoGrowth() {
        Path dir = temp.resolve("sized");
        int n = 2500; // more than two batches
        long bytes = 0;
        try (LmdbWriter w = new LmdbWriter(dir, LmdbWriter.mapSizeFor(n, (long) n * (3000 + 6)))) {
            for (int i = 0; i < n; i++) {
                byte[] image = new byte[3000];
                image[i % 3000] = 1;
                w.add(image, "text" + i % 10);
                bytes += image.length;
            }
            w.finish();
            assertEquals(0, w.growths());
            assertEquals(n, w.count());
        }
        assertEquals(2 * n + 1, entries(dir).size());
        assertTrue(bytes > 0);
    }

    @Test
    void lmdbReaderAndPreviewReadASetThatHasOnlyLmdbOrOnlyMmocr() throws IOException {
        Path lmdbOnly = temp.resolve("lmdb-only");
        new DatasetExporter(spec(9, EnumSet.of(LabelFormat.LMDB), false), lmdbOnly, 4).run(1, Progress.NONE, -1);
        Path both = temp.resolve("both");
        new DatasetExporter(spec(9, FORMATS, false), both, 4).run(1, Progress.NONE, -1);
        List<Map<String, Object>> train = split(manifest(both), "train");
        try (LmdbReader r = new LmdbReader(lmdbOnly.resolve("lmdb/train"))) {
            assertEquals(train.size(), r.count());
            assertEquals(2 * r.count() + 1, r.entries());
            for (int i = 1; i <= r.count(); i++) {
                assertEquals(train.get(i - 1).get("text"), r.label(i));
                assertArrayEquals(Files.readAllBytes(both.resolve((String) train.get(i - 1).get("path"))), r.image(i));
            }
            dev.fontgan.FontganException missing = org.junit.jupiter.api.Assertions.assertThrows(
                    dev.fontgan.FontganException.class, () -> r.label(r.count() + 1));
            assertTrue(missing.getMessage().contains("label-"), missing.getMessage());
        }
        List<Path> fonts = List.of(TestFonts.path(TestFonts.DEJAVU_SANS));
        Path sheet = temp.resolve("lmdb-sheet.png");
        DatasetPreview.write(lmdbOnly, 6, 2, 1, fonts, sheet);
        assertNotNull(ImageIO.read(sheet.toFile()), "a sheet from the LMDB's own images");
        Path mmocrOnly = temp.resolve("mmocr-only");
        new DatasetExporter(spec(5, EnumSet.of(LabelFormat.MMOCR), false), mmocrOnly, 4).run(1, Progress.NONE, -1);
        Path sheet2 = temp.resolve("mmocr-sheet.png");
        DatasetPreview.write(mmocrOnly, 5, 2, 1, fonts, sheet2);
        assertNotNull(ImageIO.read(sheet2.toFile()));
    }

    @Test
    void allNamesEveryFormatAndTheDefaultIsTheFormerAll() {
        assertEquals(EnumSet.allOf(LabelFormat.class), LabelFormat.parse("all"));
        assertEquals(LabelFormat.DEFAULT, LabelFormat.parse(LabelFormat.DEFAULT_SPEC));
        assertEquals(EnumSet.of(LabelFormat.LMDB, LabelFormat.MMOCR), LabelFormat.parse("LMDB, mmocr"));
    }
}
