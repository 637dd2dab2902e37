package dev.fontgan.glyph;

import dev.fontgan.AtomicFile;
import dev.fontgan.font.FontFile;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A labelled contact sheet of glyphs: one row per font or style, one column per character, the
 * row names on the left and the characters on top, drawn from outlines of a label font (a
 * CJK-capable font, so Chinese column labels work; no system fonts are used).
 */
public final class GlyphGrid {
    private static final int GAP_PX = 4;
    private static final int LABEL_PX = 14;
    private static final int MAX_ROW_LABEL_PX = 220;

    private final int cellPx;
    private final FontFile labelFont;

    /** @param labelFont font for the labels; null draws no labels */
    public GlyphGrid(int cellPx, FontFile labelFont) {
        this.cellPx = cellPx;
        this.labelFont = labelFont;
    }

    /** Renders the sheet; {@code cells[row][col]} may be null (the font lacks the character). */
    public BufferedImage render(List<String> rowLabels, int[] columns, GlyphImage[][] cells) {
        List<String> labels = new java.util.ArrayList<>();
        for (int cp : columns) {
            labels.add(new String(Character.toChars(cp)));
        }
        return render(rowLabels, labels, cells);
    }

    /**
     * Renders the sheet with text labels on top of the columns (cut to the cell width);
     * {@code cells[row][col]} may be null.
     */
    public BufferedImage render(List<String> rowLabels, List<String> columnLabels, GlyphImage[][] cells) {
        int columnCount = columnLabels.size();
        int labelW = 0;
        if (labelFont != null) {
            for (String l : rowLabels) {
                labelW = Math.max(labelW, (int) Math.ceil(textWidth(l)));
            }
            labelW = Math.min(MAX_ROW_LABEL_PX, labelW + 2 * GAP_PX);
        }
        int topH = labelFont == null ? GAP_PX : LABEL_PX + 2 * GAP_PX;
        int w = labelW + GAP_PX + columnCount * (cellPx + GAP_PX);
        int h = topH + rowLabels.size() * (cellPx + GAP_PX);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            for (int c = 0; c < columnCount; c++) {
                int x = labelW + GAP_PX + c * (cellPx + GAP_PX);
                if (labelFont != null) {
                    String s = columnLabels.get(c);
                    double left = x + Math.max(0, (cellPx - textWidth(s)) / 2.0);
                    drawText(g, s, left, GAP_PX + LABEL_PX * 0.85, cellPx + GAP_PX);
                }
            }
            for (int r = 0; r < rowLabels.size(); r++) {
                int y = topH + r * (cellPx + GAP_PX);
                if (labelFont != null) {
                    drawText(g, rowLabels.get(r), GAP_PX, y + cellPx / 2.0 + LABEL_PX * 0.35, labelW - GAP_PX);
                }
                for (int c = 0; c < columnCount; c++) {
                    int x = labelW + GAP_PX + c * (cellPx + GAP_PX);
                    GlyphImage cell = r < cells.length && c < cells[r].length ? cells[r][c] : null;
                    if (cell == null) {
                        g.setColor(new Color(0xE8E8E8));
                        g.fillRect(x, y, cellPx, cellPx);
                    } else {
                        g.drawImage(cell.toImage(), x, y, cellPx, cellPx, null);
                        g.setColor(new Color(0xD0D0D0));
                        g.drawRect(x - 1, y - 1, cellPx + 1, cellPx + 1);
                    }
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Writes a PNG atomically. */
    public static void writePng(BufferedImage image, Path out) {
        AtomicFile.write(out, o -> {
            if (!ImageIO.write(image, "png", o)) {
                throw new java.io.IOException("no PNG writer");
            }
        });
    }

    private double scale() {
        return LABEL_PX / (double) labelFont.unitsPerEm();
    }

    private double textWidth(String s) {
        double w = 0;
        for (int cp : s.codePoints().toArray()) {
            int adv = labelFont.advanceWidth(cp);
            w += (adv > 0 ? adv : labelFont.unitsPerEm() / 2.0) * scale();
        }
        return w;
    }

    private void drawText(Graphics2D g, String s, double x, double baseline, int maxWidth) {
        g.setColor(Color.BLACK);
        AffineTransform saved = g.getTransform();
        double pen = x;
        for (int cp : s.codePoints().toArray()) {
            FontFile.Glyph glyph = labelFont.glyph(cp);
            double adv = (glyph.advanceWidth() > 0 ? glyph.advanceWidth() : labelFont.unitsPerEm() / 2.0) * scale();
            if (pen + adv - x > maxWidth) {
                break;
            }
            if (glyph.outline() != null) {
                g.setTransform(saved);
                g.translate(pen, baseline);
                g.scale(scale(), -scale());
                g.fill(glyph.outline());
            }
            pen += adv;
        }
        g.setTransform(saved);
    }
}
