package dev.fontgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fontgan.FontganException;
import dev.fontgan.glyph.Normalization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlyphStoreTest {
    @TempDir Path tmp;

    static GlyphStore randomStore(int count, int size, long seed) {
        Random r = new Random(seed);
        byte[] px = new byte[count * size * size];
        r.nextBytes(px);
        int[] cps = new int[count];
        for (int i = 0; i < count; i++) {
            cps[i] = 0x4E00 + i * 7;
        }
        cps[count - 1] = 0x20000; // a supplementary-plane character survives too
        String sha = "ab".repeat(32);
        return new GlyphStore(size, Normalization.EM, sha, cps, px);
    }

    @Test
    void roundTripIsBitExact() throws Exception {
        GlyphStore s = randomStore(50, 32, 7);
        Path f = tmp.resolve("s.fggs");
        s.write(f);
        GlyphStore back = GlyphStore.read(f);
        assertEquals(32, back.sizePx());
        assertEquals(Normalization.EM, back.normalization());
        assertEquals(s.fontSha256(), back.fontSha256());
        assertArrayEquals(s.codePoints(), back.codePoints());
        for (int cp : s.codePoints()) {
            assertArrayEquals(s.pixels(cp), back.pixels(cp));
        }
        assertNull(back.pixels('A'));
        assertFalse(back.copyInto('A', new byte[32 * 32], 0));
        // Writing again gives identical bytes.
        Path g = tmp.resolve("t.fggs");
        back.write(g);
        assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(g));
    }

    @Test
    void flippedByteIsACrcError() throws Exception {
        Path f = tmp.resolve("s.fggs");
        randomStore(10, 32, 1).write(f);
        byte[] b = Files.readAllBytes(f);
        b[b.length / 2] ^= 0x01;
        Files.write(f, b);
        FontganException e = assertThrows(FontganException.class, () -> GlyphStore.read(f));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        assertEquals(f.toString(), e.where());
    }

    @Test
    void wrongMagicVersionAndTruncationAreRefused() throws Exception {
        Path f = tmp.resolve("s.fggs");
        randomStore(10, 32, 1).write(f);
        byte[] good = Files.readAllBytes(f);

        byte[] magic = good.clone();
        magic[0] = 'X';
        Files.write(f, magic);
        assertTrue(assertThrows(FontganException.class, () -> GlyphStore.read(f)).getMessage().contains("magic"));

        byte[] version = good.clone();
        version[4] = 9;
        Files.write(f, version);
        assertTrue(assertThrows(FontganException.class, () -> GlyphStore.read(f)).getMessage().contains("version"));

        Files.write(f, Arrays.copyOf(good, good.length - 100));
        assertTrue(assertThrows(FontganException.class, () -> GlyphStore.read(f)).getMessage().contains("truncated"));

        Files.write(f, Arrays.copyOf(good, 20));
        assertThrows(FontganException.class, () -> GlyphStore.read(f));
    }
}
