package dev.fontgan.ocr;

/**
 * A finished line picture.
 *
 * @param channels 1 (grey) or 3 (colour)
 * @param pixels   row-major; grey levels, or 3 bytes per pixel in blue, green, red order (OpenCV's)
 * @param grainy   whether it has pixel noise or a grainy background (zlib's matching then finds little)
 */
public record LineImage(int widthPx, int heightPx, int channels, byte[] pixels, boolean grainy) {
    public LineImage {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (pixels.length != widthPx * heightPx * channels) {
            throw new IllegalArgumentException("expected " + widthPx * heightPx * channels + " bytes, got " + pixels.length);
        }
    }

    /** Pixels as {@code 0xFFRRGGBB}. */
    public int[] argb() {
        int[] out = new int[widthPx * heightPx];
        if (channels == 1) {
            for (int i = 0; i < out.length; i++) {
                int g = pixels[i] & 0xff;
                out[i] = 0xff000000 | g << 16 | g << 8 | g;
            }
            return out;
        }
        for (int i = 0, o = 0; i < out.length; i++, o += 3) {
            out[i] = 0xff000000 | (pixels[o + 2] & 0xff) << 16 | (pixels[o + 1] & 0xff) << 8 | (pixels[o] & 0xff);
        }
        return out;
    }
}
