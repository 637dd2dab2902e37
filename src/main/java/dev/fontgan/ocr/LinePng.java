package dev.fontgan.ocr;

import dev.fontgan.render.PngEncoder;

import java.io.ByteArrayOutputStream;
import java.util.zip.Deflater;

/**
 * PNG bytes of a line image, made for speed: greyscale (one byte per pixel) when every pixel is
 * grey, else RGB; every row with the Paeth filter (the one that suits text on paper best in
 * practice); fast zlib. No time stamps: equal pixels give equal bytes.
 */
final class LinePng {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int LEVEL = 3;
    /** zlib state is large to set up: one per thread, reset between images. */
    private static final ThreadLocal<Deflater> DEFLATER = ThreadLocal.withInitial(() -> new Deflater(LEVEL));

    private LinePng() {}

    static byte[] encode(LineImage image) {
        int w = image.widthPx();
        int h = image.heightPx();
        byte[] bgr = image.bgr();
        boolean grey = true;
        for (int o = 0; o < bgr.length && grey; o += 3) {
            grey = bgr[o] == bgr[o + 1] && bgr[o] == bgr[o + 2];
        }
        int channels = grey ? 1 : 3;
        int stride = w * channels;
        byte[] raw = new byte[h * (stride + 1)];
        byte[] prev = new byte[stride];
        byte[] cur = new byte[stride];
        for (int y = 0; y < h; y++) {
            int row = y * w * 3;
            if (grey) {
                for (int x = 0; x < w; x++) {
                    cur[x] = bgr[row + 3 * x];
                }
            } else {
                for (int x = 0; x < w; x++) {
                    cur[3 * x] = bgr[row + 3 * x + 2];
                    cur[3 * x + 1] = bgr[row + 3 * x + 1];
                    cur[3 * x + 2] = bgr[row + 3 * x];
                }
            }
            int base = y * (stride + 1);
            raw[base] = 4; // Paeth
            for (int i = 0; i < stride; i++) {
                int a = i >= channels ? cur[i - channels] & 0xff : 0;
                int b = prev[i] & 0xff;
                int c = i >= channels ? prev[i - channels] & 0xff : 0;
                raw[base + 1 + i] = (byte) ((cur[i] & 0xff) - PngEncoder.paeth(a, b, c));
            }
            byte[] t = prev;
            prev = cur;
            cur = t;
        }
        Deflater deflater = DEFLATER.get();
        deflater.reset();
        deflater.setInput(raw);
        deflater.finish();
        ByteArrayOutputStream zout = new ByteArrayOutputStream(raw.length / 2 + 64);
        byte[] buf = new byte[1 << 14];
        while (!deflater.finished()) {
            int n = deflater.deflate(buf);
            zout.write(buf, 0, n);
        }
        byte[] z = zout.toByteArray();
        ByteArrayOutputStream png = new ByteArrayOutputStream(z.length + 64);
        png.writeBytes(SIGNATURE);
        byte[] header = new byte[13];
        PngEncoder.putInt(header, 0, w);
        PngEncoder.putInt(header, 4, h);
        header[8] = 8;
        header[9] = (byte) (grey ? 0 : 2);
        PngEncoder.chunk(png, "IHDR", header);
        PngEncoder.chunk(png, "IDAT", z);
        PngEncoder.chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }
}
