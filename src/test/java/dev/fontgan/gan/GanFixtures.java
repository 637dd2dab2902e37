package dev.fontgan.gan;

import dev.fontgan.Progress;
import dev.fontgan.TestFonts;
import dev.fontgan.data.ClassGlyphs;
import dev.fontgan.font.FontFile;
import dev.fontgan.glyph.Normalization;
import java.util.List;

/** Tiny GAN data for tests: digits in three fonts at 16 px; DejaVu Sans -> Comic Neue pairs. */
final class GanFixtures {
    static final int SIZE = 16;
    private static ClassGlyphData classes;
    private static PairedGlyphData pairs;

    private GanFixtures() {}

    static synchronized ClassGlyphData classGlyphs() {
        if (classes == null) {
            List<FontFile> fonts = List.of(FontFile.open(TestFonts.path(TestFonts.DEJAVU_SANS)),
                    FontFile.open(TestFonts.path(TestFonts.COMIC_NEUE)),
                    FontFile.open(TestFonts.path(TestFonts.LIBERATION_SERIF)));
            ClassGlyphs g = ClassGlyphs.render(fonts, "0123456789".codePoints().toArray(), SIZE, Normalization.INK,
                    Progress.NONE);
            classes = new ClassGlyphData(g, 1, ClassGlyphData.describe("test", "0123456789", SIZE));
        }
        return classes;
    }

    static synchronized PairedGlyphData pairs() {
        if (pairs == null) {
            pairs = PairedGlyphData.render(TestFonts.path(TestFonts.DEJAVU_SANS).toString(),
                    TestFonts.path(TestFonts.COMIC_NEUE).toString(), "0123456789abcdefghij", SIZE, 1, Progress.NONE);
        }
        return pairs;
    }

    /** The tiny data of a variant's kind, with the distortions it asks for on real glyphs. */
    static GanData dataFor(Variant v) {
        if (v.data() == DataMode.PAIRED_GLYPHS) {
            return pairs();
        }
        ClassGlyphData clean = classGlyphs();
        return v.realDistortions() == null ? clean
                : new ClassGlyphData(clean.glyphs(), 1, clean.describe(), v.realDistortions());
    }

    static VariantConfig config(GanData data) {
        return new VariantConfig(SIZE, 8, 8, data.classCount(), 4, 4, 5, 0f, 1, 0, 0, 2, data.styleCount());
    }
}
