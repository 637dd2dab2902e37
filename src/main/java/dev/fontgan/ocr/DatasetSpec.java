package dev.fontgan.ocr;

import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.render.ShippedFonts;
import java.util.Map;
import java.util.Set;

/**
 * What a dataset is made of. Two runs with equal specs make byte-identical datasets; the worker
 * count is not part of it.
 *
 * @param count       number of samples
 * @param heightPx    height of every line image
 * @param valFraction share of samples in the validation split (by a seeded hash of the index)
 * @param jpeg        JPEG images instead of PNG
 * @param fallbacks   fonts for {@link Uncovered#SUBSTITUTE}
 */
public record DatasetSpec(TextSource text, StyleMix styles, AugmentConfig augment, Uncovered uncovered,
                          ShippedFonts fallbacks, long count, long seed, int heightPx, double valFraction,
                          Set<LabelFormat> formats, boolean jpeg) {
    public DatasetSpec {
        if (count < 1) {
            throw new FontganException("--count", "expected at least 1, got " + count);
        }
        if (count > 99_999_999L) {
            throw new FontganException("--count", "at most 99,999,999 samples, got " + count);
        }
        if (heightPx < 8 || heightPx > 512) {
            throw new FontganException("--height", "expected 8..512 px, got " + heightPx);
        }
        if (!(valFraction >= 0 && valFraction < 1)) {
            throw new FontganException("--val", "expected a fraction in 0..1 (exclusive), got " + valFraction);
        }
        if (formats.isEmpty()) {
            throw new FontganException("--format", "no label format");
        }
    }

    /** The options that decide the content, as stored in {@code dataset.json} and compared on resume. */
    public Map<String, Object> options() {
        return Json.obj("count", count, "seed", seed, "height", heightPx, "val", valFraction,
                "formats", formats.stream().map(LabelFormat::id).toList(), "image", jpeg ? "jpeg" : "png",
                "uncovered", uncovered.id(), "text", text.describe(), "styles", styles.describe(),
                "augment", augment.describe());
    }

    public String imageExtension() {
        return jpeg ? ".jpg" : ".png";
    }
}
