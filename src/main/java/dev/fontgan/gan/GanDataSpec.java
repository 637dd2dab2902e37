package dev.fontgan.gan;

import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.Progress;
import dev.fontgan.data.ClassGlyphs;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a GAN run's data comes from, stored in its config so sample/eval can rebuild it.
 * @param fontsDir folder of fonts for class glyphs (every font covering the charset)
 * @param chars charset spec: class characters, or the paired characters
 * @param source source font spec for paired glyphs
 * @param target target font spec for paired glyphs
 */
public record GanDataSpec(String fontsDir, String chars, String source, String target, int sizePx, long seed) {
    /** Digits and basic Latin letters: 62 classes. */
    public static final String DEFAULT_CLASS_CHARS =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    /**
     * Digits: the classes of the conditional variants. Every character reads as itself under ink
     * normalization (the shipped classifier reads 99.7% of real 32 px digits of every font right
     * among the ten); with letters too, o/O/0, l/I/1, c/C, s/S... are the same picture once the ink
     * box fills the image, and only 86.8% of real glyphs read right among the 62.
     */
    public static final String DIGITS = "0123456789";
    public static final String DEFAULT_SOURCE = "fonts/dejavu/DejaVuSans.ttf";
    public static final String DEFAULT_TARGET = "fonts/comic-neue/ComicNeue-Regular.otf";
    public static final String DEFAULT_PAIRED_CHARS = "ascii";

    /** Renders the data a variant needs, with the distortions it asks for on its real glyphs. */
    public GanData load(Variant variant, Progress progress) {
        return switch (variant.data()) {
            case CLASS_GLYPHS -> new ClassGlyphData(
                    ClassGlyphs.fromFolder(Path.of(fontsDir), chars, sizePx, 1.0, progress), seed, toJson(),
                    variant.realDistortions());
            case PAIRED_GLYPHS -> {
                PairedGlyphData d = PairedGlyphData.render(source, target, chars, sizePx, seed, progress);
                yield d;
            }
        };
    }

    public Map<String, Object> toJson() {
        return Json.obj("fonts_dir", fontsDir, "chars", chars, "source", source, "target", target, "size_px", sizePx,
                "seed", seed);
    }

    /** Reads the spec from a run config's "data" object. */
    public static GanDataSpec fromJson(Object o, String where) {
        if (!(o instanceof Map<?, ?> m) || !(m.get("size_px") instanceof Number size)) {
            throw new FontganException(where, "run config has no data description");
        }
        Object seed = m.get("seed");
        return new GanDataSpec((String) m.get("fonts_dir"), (String) m.get("chars"), (String) m.get("source"),
                (String) m.get("target"), size.intValue(), seed instanceof Number n ? n.longValue() : 1);
    }
}
