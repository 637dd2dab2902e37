package dev.fontgan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir Path dir;

    @Test
    void writesCompleteFileAndLeavesNoTemp() throws IOException {
        Path target = dir.resolve("sub/out.bin");
        AtomicFile.write(target, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void failingWriterKeepsOldContentAndLeavesNoTemp() throws IOException {
        Path target = dir.resolve("out.txt");
        AtomicFile.writeString(target, "old");
        assertThrows(FontganException.class, () -> AtomicFile.write(target, out -> {
            out.write(new byte[] {9, 9});
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void directoryInTheWayIsAOneLineError() throws IOException {
        Path target = dir.resolve("adir");
        Files.createDirectory(target);
        FontganException e = assertThrows(FontganException.class, () -> AtomicFile.writeString(target, "x"));
        assertTrue(e.line().startsWith("error: " + target + ": "));
        assertFalse(e.line().contains("\n"));
    }
}
