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

    /**
     * Writes the report of a BicycleGAN pack: the named styles' table and grids, then random
     * styles, diversity and reconstruction.
     */
    public static void write(BicycleEvaluation.Result r, FontFile labelFont, Path out) {
        write(r, null, labelFont, out);
    }

    /** As {@link #write(BicycleEvaluation.Result, FontFile, Path)}, plus the styles taken from reference glyphs (when not null). */
    public static void write(BicycleEvaluation.Result r, ReferenceEvaluation.Result references, FontFile labelFont, Path out) {
        String sections = bicycleSections(r, labelFont) + (references == null ? "" : referenceSection(references));
        AtomicFile.write(out, html(r.named(), labelFont, sections).getBytes(StandardCharsets.UTF_8));
    }

    /** One table per code kind (the averaged encoder code, then each refinement), a row per style. */
    static String referenceSection(ReferenceEvaluation.Result r) {
        StringBuilder h = new StringBuilder();
        h.append("<h1>From ").append(r.k()).append(" reference glyphs</h1>\n<p>Each style written from ").append(r.k())
                .append(" of its training glyphs (seed ").append(r.seed()).append(") on the unseen characters.</p>\n");
        for (int i = 0; i < r.steps().length; i++) {
            int n = r.steps()[i];
            h.append("<h2>").append(n < 0 ? "averaged encoder code" : "refined, " + n + " steps").append("</h2>\n<table>\n"
                    + "<tr><th>style</th><th>chars</th><th>L1</th><th>RMSE</th><th>SSIM</th><th>PSNR</th>"
                    + "<th>content acc</th><th>style acc</th></tr>\n");
            for (PackEvaluation.Row row : r.rows().get(i)) {
                appendRow(h, row.toJson(), "");
            }
            appendRow(h, r.mean(i), "mean");
            h.append("</table>\n");
        }
        return h.toString();
    }

    static String html(PackEvaluation.Result r, FontFile labelFont) {
        return html(r, labelFont, "");
    }

    static String bicycleSections(BicycleEvaluation.Result r, FontFile labelFont) {
        StringBuilder h = new StringBuilder();
        h.append("<h1>Random styles</h1>\n<p>").append(r.codePoints().length).append(" unseen characters, each written "
                + "with ").append(r.zCount()).append(" random latent codes (seeds ").append(r.seed()).append(" to ")
                .append(r.seed() + r.zCount() - 1).append("). Content accuracy: <b>")
                .append(r.randomContent() == null ? "not measured" : String.format(Locale.ROOT, "%.1f%%",
                        100 * r.randomContent().value())).append("</b>.</p>\n");
        int k = r.randomSamples().length == 0 ? 0 : r.randomSamples()[0].length;
        if (k > 0) {
            int cellPx = Math.max(48, r.randomSamples()[0][0].sizePx());
            List<String> rows = new java.util.ArrayList<>();
            List<String> columns = new java.util.ArrayList<>();
            GlyphImage[][] cells = new GlyphImage[k][r.zCount()];
            for (int j = 0; j < r.zCount(); j++) {
                columns.add("s" + (r.seed() + j));
            }
            for (int i = 0; i < k; i++) {
                rows.add(new String(Character.toChars(r.codePoints()[i])));
                for (int j = 0; j < r.zCount(); j++) {
                    cells[i][j] = r.randomSamples()[j][i];
                }
            }
            BufferedImage img = new GlyphGrid(cellPx, labelFont).render(rows, columns, cells);
            h.append("<img alt=\"random styles\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(png(img))).append("\">\n");
        }
        h.append("<h2>Diversity</h2>\n<p>Mean pairwise distance between the versions of one character (classifier "
                + "features, Euclidean; ink L1), averaged over characters. Baseline: <b>").append(escape(r.baseline()))
                .append("</b>.</p>\n<table>\n<tr><th>versions from</th><th>chars</th><th>versions</th><th>feature</th>"
                        + "<th>pixel L1</th></tr>\n");
        for (BicycleEvaluation.Diversity d : r.diversity()) {
            h.append("<tr><td>").append(escape(d.name())).append("</td><td>").append(d.inputs()).append("</td><td>")
                    .append(d.versions()).append("</td><td>").append(number(d.feature())).append("</td><td>")
                    .append(number(d.pixelL1())).append("</td></tr>\n");
        }
        h.append("</table>\n<h1>Reconstruction with the encoded target</h1>\n<table>\n<tr><th>style</th><th>chars</th>"
                + "<th>L1</th><th>RMSE</th><th>SSIM</th><th>PSNR</th><th>content acc</th><th>style acc</th></tr>\n");
        for (PackEvaluation.Row row : r.reconstruction()) {
            appendRow(h, row.toJson(), "");
        }
        appendRow(h, PackEvaluation.mean(r.reconstruction(), "mean"), "mean");
        h.append("</table>\n");
        appendSamples(h, r.reconstructionSamples(), labelFont, "reconstruction");
        return h.toString();
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "–";
    }

    static String html(PackEvaluation.Result r, FontFile labelFont, String extraSections) {
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
        appendRow(h, PackEvaluation.mean(r.realTargets(), "ceiling: the real target glyphs"), "base");
        h.append("</table>\n");
        h.append("<p>The ceiling row is the classifier reading the real target glyphs: generated glyphs cannot "
                + "be shown to be read better than that. Per style:</p>\n<table>\n<tr><th>style</th><th>chars</th>"
                + "<th>content acc</th><th>style acc</th></tr>\n");
        for (PackEvaluation.Row row : r.realTargets()) {
            appendAccuracyRow(h, row.toJson());
        }
        h.append("</table>\n");
        if (!r.skippedStyles().isEmpty()) {
            h.append("<p>Pack styles not in the dataset (not evaluated): ")
                    .append(escape(String.join(", ", r.skippedStyles()))).append("</p>\n");
        }
        appendSamples(h, r.samples(), labelFont, "generated");
        h.append(extraSections);
        h.append("</body></html>\n");
        return h.toString();
    }

    /** Per style a grid of source | output | target rows. */
    private static void appendSamples(StringBuilder h, List<PackEvaluation.Sample> samples, FontFile labelFont,
            String outputLabel) {
        int cellPx = Math.max(48, samples.stream().filter(s -> s.source().length > 0)
                .mapToInt(s -> s.source()[0].sizePx()).findFirst().orElse(48));
        GlyphGrid grid = new GlyphGrid(cellPx, labelFont);
        for (PackEvaluation.Sample s : samples) {
            h.append("<h2>").append(escape(s.style())).append("</h2>\n");
            if (s.codePoints().length == 0) {
                h.append("<p>no test characters</p>\n");
                continue;
            }
            BufferedImage img = grid.render(List.of("source", outputLabel, "target"), s.codePoints(),
                    new GlyphImage[][] {s.source(), s.generated(), s.target()});
            h.append("<img alt=\"").append(escape(s.style())).append(": source, ").append(outputLabel)
                    .append(", target\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(png(img))).append("\">\n");
        }
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

    private static void appendAccuracyRow(StringBuilder h, Map<String, Object> m) {
        h.append("<tr><td>").append(escape(String.valueOf(m.get("name")))).append("</td><td>").append(m.get("count"))
                .append("</td>");
        for (String k : List.of("content_acc", "style_acc")) {
            h.append("<td>").append(m.get(k) instanceof Number n ? String.format(Locale.ROOT, "%.1f%%",
                    100 * n.doubleValue()) : "–").append("</td>");
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
