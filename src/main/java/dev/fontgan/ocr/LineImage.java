package dev.fontgan.ocr;

/**
 * A finished line picture.
 *
 * @param bgr pixels, row-major, 3 bytes per pixel in blue, green, red order (OpenCV's)
 */
public record LineImage(int widthPx, int heightPx, byte[] bgr) {
    /** Pixels as {@code 0xFFRRGGBB}. */
    public int[] argb() {
        int[] out = new int[widthPx * heightPx];
        for (int i = 0, o = 0; i < out.length; i++, o += 3) {
            out[i] = 0xff000000 | (bgr[o + 2] & 0xff) << 16 | (bgr[o + 1] & 0xff) << 8 | (bgr[o] & 0xff);
        }
        return out;
    }
}
