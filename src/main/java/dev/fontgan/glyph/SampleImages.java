package dev.fontgan.glyph;

import dev.fontgan.AtomicFile;
import dev.fontgan.FontganException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * A folder of pictures of written characters, one per file, named by the character:
 * {@code 永.png} or {@code U+6C38.png} (also {@code .jpg}). Each is framed like a rasterized glyph
 * with {@link InkFraming}. Files with other names are ignored; an unreadable picture, a picture
 * without ink or two files for one character are errors naming the file.
 */
public final class SampleImages {
    /** Larger pictures are refused (a phone photo is ~4,000 px a side). */
    public static final int MAX_SIDE_PX = 8192;

    private SampleImages() {}

    /** The framed glyphs by code point, in code point order; an error when the folder has none. */
    public static Map<Integer, GlyphImage> read(Path dir, int sizePx) {
        if (!Files.isDirectory(dir)) {
            throw new FontganException(dir, Files.exists(dir) ? "not a directory (expected a folder of PNG images)"
                    : "no such directory");
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isRegularFile).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new FontganException(dir, "cannot read: " + AtomicFile.describe(e), e);
        }
        InkFraming framing = new InkFraming(sizePx);
        Map<Integer, GlyphImage> out = new TreeMap<>();
        Map<Integer, Path> seen = new TreeMap<>();
        for (Path f : files) {
            int cp = codePointOf(f.getFileName().toString());
            if (cp < 0) {
                continue;
            }
            Path before = seen.put(cp, f);
            if (before != null) {
                throw new FontganException(f, "a second picture of " + new String(Character.toChars(cp)) + " (also "
                        + before.getFileName() + ")");
            }
            out.put(cp, framed(f, cp, framing));
        }
        if (out.isEmpty()) {
            // prefixed names (klee-永.png, as render --reference takes) are not read here, so that a
            // folder of page-1.png, page-2.png is not taken for the digits 1 and 2: say so
            Path prefixed = files.stream().filter(f -> referenceCodePointOf(f.getFileName().toString()) >= 0)
                    .findFirst().orElse(null);
            throw new FontganException(dir, prefixed == null
                    ? "no character images (expected PNG files named by their character, e.g. 永.png or U+6C38.png)"
                    : "no character images: a folder of samples takes names that are the character alone (永.png, "
                            + "U+6C38.png), not " + prefixed.getFileName() + "; rename the files");
        }
        return out;
    }

    /** The PNG and JPEG files of a folder, sorted by name; an error naming the folder when it has none. */
    public static List<Path> pictures(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new FontganException(dir, Files.exists(dir) ? "not a directory (expected a folder of pictures)"
                    : "no such directory");
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isRegularFile).filter(f -> {
                String n = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
            }).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new FontganException(dir, "cannot read: " + AtomicFile.describe(e), e);
        }
        if (files.isEmpty()) {
            throw new FontganException(dir, "no PNG or JPEG pictures in this folder");
        }
        return files;
    }

    /**
     * Pictures of single written characters given one by one (any file names), each framed like a
     * rasterized glyph; the character is taken from the name when it names one
     * ({@link #referenceCodePointOf}), else 0.
     */
    public static List<GlyphImage> readEach(List<Path> files, int sizePx) {
        InkFraming framing = new InkFraming(sizePx);
        List<GlyphImage> out = new ArrayList<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new FontganException(f, Files.isDirectory(f) ? "is a directory, expected a PNG image"
                        : "no such file");
            }
            out.add(framed(f, Math.max(0, referenceCodePointOf(f.getFileName().toString())), framing));
        }
        return out;
    }

    /** One picture read and framed; every problem names the file. */
    private static GlyphImage framed(Path f, int cp, InkFraming framing) {
        BufferedImage picture;
        try {
            picture = ImageIO.read(f.toFile());
        } catch (IOException | RuntimeException e) {
            throw new FontganException(f, "cannot read the image (" + e.getMessage() + ")");
        }
        if (picture == null) {
            throw new FontganException(f, "not a readable PNG or JPEG image");
        }
        if (picture.getWidth() > MAX_SIDE_PX || picture.getHeight() > MAX_SIDE_PX) {
            throw new FontganException(f, "image is larger than " + MAX_SIDE_PX + " px a side");
        }
        GlyphImage g = framing.frame(picture, cp);
        if (g == null) {
            throw new FontganException(f, "no ink found in the image");
        }
        return g;
    }

    /**
     * The character a reference picture's name stands for: the whole name as {@link #codePointOf}
     * reads it ({@code 永.png}, {@code U+6C38.png}), else the part after the last '-'
     * ({@code klee-永.png}, {@code scan-3-U+6C38.jpg}); -1 when neither names one character.
     */
    public static int referenceCodePointOf(String fileName) {
        int cp = codePointOf(fileName);
        int dash = fileName.lastIndexOf('-');
        if (cp >= 0 || dash < 0 || dash == fileName.length() - 1) {
            return cp;
        }
        return codePointOf(fileName.substring(dash + 1));
    }

    /** The character a file name stands for ({@code 永.png}, {@code U+6C38.png}), or -1. */
    public static int codePointOf(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot <= 0) {
            return -1;
        }
        String ext = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!ext.equals("png") && !ext.equals("jpg") && !ext.equals("jpeg")) {
            return -1;
        }
        String stem = fileName.substring(0, dot);
        if (stem.codePointCount(0, stem.length()) == 1) {
            int cp = stem.codePointAt(0);
            return Character.isWhitespace(cp) || Character.isISOControl(cp) ? -1 : cp;
        }
        if (stem.length() > 2 && (stem.startsWith("U+") || stem.startsWith("u+"))) {
            try {
                int cp = Integer.parseInt(stem.substring(2), 16);
                return Character.isValidCodePoint(cp) ? cp : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }
}
