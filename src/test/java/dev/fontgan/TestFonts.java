package dev.fontgan;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the project's shipped fonts and charsets for tests: {@code fonts/...} in the working
 * tree first, then a development copy named by {@code -Dfontgan.test.root} or the environment
 * variable {@code FONTGAN_TEST_ROOT}. Tests that need a font skip (not fail) when none is found.
 */
public final class TestFonts {
    public static final String DEJAVU_SANS = "fonts/dejavu/DejaVuSans.ttf";
    public static final String WQY_MICROHEI = "fonts/wqy-microhei/wqy-microhei.ttc";
    public static final String NOTO_SERIF_CJK = "fonts/noto-serif-cjk/NotoSerifCJKsc-Regular.otf";
    public static final String COMIC_NEUE = "fonts/comic-neue/ComicNeue-Regular.otf";
    public static final String DROID_FALLBACK = "fonts/droid-fallback/DroidSansFallbackFull.ttf";
    public static final String LIBERATION_SERIF = "fonts/liberation/LiberationSerif-Regular.ttf";

    private TestFonts() {}

    /** The repository root that holds {@code fonts/}, or null. */
    public static Path root() {
        if (Files.isDirectory(Path.of("fonts"))) {
            return Path.of("").toAbsolutePath();
        }
        String alt = System.getProperty("fontgan.test.root", System.getenv("FONTGAN_TEST_ROOT"));
        if (alt != null && Files.isDirectory(Path.of(alt, "fonts"))) {
            return Path.of(alt);
        }
        return null;
    }

    /** A shipped file by its repository path; skips the test when it is absent. */
    public static Path path(String relative) {
        Path root = root();
        Path p = root == null ? null : root.resolve(relative);
        Assumptions.assumeTrue(p != null && Files.exists(p), "test font not available: " + relative);
        return p;
    }

    /** Points {@code fontgan.home} at the root that holds the fonts, so named charsets resolve. */
    public static void useHome() {
        Path root = root();
        if (root != null && Files.isDirectory(root.resolve("corpus/charsets"))) {
            System.setProperty("fontgan.home", root.toString());
        }
    }
}
