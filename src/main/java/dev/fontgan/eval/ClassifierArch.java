package dev.fontgan.eval;

import dev.fontgan.Json;
import java.util.Map;

/**
 * Width of the classifier's network: {@code width} channels in the first stage, doubling up to
 * 4 x width, and an {@code embedDim}-wide embedding (the glyph-FID feature space).
 */
public record ClassifierArch(int width, int embedDim) {
    public static final ClassifierArch DEFAULT = new ClassifierArch(16, 192);

    public ClassifierArch {
        if (width < 2 || width > 256 || embedDim < 8 || embedDim > 2048) {
            throw new IllegalArgumentException("width " + width + " / embedding " + embedDim + " out of range");
        }
    }

    /** Output channels of the four stages. */
    int[] stageChannels() {
        return new int[] {width, 2 * width, 4 * width, 4 * width};
    }

    Map<String, Object> toJson() {
        return Json.obj("name", "cnn4s", "width", width, "embed_dim", embedDim);
    }
}
