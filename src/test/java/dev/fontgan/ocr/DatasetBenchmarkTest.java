package dev.fontgan.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fontgan.FontganException;
import dev.fontgan.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetBenchmarkTest {
    @TempDir
    Path temp;

    @Test
    void writesInsideTheGivenFolderSaysWhichFileSystemAndLeavesNothingBehind() throws Exception {
        Path dir = temp.resolve("disk/under/test");
        DatasetBenchmark.Result r = DatasetBenchmark.run(24, 2, 32, "fonts:all", LabelFormat.DEFAULT, dir,
                Progress.NONE);
        assertEquals(24, r.count());
        assertTrue(r.linesPerS() > 0);
        assertEquals(dir.toString(), r.dir());
        assertEquals(Files.getFileStore(temp).type(), r.fileSystem());
        assertFalse(r.fileSystem().isBlank());
        assertTrue(r.kernelCpuSeconds() >= 0 && r.kernelCpuSeconds() <= r.cpuSeconds() + 0.05,
                r.kernelCpuSeconds() + " of " + r.cpuSeconds());
        Map<String, Object> json = r.toJson();
        assertEquals(r.fileSystem(), json.get("file_system"));
        assertTrue(json.containsKey("kernel_cpu_seconds"));
        assertEquals("paddleocr,tesstrain,jsonl", json.get("formats"));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count(), "the benchmark's folder is removed");
        }
    }

    @Test
    void aFileWhereTheFolderShouldBeIsAnErrorNamingIt() throws Exception {
        Path file = Files.writeString(temp.resolve("not-a-folder"), "x");
        FontganException e = assertThrows(FontganException.class, () -> DatasetBenchmark.benchFolder(file));
        assertTrue(e.line().contains("not-a-folder") && e.line().contains("is a file"), e.line());
    }

    @Test
    void kernelTimeGrowsWithSystemCalls() throws Exception {
        double before = DatasetBenchmark.kernelCpuSeconds();
        assertTrue(before >= 0);
        Path f = temp.resolve("f");
        long end = System.nanoTime() + 400_000_000L;
        while (System.nanoTime() < end) {
            Files.writeString(f, "x");
            Files.delete(f);
        }
        assertTrue(DatasetBenchmark.kernelCpuSeconds() > before, "creating and deleting files for 0.4 s shows kernel time");
    }
}
