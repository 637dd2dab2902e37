package dev.fontgan.ocr;

import dev.fontgan.AtomicFile;
import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.render.PngEncoder;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * A contact sheet of a dataset: some random lines (seeded), each image with its label and style
 * printed under it, so one can check at a glance that labels match pictures.
 */
public final class DatasetPreview {
    private static final int MAX_CELL_WIDTH = 520;
    private static final int CAPTION_PX = 16;
    private static final int GAP_PX = 8;

    private DatasetPreview() {}

    /**
     * @param dir     a finished dataset (with manifest.jsonl, else train.txt/val.txt, else the MMOCR files,
     *                else the LMDB databases, whose own image bytes are then shown)
     * @param lines   how many lines (at most the dataset's count)
     * @param columns cells per row
     * @param fonts   fonts for the captions, tried in order per character (missing files are skipped)
     */
    public static void write(Path dir, int lines, int columns, long seed, List<Path> fonts, Path out) {
        List<String[]> rows = readRows(dir);
        SplittableRandom r = new SplittableRandom(seed);
        List<String[]> picked = new ArrayList<>(rows);
        for (int i = picked.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            String[] t = picked.get(i);
            picked.set(i, picked.get(j));
            picked.set(j, t);
        }
        picked = picked.subList(0, Math.min(lines, picked.size()));
        picked.sort((a, b) -> a[0].compareTo(b[0]));
        List<BufferedImage> images = new ArrayList<>();
        int cellH = 0;
        for (String[] row : picked) {
            try {
                BufferedImage img = readImage(dir, row[0]);
                if (img == null) {
                    throw new FontganException(dir.resolve(row[0]), "not a readable image");
                }
                images.add(img);
                cellH = Math.max(cellH, img.getHeight());
            } catch (IOException e) {
                throw new FontganException(dir.resolve(row[0]), "cannot read: " + AtomicFile.describe(e), e);
            }
        }
        int cellW = MAX_CELL_WIDTH;
        int rowsN = (images.size() + columns - 1) / columns;
        int width = columns * (cellW + GAP_PX) + GAP_PX;
        int height = rowsN * (cellH + CAPTION_PX + GAP_PX) + GAP_PX;
        BufferedImage sheet = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setColor(new Color(0xe8e8e8));
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        List<Font> captionFonts = captionFonts(fonts);
        for (int i = 0; i < images.size(); i++) {
            int x = GAP_PX + (i % columns) * (cellW + GAP_PX);
            int y = GAP_PX + (i / columns) * (cellH + CAPTION_PX + GAP_PX);
            BufferedImage img = images.get(i);
            g.drawImage(img, x, y, Math.min(img.getWidth(), cellW) + x, img.getHeight() + y,
                    0, 0, Math.min(img.getWidth(), cellW), img.getHeight(), null);
            g.setColor(new Color(0x202020));
            String caption = picked.get(i)[1] + "   [" + picked.get(i)[2] + "]";
            g.setClip(x, y, cellW, cellH + CAPTION_PX);
            drawCaption(g, caption, captionFonts, x + 2, y + cellH + CAPTION_PX - 4);
            g.setClip(null);
        }
        g.dispose();
        int[] argb = sheet.getRGB(0, 0, width, height, null, 0, width);
        AtomicFile.write(out, PngEncoder.encode(argb, width, height, false));
    }

    private static List<Font> captionFonts(List<Path> files) {
        List<Font> out = new ArrayList<>();
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                try {
                    out.add(Font.createFont(Font.TRUETYPE_FONT, file.toFile()).deriveFont(12f));
                } catch (java.awt.FontFormatException | IOException e) {
                    // a caption font is a nicety: skip it
                }
            }
        }
        out.add(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        return out;
    }

    /** Draws text character by character with the first font that has each one. */
    private static void drawCaption(Graphics2D g, String text, List<Font> fonts, int x, int y) {
        float pen = x;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            Font f = fonts.get(fonts.size() - 1);
            for (Font candidate : fonts) {
                if (candidate.canDisplay(cp)) {
                    f = candidate;
                    break;
                }
            }
            g.setFont(f);
            String s = new String(Character.toChars(cp));
            g.drawString(s, pen, y);
            pen += g.getFontMetrics().stringWidth(s);
        }
    }

    /** An image file, or sample {@code N} of an LMDB database named {@code lmdb/SPLIT#N}. */
    private static BufferedImage readImage(Path dir, String path) throws IOException {
        int hash = path.indexOf('#');
        if (hash < 0) {
            return ImageIO.read(dir.resolve(path).toFile());
        }
        try (LmdbReader db = new LmdbReader(dir.resolve(path.substring(0, hash)))) {
            return ImageIO.read(new ByteArrayInputStream(db.image(Long.parseLong(path.substring(hash + 1)))));
        }
    }

    /** {path, text, style} of every sample. */
    private static List<String[]> readRows(Path dir) {
        Path manifest = dir.resolve("manifest.jsonl");
        if (!Files.isRegularFile(dir.resolve(DatasetExporter.SUMMARY))) {
            throw new FontganException(dir, "no dataset.json: not a finished fontgan dataset");
        }
        List<String[]> rows = new ArrayList<>();
        try {
            if (Files.isRegularFile(manifest)) {
                try (BufferedReader in = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        Map<String, Object> m = Json.parseObject(line, manifest.toString());
                        rows.add(new String[] {(String) m.get("path"), (String) m.get("text"), (String) m.get("style")});
                    }
                }
            } else {
                for (String name : new String[] {"train.txt", "val.txt"}) {
                    Path p = dir.resolve(name);
                    if (Files.isRegularFile(p)) {
                        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                            String[] parts = line.split("\t", 2);
                            rows.add(new String[] {parts[0], parts.length > 1 ? parts[1] : "", "?"});
                        }
                    }
                }
            }
            if (rows.isEmpty()) {
                readMmocr(dir, rows);
            }
            if (rows.isEmpty()) {
                readLmdb(dir, rows);
            }
        } catch (IOException e) {
            throw new FontganException(dir, "cannot read labels: " + AtomicFile.describe(e), e);
        }
        if (rows.isEmpty()) {
            throw new FontganException(dir, "no samples listed (manifest.jsonl, train.txt, textrecog_train.json or lmdb/)");
        }
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static void readMmocr(Path dir, List<String[]> rows) throws IOException {
        for (String name : new String[] {MmocrAnnotations.TRAIN, MmocrAnnotations.VAL}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                Object list = Json.parseObject(Files.readString(p, StandardCharsets.UTF_8), p.toString()).get("data_list");
                for (Object o : (List<Object>) list) {
                    Map<String, Object> item = (Map<String, Object>) o;
                    List<Object> instances = (List<Object>) item.get("instances");
                    rows.add(new String[] {(String) item.get("img_path"),
                            (String) ((Map<String, Object>) instances.get(0)).get("text"), "?"});
                }
            }
        }
    }

    private static void readLmdb(Path dir, List<String[]> rows) {
        for (String split : new String[] {"train", "val"}) {
            Path db = dir.resolve(DatasetExporter.LMDB_DIR).resolve(split);
            if (Files.isRegularFile(db.resolve("data.mdb"))) {
                try (LmdbReader r = new LmdbReader(db)) {
                    for (long i = 1; i <= r.count(); i++) {
                        rows.add(new String[] {DatasetExporter.LMDB_DIR + "/" + split + "#" + i, r.label(i), "?"});
                    }
                }
            }
        }
    }
}
