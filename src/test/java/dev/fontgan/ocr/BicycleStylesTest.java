package dev.fontgan.ocr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fontgan.TorchRuntime;
import dev.fontgan.glyph.GlyphImage;
import dev.fontgan.style.Hand;
import dev.fontgan.style.TinyBicyclePacks;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BicycleStylesTest {
    @TempDir Path tmp;

    private static byte[] concat(GlyphImage[] glyphs) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        for (GlyphImage g : glyphs) {
            b.writeBytes(g.pixels());
        }
        return b.toByteArray();
    }

    @Test
    void randomIsAFamilyWhoseMembersCacheByStyleSeedAndCharacter() {
        TorchRuntime.configure();
        Path pack = TinyBicyclePacks.pack(tmp);
        List<Style> styles = new BicycleStyles(null).resolve(pack + ":random", 1.0);
        assertEquals(1, styles.size());
        Style random = styles.get(0);
        assertTrue(random.isFamily());
        assertEquals("bicycle:" + pack + ":random", random.name());
        int[] text = "的一是不了".codePoints().toArray();
        Hand a = random.handFor(41L);
        assertSame(a, random.handFor(41L), "one cached member per seed");
        byte[] first = concat(a.write(text));
        byte[] again = concat(random.handFor(41L).write(text));
        assertArrayEquals(first, again);
        assertFalse(java.util.Arrays.equals(first, concat(random.handFor(42L).write(text))), "another seed, another style");
        // a fresh resolver (another worker or run) writes the same glyphs for the seed, one at a time too
        Hand b = new BicycleStyles(pack).resolve("random", 1.0).get(0).handFor(41L);
        for (int i = text.length - 1; i >= 0; i--) {
            assertArrayEquals(a.write(new int[] {text[i]})[0].pixels(), b.write(new int[] {text[i]})[0].pixels());
        }
        List<Style> named = new BicycleStyles(pack).resolve("all", 1.0);
        assertEquals(3, named.size());
        assertFalse(named.get(0).isFamily());
    }
}
