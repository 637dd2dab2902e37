package dev.fontgan.ocr;

import dev.fontgan.render.PngEncoder;

import java.io.ByteArrayOutputStream;
import java.util.zip.Deflater;

/**
 * PNG bytes of a line image, made for speed: greyscale (one byte per pixel) for grey lines, else
 * RGB; every row with the Paeth filter (the one that suits text on paper best in practice); fast
 * zlib, Huffman coding only for grainy lines (noise leaves string matching nothing to find: it
 * was slower and its files larger). No time stamps: equal pixels give equal bytes.
 */
final class LinePng {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int LEVEL = 3;
    /** zlib state is large to set up: one per thread and kind (plain, grainy), reset between images. */
    private static final ThreadLocal<Deflater> PLAIN = ThreadLocal.withInitial(() -> new Deflater(LEVEL));
    private static final ThreadLocal<Deflater> GRAINY = ThreadLocal.withInitial(() -> {
        Deflater d = new Deflater(1);
        d.setStrategy(Deflater.HUFFMAN_ONLY);
        return d;
    });
    /** Filtered rows and compressed bytes, reused per thread. */
    private static final ThreadLocal<byte[][]> SCRATCH = ThreadLocal.withInitial(() -> new byte[2][0]);

    private LinePng() {}

    static byte[] encode(LineImage image) {
        int w = image.widthPx();
        int h = image.heightPx();
        int bpp = image.channels();
        byte[] px = image.pixels();
        int stride = w * bpp;
        byte[][] scratch = SCRATCH.get();
        int rawLength = h * (stride + 1);
        if (scratch[0].length < rawLength) {
            scratch[0] = new byte[rawLength * 5 / 4];
            scratch[1] = new byte[rawLength * 5 / 4 + 1024];
        }
        byte[] raw = scratch[0];
        for (int y = 0; y < h; y++) {
            int row = y * stride;
            int base = y * (stride + 1);
            raw[base] = 4; // Paeth
            int out = base + 1;
            if (bpp == 3) {
                // BGR to RGB on the way
                for (int x = 0; x < stride; x += 3) {
                    for (int c = 0; c < 3; c++) {
                        int i = row + x + 2 - c;
                        int v = px[i] & 0xff;
                        int a = x > 0 ? px[i - 3] & 0xff : 0;
                        int b = y > 0 ? px[i - stride] & 0xff : 0;
                        int d = x > 0 && y > 0 ? px[i - stride - 3] & 0xff : 0;
                        raw[out + x + c] = (byte) (v - PngEncoder.paeth(a, b, d));
                    }
                }
            } else if (y == 0) {
                raw[out] = px[row];
                for (int x = 1; x < w; x++) {
                    raw[out + x] = (byte) (px[row + x] - px[row + x - 1]);
                }
            } else {
                raw[out] = (byte) (px[row] - px[row - stride]);
                for (int x = 1; x < w; x++) {
                    int i = row + x;
                    raw[out + x] = (byte) (px[i] - PngEncoder.paeth(px[i - 1] & 0xff, px[i - stride] & 0xff,
                            px[i - stride - 1] & 0xff));
                }
            }
        }
        Deflater deflater = (image.grainy() ? GRAINY : PLAIN).get();
        deflater.reset();
        deflater.setInput(raw, 0, rawLength);
        deflater.finish();
        byte[] z = scratch[1];
        int zLength = 0;
        while (!deflater.finished()) {
            if (zLength == z.length) {
                z = java.util.Arrays.copyOf(z, z.length * 2);
                scratch[1] = z;
            }
            zLength += deflater.deflate(z, zLength, z.length - zLength);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream(zLength + 64);
        png.writeBytes(SIGNATURE);
        byte[] header = new byte[13];
        PngEncoder.putInt(header, 0, w);
        PngEncoder.putInt(header, 4, h);
        header[8] = 8;
        header[9] = (byte) (bpp == 1 ? 0 : 2);
        PngEncoder.chunk(png, "IHDR", header);
        PngEncoder.chunk(png, "IDAT", java.util.Arrays.copyOf(z, zLength));
        PngEncoder.chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }
}
