package dev.fontgan.style;

import dev.fontgan.AtomicFile;
import dev.fontgan.font.FontFile;
import dev.fontgan.glyph.GlyphGrid;
import dev.fontgan.glyph.GlyphImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * An evaluation as one self-contained HTML file: the table of per-style scores with the mean and
 * the two baselines, and for each style a PNG grid (embedded as a data URI) of unseen characters
 * in rows source | generated | target.
 */
public final class PackReport {
    private PackReport() {}

    /** Writes the report atomically. */
    public static void write(PackEvaluation.Result r, FontFile labelFont, Path out) {
        AtomicFile.write(out, html(r, labelFont).getBytes(StandardCharsets.UTF_8));
    }

    static String html(PackEvaluation.Result r, FontFile labelFont) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>fontgan eval: ")
                .append(escape(r.pack())).append("</title>\n<style>body{font-family:sans-serif;margin:2em}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
                        + "td:first-child,th:first-child{text-align:left}tr.mean td{font-weight:bold}"
                        + "tr.base td{color:#666}img{image-rendering:pixelated;display:block;margin:0.5em 0 1.5em}"
                        + "</style></head><body>\n");
        h.append("<h1>Style pack evaluation</h1>\n<p>Pack <code>").append(escape(r.pack())).append("</code>, data <code>")
                .append(escape(r.data())).append("</code>, split <b>").append(r.split().id())
                .append("</b> (characters never trained on). Classifier: ")
                .append(r.classifier() == null ? "none (accuracies not measured)" : "<code>" + escape(r.classifier()) + "</code>")
                .append(".</p>\n");
        h.append("<table>\n<tr><th>style</th><th>chars</th><th>L1</th><th>RMSE</th><th>SSIM</th><th>PSNR</th>"
                + "<th>content acc</th><th>style acc</th></tr>\n");
        for (PackEvaluation.Row row : r.styles()) {
            appendRow(h, row.toJson(), "");
        }
        appendRow(h, PackEvaluation.mean(r.styles(), "mean"), "mean");
        appendRow(h, PackEvaluation.mean(r.copySource(), "baseline: copy the source glyph"), "base");
        appendRow(h, PackEvaluation.mean(r.nearestStyle(), "baseline: nearest other style"), "base");
        h.append("</table>\n");
        if (!r.skippedStyles().isEmpty()) {
            h.append("<p>Pack styles not in the dataset (not evaluated): ")
                    .append(escape(String.join(", ", r.skippedStyles()))).append("</p>\n");
        }
        int cellPx = Math.max(48, r.samples().stream().filter(s -> s.source().length > 0)
                .mapToInt(s -> s.source()[0].sizePx()).findFirst().orElse(48));
        GlyphGrid grid = new GlyphGrid(cellPx, labelFont);
        for (PackEvaluation.Sample s : r.samples()) {
            h.append("<h2>").append(escape(s.style())).append("</h2>\n");
            if (s.codePoints().length == 0) {
                h.append("<p>no test characters</p>\n");
                continue;
            }
            BufferedImage img = grid.render(List.of("source", "generated", "target"), s.codePoints(),
                    new GlyphImage[][] {s.source(), s.generated(), s.target()});
            h.append("<img alt=\"").append(escape(s.style())).append(": source, generated, target\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(png(img))).append("\">\n");
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void appendRow(StringBuilder h, Map<String, Object> m, String cls) {
        h.append(cls.isEmpty() ? "<tr>" : "<tr class=\"" + cls + "\">");
        h.append("<td>").append(escape(String.valueOf(m.get("name")))).append("</td>");
        h.append("<td>").append(m.get("count")).append("</td>");
        for (String k : List.of("l1", "rmse", "ssim", "psnr", "content_acc", "style_acc")) {
            Object v = m.get(k);
            h.append("<td>").append(v instanceof Number n && Double.isFinite(n.doubleValue())
                    ? String.format(Locale.ROOT, k.endsWith("acc") ? "%.1f%%" : "%.3f",
                            k.endsWith("acc") ? 100 * n.doubleValue() : n.doubleValue()) : "–").append("</td>");
        }
        h.append("</tr>\n");
    }

    private static byte[] png(BufferedImage img) {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            ImageIO.write(img, "png", b);
            return b.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
