package dev.fontgan.ocr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fontgan.FontganException;
import dev.fontgan.TorchRuntime;
import dev.fontgan.bicycle.LatentRefinement;
import dev.fontgan.glyph.SampleImages;
import dev.fontgan.glyph.GlyphImage;
import dev.fontgan.style.Hand;
import dev.fontgan.style.LatentStyle;
import dev.fontgan.style.StylePack;
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

    @Test
    void referenceFolderIsOneFixedStyleWrittenWithThePicturesCode() throws Exception {
        TorchRuntime.configure();
        Path pack = TinyBicyclePacks.pack(tmp);
        Path refs = Path.of("samples/reference");
        List<Style> styles = new BicycleStyles(pack).resolve("ref@" + refs, 0.5);
        assertEquals(1, styles.size());
        Style s = styles.get(0);
        assertFalse(s.isFamily());
        assertEquals("bicycle:ref@" + refs, s.name());
        assertEquals(0.5, s.weight());
        assertTrue(s.font().contains("4 reference pictures"), s.font());
        int[] text = "永字八法".codePoints().toArray();
        try (StylePack p = StylePack.load(pack)) {
            List<Path> pictures = SampleImages.pictures(refs);
            assertEquals(4, pictures.size());
            LatentStyle expected = LatentStyle.fromReferences(p, pictures);
            byte[] want = concat(expected.hand(p, false).write(text));
            assertArrayEquals(want, concat(s.handFor(null).write(text)));
            byte[] random = concat(LatentStyle.random(p, 1).hand(p, false).write(text));
            assertFalse(java.util.Arrays.equals(want, random), "the pictures' style is not a random one");
        }
        FontganException missing = assertThrows(FontganException.class,
                () -> new BicycleStyles(pack).resolve("ref@" + tmp.resolve("nothing-here"), 1));
        assertTrue(missing.line().contains("nothing-here"), missing.line());
        Path empty = java.nio.file.Files.createDirectories(tmp.resolve("empty"));
        FontganException none = assertThrows(FontganException.class,
                () -> new BicycleStyles(pack).resolve("ref@" + empty, 1));
        assertTrue(none.line().contains("no PNG or JPEG") && none.line().contains("empty"), none.line());
    }

    @Test
    void refinedReferenceFolderIsThePicturesRefinedCode() throws Exception {
        TorchRuntime.configure();
        Path pack = TinyBicyclePacks.pack(tmp);
        Path refs = Path.of("samples/reference");
        LatentRefinement.Settings refine = LatentRefinement.settings(5, "--refine");
        Style s = new BicycleStyles(pack, null, refine).resolve("ref@" + refs, 1.0).get(0);
        assertTrue(s.font().contains("4 reference pictures, refined 5 steps"), s.font());
        int[] text = "永字八法".codePoints().toArray();
        try (StylePack p = StylePack.load(pack)) {
            List<Path> pictures = SampleImages.pictures(refs);
            LatentStyle expected = LatentStyle.fromReferences(p, pictures, refine, dev.fontgan.Progress.NONE);
            assertArrayEquals(concat(expected.hand(p, false).write(text)), concat(s.handFor(null).write(text)));
        }
    }
}
