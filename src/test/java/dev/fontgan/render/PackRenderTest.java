package dev.fontgan.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fontgan.TestFonts;
import dev.fontgan.style.PackHand;
import dev.fontgan.style.StyleMix;
import dev.fontgan.style.StylePack;
import dev.fontgan.style.TinyPacks;
import java.awt.geom.Rectangle2D;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackRenderTest {
    @TempDir Path dir;

    @Test
    void aPackHandInksEveryCharacterWithOneForwardPassPerBatchOfDistinctCharacters() {
        TestFonts.useHome();
        Path packFile = TinyPacks.pack(dir);
        // 104 distinct characters, each twice: batches of 64 + 40 distinct ones
        String text = TinyPacks.CHARS + "\n" + TinyPacks.CHARS;
        try (StylePack pack = StylePack.load(packFile);
                PackHand hand = new PackHand(pack, StyleMix.of("ukai"), false)) {
            Rendering r = new Renderer(hand, ShippedFonts.installed())
                    .render(text, RenderOptions.defaults().withInkRgb(0).withWidthPx(0));
            assertEquals(2, pack.forwardPasses());
            assertTrue(r.complete(), "every character written by the pack: " + r.warning());
            int count = 0;
            for (Page.PlacedGlyph g : r.page().glyphs()) {
                Rectangle2D box = g.inkPx();
                assertTrue(darkPixels(r, box) > 0, "no ink for U+" + Integer.toHexString(g.codePoint()));
                count++;
            }
            assertEquals(2 * TinyPacks.CHARS.length(), count);
        }
    }

    private static int darkPixels(Rendering r, Rectangle2D box) {
        int n = 0;
        for (int y = (int) Math.max(0, box.getMinY()); y < Math.min(r.heightPx(), box.getMaxY()); y++) {
            for (int x = (int) Math.max(0, box.getMinX()); x < Math.min(r.widthPx(), box.getMaxX()); x++) {
                int rgb = r.argb()[y * r.widthPx() + x];
                if ((rgb & 0xff) < 128) {
                    n++;
                }
            }
        }
        return n;
    }
}
