package dev.fontgan.gan;

import ai.djl.ndarray.NDArray;

/**
 * A batch of real data on the device.
 * @param images real glyphs (N, 1, H, W) in [-1, 1] (the targets for image-to-image data)
 * @param labels class ids int32 (N), or null for unlabelled data
 * @param sources source glyphs (N, 1, H, W) in [-1, 1] for paired data, else null
 * @param styles font ids int32 (N) of class-glyph data, else null
 */
public record Batch(NDArray images, NDArray labels, NDArray sources, NDArray styles) {
    public Batch(NDArray images, NDArray labels, NDArray sources) {
        this(images, labels, sources, null);
    }

    public int count() {
        return (int) images.getShape().get(0);
    }
}
