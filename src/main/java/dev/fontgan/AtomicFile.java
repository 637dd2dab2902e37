package dev.fontgan;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers see either the old content or the complete new one, never half:
 * the bytes go to a temporary sibling which is then renamed over the target.
 */
public final class AtomicFile {
    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private AtomicFile() {}

    /**
     * Writes {@code target} atomically. Bad locations (missing parent that cannot be made, a
     * directory in the way, no permission) become a {@link FontganException} naming the target.
     */
    public static void write(Path target, Writer writer) {
        Path absolute = target.toAbsolutePath();
        Path parent = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new FontganException(target, "is a directory, expected a file path");
        }
        Path temp = null;
        try {
            Files.createDirectories(parent);
            temp = Files.createTempFile(parent, "." + absolute.getFileName() + ".", ".tmp");
            readableByAll(temp, false);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                writer.write(out);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (FontganException e) {
            throw e;
        } catch (IOException e) {
            throw new FontganException(target, "cannot write: " + describe(e), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: the temp file is hidden and named after the target
                }
            }
        }
    }

    /**
     * Temp files and folders are created owner-only; outputs should read like ordinary files
     * (rw-r--r--, folders rwxr-xr-x). Ignored where POSIX permissions do not exist.
     */
    public static void readableByAll(Path p, boolean directory) {
        try {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(
                    directory ? "rwxr-xr-x" : "rw-r--r--"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system: keep the defaults
        }
    }

    /** Writes bytes atomically. */
    public static void write(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    /** Writes UTF-8 text atomically. */
    public static void writeString(Path target, String text) {
        write(target, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A short human description of an I/O failure (the JDK's messages are often just a path). */
    public static String describe(IOException e) {
        String name = e.getClass().getSimpleName();
        return switch (name) {
            case "NoSuchFileException" -> "no such file or directory";
            case "AccessDeniedException" -> "permission denied";
            case "FileAlreadyExistsException" -> "already exists";
            case "NotDirectoryException" -> "a parent is not a directory";
            case "FileSystemException" -> e.getMessage() != null && e.getMessage().contains("Not a directory")
                    ? "a parent is not a directory" : "file system error";
            default -> e.getMessage() == null ? name : e.getMessage();
        };
    }
}
