package dev.fontgan.ocr;

import dev.fontgan.FontganException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Label files a dataset carries.
 * <ul>
 * <li>{@code paddleocr}: {@code train.txt} and {@code val.txt} with {@code images/.../N.png<TAB>label}
 *     lines (paths relative to the dataset folder, PaddleOCR's {@code data_dir}), and
 *     {@code dict.txt}, one character per line, without the space ({@code use_space_char: true}).</li>
 * <li>{@code tesstrain}: {@code N.gt.txt} beside each {@code N.png}, the label and a newline.</li>
 * <li>{@code jsonl}: {@code manifest.jsonl}, one object per line in index order: path, text,
 *     split, style, font, seed, size and every augmentation value.</li>
 * </ul>
 */
public enum LabelFormat {
    PADDLEOCR, TESSTRAIN, JSONL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code paddleocr}, {@code tesstrain}, {@code jsonl}, {@code all}, or several joined by commas. */
    public static Set<LabelFormat> parse(String spec) {
        Set<LabelFormat> out = EnumSet.noneOf(LabelFormat.class);
        for (String part : spec.split(",")) {
            String p = part.strip().toLowerCase(Locale.ROOT);
            if (p.equals("all")) {
                out.addAll(EnumSet.allOf(LabelFormat.class));
                continue;
            }
            LabelFormat f = null;
            for (LabelFormat v : values()) {
                if (v.id().equals(p)) {
                    f = v;
                }
            }
            if (f == null) {
                throw new FontganException("--format", "expected paddleocr, tesstrain, jsonl or all, got '" + part + "'");
            }
            out.add(f);
        }
        return out;
    }
}
