package dev.fontgan.font;

import java.nio.file.Path;

/**
 * Files that ship with fontgan ({@code fonts/}, {@code corpus/}), found relative to the
 * installation ({@code -Dfontgan.home}, set by the launcher) or else the working directory.
 */
public final class ShippedFiles {
    private ShippedFiles() {}

    /** The installation folder: {@code fontgan.home}, else the working directory. */
    public static Path home() {
        String home = System.getProperty("fontgan.home");
        return home == null || home.isBlank() ? Path.of("") : Path.of(home);
    }

    /** A shipped file by its path relative to the installation, e.g. {@code fonts/catalog.json}. */
    public static Path resolve(String relative) {
        return home().resolve(relative);
    }
}
