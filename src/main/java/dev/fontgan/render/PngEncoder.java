package dev.fontgan.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A small PNG writer for 8-bit RGB and RGBA pages: per-row adaptive filtering and zlib. It
 * writes no time stamps, so equal pixels give equal bytes, and it starts faster than ImageIO.
 */
public final class PngEncoder {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngEncoder() {}

    /**
     * Encodes pixels given as {@code 0xAARRGGBB} (alpha ignored unless {@code alpha}).
     */
    public static byte[] encode(int[] argb, int width, int height, boolean alpha) {
        int channels = alpha ? 4 : 3;
        int stride = width * channels;
        ByteArrayOutputStream idat = new ByteArrayOutputStream(width * height / 4 + 1024);
        Deflater deflater = new Deflater(6);
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, deflater, 1 << 16)) {
            byte[] prev = new byte[stride];
            byte[] cur = new byte[stride];
            byte[][] filtered = new byte[5][stride + 1];
            for (int y = 0; y < height; y++) {
                for (int x = 0, o = 0; x < width; x++) {
                    int p = argb[y * width + x];
                    cur[o++] = (byte) (p >> 16);
                    cur[o++] = (byte) (p >> 8);
                    cur[o++] = (byte) p;
                    if (alpha) {
                        cur[o++] = (byte) (p >>> 24);
                    }
                }
                z.write(bestFilter(cur, prev, channels, filtered));
                byte[] t = prev;
                prev = cur;
                cur = t;
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            deflater.end();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream(idat.size() + 128);
        png.writeBytes(SIGNATURE);
        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        header[8] = 8;
        header[9] = (byte) (alpha ? 6 : 2);
        chunk(png, "IHDR", header);
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    /** The row filtered by the filter (none, sub, up, average, Paeth) with the least sum of magnitudes. */
    private static byte[] bestFilter(byte[] cur, byte[] prev, int bpp, byte[][] out) {
        int n = cur.length;
        long[] cost = new long[5];
        for (int i = 0; i < n; i++) {
            int x = cur[i] & 0xff;
            int a = i >= bpp ? cur[i - bpp] & 0xff : 0;
            int b = prev[i] & 0xff;
            int c = i >= bpp ? prev[i - bpp] & 0xff : 0;
            byte f0 = (byte) x;
            byte f1 = (byte) (x - a);
            byte f2 = (byte) (x - b);
            byte f3 = (byte) (x - ((a + b) >> 1));
            byte f4 = (byte) (x - paeth(a, b, c));
            out[0][i + 1] = f0;
            out[1][i + 1] = f1;
            out[2][i + 1] = f2;
            out[3][i + 1] = f3;
            out[4][i + 1] = f4;
            cost[0] += Math.abs((int) f0);
            cost[1] += Math.abs((int) f1);
            cost[2] += Math.abs((int) f2);
            cost[3] += Math.abs((int) f3);
            cost[4] += Math.abs((int) f4);
        }
        int best = 0;
        for (int f = 1; f < 5; f++) {
            if (cost[f] < cost[best]) {
                best = f;
            }
        }
        out[best][0] = (byte) best;
        return out[best];
    }

    /** The PNG Paeth predictor (RFC 2083). */
    public static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /** Writes one PNG chunk: length, type, data, CRC-32. */
    public static void chunk(OutputStream out, String type, byte[] data) {
        byte[] head = new byte[8];
        putInt(head, 0, data.length);
        System.arraycopy(type.getBytes(StandardCharsets.US_ASCII), 0, head, 4, 4);
        CRC32 crc = new CRC32();
        crc.update(head, 4, 4);
        crc.update(data);
        byte[] tail = new byte[4];
        putInt(tail, 0, (int) crc.getValue());
        try {
            out.write(head);
            out.write(data);
            out.write(tail);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Big-endian int, as PNG stores them. */
    public static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
