package dev.fontgan.ocr;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Where LMDB's native code is loaded from. lmdbjava copies the library it bundles into a fresh file
 * in {@code java.io.tmpdir} on every run and deletes it at a clean exit only: a killed dataset job
 * left a 320 KB file behind each time, and a {@code noexec} /tmp made {@code --format lmdb} fail.
 * Instead the bundled library is copied once into fontgan's cache folder under a name that carries
 * its content hash, and lmdbjava is pointed at that file ({@code lmdbjava.native.lib}); later runs
 * reuse it. Where the cache cannot be written, lmdbjava's own extraction is left to run.
 */
final class LmdbNativeLibrary {
    /** lmdbjava's property naming a native library to load instead of extracting its own. */
    static final String NATIVE_LIB_PROPERTY = "lmdbjava.native.lib";
    /** The library lmdbjava 0.9 bundles for x86_64 Linux, the platform fontgan ships natives for. */
    static final String RESOURCE = "org/lmdbjava/x86_64-linux-gnu.so";

    private static boolean installed;

    private LmdbNativeLibrary() {
    }

    /** Points lmdbjava at the cached library, copying it there first if needed; call before the first Env. */
    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        boolean chosen = System.getProperty(NATIVE_LIB_PROPERTY) != null
                || System.getProperty("lmdbjava.embedded.lib") != null;
        boolean linuxX64 = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")
                && Arrays.asList("amd64", "x86_64").contains(System.getProperty("os.arch", ""));
        if (chosen || !linuxX64) {
            return; // the user's choice, or a platform whose library lmdbjava resolves itself
        }
        try {
            System.setProperty(NATIVE_LIB_PROPERTY, extractOnce(cacheDir().resolve("native")).toString());
        } catch (IOException | RuntimeException e) {
            // unwritable cache: lmdbjava extracts into java.io.tmpdir as before
        }
    }

    /**
     * The bundled library as a file in {@code dir}, named by its content hash; written (temp file,
     * then rename) only when no file with exactly these bytes is there yet.
     */
    static Path extractOnce(Path dir) throws IOException {
        byte[] bytes;
        try (InputStream in = LmdbNativeLibrary.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException(RESOURCE + " is not on the class path");
            }
            bytes = in.readAllBytes();
        }
        Path lib = dir.resolve("liblmdb-" + sha256(bytes).substring(0, 16) + ".so");
        if (Files.isRegularFile(lib) && Files.size(lib) == bytes.length && Arrays.equals(Files.readAllBytes(lib), bytes)) {
            return lib;
        }
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "liblmdb-", ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return lib;
    }

    /** {@code $FONTGAN_CACHE}, else {@code $XDG_CACHE_HOME/fontgan}, else {@code ~/.cache/fontgan}. */
    static Path cacheDir() {
        String own = System.getenv("FONTGAN_CACHE");
        if (own != null && !own.isBlank()) {
            return Path.of(own);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "fontgan");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "fontgan");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
