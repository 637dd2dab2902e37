package dev.fontgan.glyph;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * One rasterized glyph: a square of {@code sizePx * sizePx} uint8 ink coverage values, row-major,
 * 0 = paper, 255 = full ink. {@code placement} says where the font's coordinate system landed
 * (null for images that did not come from a font, e.g. generated ones).
 */
public record GlyphImage(int codePoint, int sizePx, byte[] pixels, Placement placement) {
    /**
     * Maps font units to pixels: {@code xPx = originXPx + x * pxPerUnit},
     * {@code yPx = baselinePx - y * pxPerUnit} (font y up, image y down).
     */
    public record Placement(double pxPerUnit, double originXPx, double baselinePx) {}

    public GlyphImage {
        if (pixels.length != sizePx * sizePx) {
            throw new IllegalArgumentException("pixels: " + pixels.length + " != " + sizePx + "^2");
        }
    }

    /** An image without placement information. */
    public GlyphImage(int codePoint, int sizePx, byte[] pixels) {
        this(codePoint, sizePx, pixels, null);
    }

    /** Black ink on white paper, {@code TYPE_BYTE_GRAY}. */
    public BufferedImage toImage() {
        BufferedImage img = new BufferedImage(sizePx, sizePx, BufferedImage.TYPE_BYTE_GRAY);
        byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < dst.length; i++) {
            dst[i] = (byte) (255 - (pixels[i] & 0xff));
        }
        return img;
    }

    /** Pixel at (x, y) as ink coverage 0..255. */
    public int ink(int x, int y) {
        return pixels[y * sizePx + x] & 0xff;
    }
}
