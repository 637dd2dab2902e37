package dev.fontgan.gan;

import ai.djl.ndarray.NDArray;
import java.awt.image.BufferedImage;
import java.util.List;

/** Sample grids: rows of glyph images, black ink on white, with a 2 px gutter. */
public final class SampleGrid {
    private static final int GUTTER = 2;

    private SampleGrid() {}

    /**
     * One grid row per array.
     * @param rows each (K, 1, H, W) in [-1, 1] (ink = +1); rows may differ in K
     */
    public static BufferedImage of(List<NDArray> rows) {
        int h = (int) rows.get(0).getShape().get(2);
        int w = (int) rows.get(0).getShape().get(3);
        int cols = 0;
        for (NDArray r : rows) {
            cols = Math.max(cols, (int) r.getShape().get(0));
        }
        int width = cols * (w + GUTTER) + GUTTER;
        int height = rows.size() * (h + GUTTER) + GUTTER;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] px = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        java.util.Arrays.fill(px, (byte) 200);
        for (int r = 0; r < rows.size(); r++) {
            float[] v = rows.get(r).toFloatArray();
            int k = (int) rows.get(r).getShape().get(0);
            for (int c = 0; c < k; c++) {
                int x0 = GUTTER + c * (w + GUTTER);
                int y0 = GUTTER + r * (h + GUTTER);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        float ink = (Math.max(-1f, Math.min(1f, v[(c * h + y) * w + x])) + 1f) * 127.5f;
                        px[(y0 + y) * width + x0 + x] = (byte) (255 - Math.round(ink));
                    }
                }
            }
        }
        return img;
    }
}
