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
import java.io.File;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resume guarantee with a real kill: the exporter runs in a child JVM that is killed mid-run. */
class DatasetKillTest {
    private static final long COUNT = 300;
    private static final int SHARD = 10;

    @TempDir
    Path temp;

    /** The spec both the child and this test use: DejaVu Sans, default augmentation, seed 11. */
    static DatasetSpec spec(Path corpus, long count) {
        StyleResolver fonts = (selector, weight) -> List.of(new Style("dejavu", TestFonts.DEJAVU_SANS,
                new FontHand("dejavu", FontFile.open(TestFonts.path(TestFonts.DEJAVU_SANS)), 64), weight));
        return new DatasetSpec(CorpusText.load(corpus, CorpusText.Mode.WINDOWS, 2, 6),
                StyleMix.parse("fonts:dejavu", Map.of("fonts", fonts)), AugmentConfig.defaults(), Uncovered.RESTYLE,
                ShippedFonts.none(), count, 11, 32, 0.2, EnumSet.allOf(LabelFormat.class), false);
    }

    @Test
    void killedChildThenRerunEndsByteIdenticalToAnUninterruptedRun() throws Exception {
        Path corpus = temp.resolve("corpus.txt");
        Files.writeString(corpus, "The quick brown fox jumps over the lazy dog.\nShe sells sea shells by the shore.\n"
                + "Pack my box with five dozen liquor jugs.\n", StandardCharsets.UTF_8);
        Path whole = temp.resolve("whole");
        new DatasetExporter(spec(corpus, COUNT), whole, SHARD).run(2, Progress.NONE, -1);

        Path cut = temp.resolve("cut");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                KillChild.class.getName(), corpus.toString(), cut.toString(), String.valueOf(COUNT), String.valueOf(SHARD))
                .redirectErrorStream(true).redirectOutput(temp.resolve("child.log").toFile()).start();
        // kill once a few shards are done and images of later ones are being written
        Path state = cut.resolve(DatasetExporter.STATE_DIR);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (child.isAlive() && shardRows(state) < 3 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(child.isAlive(), "the child ended before it could be killed: " + Files.readString(temp.resolve("child.log")));
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertFalse(Files.exists(cut.resolve("dataset.json")), "killed mid-run");
        int before = shardRows(state);
        assertTrue(before >= 3 && before < COUNT / SHARD, "shards done at the kill: " + before);

        DatasetExporter.Result rerun = new DatasetExporter(spec(corpus, COUNT), cut, SHARD).run(2, Progress.NONE, -1);
        assertEquals(COUNT, rerun.samplesMade() + rerun.samplesResumed());
        assertTrue(rerun.samplesResumed() >= 3 * SHARD, "finished shards were kept: " + rerun.samplesResumed());

        Map<String, byte[]> a = files(whole);
        Map<String, byte[]> b = files(cut);
        assertEquals(a.keySet(), b.keySet(), "no leftovers (temporaries, state), nothing missing");
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k), b.get(k), k);
        }
        // exactly N samples, no duplicates, every image decodes and agrees with its labels
        List<String> labels = new ArrayList<>(Files.readAllLines(cut.resolve("train.txt"), StandardCharsets.UTF_8));
        labels.addAll(Files.readAllLines(cut.resolve("val.txt"), StandardCharsets.UTF_8));
        assertEquals(COUNT, labels.size());
        Map<String, String> paddle = new TreeMap<>();
        for (String line : labels) {
            String[] parts = line.split("\t");
            assertEquals(null, paddle.put(parts[0], parts[1]), "duplicate " + parts[0]);
        }
        Set<Long> indices = new HashSet<>();
        for (String line : Files.readAllLines(cut.resolve("manifest.jsonl"), StandardCharsets.UTF_8)) {
            Map<String, Object> row = Json.parseObject(line, "manifest");
            assertTrue(indices.add(((Number) row.get("index")).longValue()));
            String path = (String) row.get("path");
            assertEquals(paddle.get(path), row.get("text"), path);
            assertEquals(row.get("text") + "\n", Files.readString(cut.resolve(path.replaceAll("\\.png$", ".gt.txt"))));
            BufferedImage img = ImageIO.read(cut.resolve(path).toFile());
            assertNotNull(img, path + " decodes");
            assertEquals(((Number) row.get("width")).intValue(), img.getWidth(), path);
            assertEquals(32, img.getHeight(), path);
        }
        assertEquals(COUNT, indices.size());
    }

    private static int shardRows(Path state) {
        File[] f = state.toFile().listFiles((d, n) -> n.endsWith(".jsonl"));
        return f == null ? 0 : f.length;
    }

    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }
}
