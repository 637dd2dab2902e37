package dev.fontgan.ocr;

import dev.fontgan.FontganException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Label files a dataset carries. Every format that has a split writes the train and the val samples
 * apart (the split is the manifest's {@code split}).
 * <ul>
 * <li>{@code paddleocr}: {@code train.txt} and {@code val.txt} with {@code images/.../N.png<TAB>label}
 *     lines (paths relative to the dataset folder, PaddleOCR's {@code data_dir}), and
 *     {@code dict.txt}, one character per line, without the space ({@code use_space_char: true}).</li>
 * <li>{@code tesstrain}: {@code N.gt.txt} beside each {@code N.png}, the label and a newline.</li>
 * <li>{@code jsonl}: {@code manifest.jsonl}, one object per line in index order: path, text,
 *     split, style, font, seed, size and every augmentation value.</li>
 * <li>{@code lmdb}: {@code lmdb/train} and {@code lmdb/val}, LMDB databases with the image bytes and
 *     labels ({@link LmdbWriter}); a second copy of every image.</li>
 * <li>{@code mmocr}: {@code textrecog_train.json} and {@code textrecog_val.json}, MMOCR 1.x
 *     annotation files ({@link MmocrAnnotations}).</li>
 * </ul>
 */
public enum LabelFormat {
    PADDLEOCR, TESSTRAIN, JSONL, LMDB, MMOCR;

    /**
     * What {@code dataset} and {@code bench dataset} write unless told: the formats of before lmdb and
     * mmocr, so a set keeps its disk size and the benchmark its numbers; {@code all} adds those two.
     */
    public static final Set<LabelFormat> DEFAULT = Collections.unmodifiableSet(EnumSet.of(PADDLEOCR, TESSTRAIN, JSONL));
    /** {@link #DEFAULT} as the CLI writes it. */
    public static final String DEFAULT_SPEC = "paddleocr,tesstrain,jsonl";

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A format's id, {@code all}, or several joined by commas. */
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
                throw new FontganException("--format", "expected paddleocr, tesstrain, jsonl, lmdb, mmocr or all, got '"
                        + part + "'");
            }
            out.add(f);
        }
        return out;
    }
}
