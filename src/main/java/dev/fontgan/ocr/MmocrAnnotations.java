package dev.fontgan.ocr;

import dev.fontgan.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Streams an MMOCR 1.x text-recognition annotation file ({@code TextRecogDataset}):
 * {@code {"metainfo": {...}, "data_list": [{"img_path": ..., "instances": [{"text": ...}]}, ...]}},
 * one sample per line so a set of any size is written without holding it. {@code img_path} is
 * relative to the file's folder, which a config names as {@code data_root}.
 */
final class MmocrAnnotations {
    static final String TRAIN = "textrecog_train.json";
    static final String VAL = "textrecog_val.json";

    private final OutputStream out;
    private boolean first = true;

    /** Starts the file (metainfo and the opening of data_list). */
    MmocrAnnotations(OutputStream out) throws IOException {
        this.out = out;
        write("{\"metainfo\": {\"dataset_type\": \"TextRecogDataset\", \"task_name\": \"textrecog\"},\n\"data_list\": [");
    }

    void add(String imagePath, String text) throws IOException {
        write((first ? "\n" : ",\n") + Json.write(Json.obj("img_path", imagePath,
                "instances", java.util.List.of(Json.obj("text", text)))));
        first = false;
    }

    /** Closes data_list and the object; the stream stays open. */
    void finish() throws IOException {
        write("\n]}\n");
    }

    private void write(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }
}
