package dev.fontgan.ocr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LmdbNativeLibraryTest {

    private static byte[] bundled() throws IOException {
        try (InputStream in = LmdbNativeLibrary.class.getClassLoader().getResourceAsStream(LmdbNativeLibrary.RESOURCE)) {
            return in.readAllBytes();
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void libraryIsCopiedOnceAndReusedByLaterRuns(@TempDir Path dir) throws IOException {
        Path first = LmdbNativeLibrary.extractOnce(dir);
        assertArrayEquals(bundled(), Files.readAllBytes(first));
        assertTrue(first.getFileName().toString().matches("liblmdb-[0-9a-f]{16}\\.so"), first.toString());
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(first, old);

        Path second = LmdbNativeLibrary.extractOnce(dir);
        assertEquals(first, second);
        assertEquals(old, Files.getLastModifiedTime(second), "an intact copy must not be rewritten");
        assertEquals(List.of(first), files(dir), "no temp file may be left beside the library");
    }

    @Test
    void damagedCopyIsReplaced(@TempDir Path dir) throws IOException {
        Path lib = LmdbNativeLibrary.extractOnce(dir);
        byte[] garbage = new byte[(int) Files.size(lib)]; // same length, wrong bytes: a cut or corrupted copy
        Files.write(lib, garbage);
        assertEquals(lib, LmdbNativeLibrary.extractOnce(dir));
        assertArrayEquals(bundled(), Files.readAllBytes(lib));

        Files.writeString(lib, "short", StandardCharsets.US_ASCII);
        LmdbNativeLibrary.extractOnce(dir);
        assertArrayEquals(bundled(), Files.readAllBytes(lib));
    }

    @Test
    void databasesOpenWithTheCachedLibrary(@TempDir Path dir) throws IOException {
        try (LmdbWriter w = new LmdbWriter(dir.resolve("db"), LmdbWriter.mapSizeFor(1, 16))) {
            w.add(new byte[] {1, 2, 3}, "abc");
            w.finish();
        }
        try (LmdbReader r = new LmdbReader(dir.resolve("db"))) {
            assertEquals(1, r.count());
        }
        String loaded = System.getProperty(LmdbNativeLibrary.NATIVE_LIB_PROPERTY);
        assertTrue(loaded != null && Files.isRegularFile(Path.of(loaded)), "lmdbjava loads " + loaded);
        assertTrue(Path.of(loaded).startsWith(LmdbNativeLibrary.cacheDir()), loaded);
    }
}
