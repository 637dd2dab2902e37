package dev.fontgan.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fontgan.TestFonts;
import dev.fontgan.TorchRuntime;
import dev.fontgan.font.FontFile;
import dev.fontgan.glyph.GlyphImage;
import dev.fontgan.glyph.GlyphRasterizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ShippedClassifierTest {
    @Test
    void shippedClassifierReadsCharactersAndFonts() {
        TorchRuntime.configure();
        Assumptions.assumeTrue(GlyphClassifier.class.getResource(GlyphClassifier.DEFAULT_RESOURCE) != null,
                "no shipped classifier in this build");
        try (GlyphClassifier c = GlyphClassifier.loadDefault()) {
            assertEquals(64, c.sizePx());
            assertTrue(c.codePoints().length > 3500, "content classes " + c.codePoints().length);
            assertTrue(c.styleNames().contains("song") && c.styleNames().contains("comic"), c.styleNames().toString());
            String text = "永和九年岁在癸丑暮春之初会于会稽山阴";
            FontFile song = FontFile.open(TestFonts.path(TestFonts.NOTO_SERIF_CJK));
            GlyphRasterizer r = new GlyphRasterizer(c.sizePx(), c.normalization());
            List<GlyphImage> glyphs = new ArrayList<>();
            int[] cps = text.codePoints().toArray();
            for (int cp : cps) {
                glyphs.add(r.rasterize(song, cp));
            }
            GlyphClassifier.Predictions p = c.predict(InkImages.ofGlyphs(glyphs));
            String[] styles = new String[cps.length];
            java.util.Arrays.fill(styles, "song");
            Accuracy content = c.contentAccuracy(p, cps);
            Accuracy style = c.styleAccuracy(p, styles);
            assertTrue(content.value() >= 0.9, "content " + content);
            assertTrue(style.value() >= 0.8, "style " + style);
            // 32 px inputs are resampled to the classifier's size and still read
            GlyphClassifier.Predictions small = c.predict(InkImages.ofGlyphs(glyphs).resized(32));
            assertTrue(c.contentAccuracy(small, cps).value() >= 0.7, "content at 32 px");
        }
    }
}
