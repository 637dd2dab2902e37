package dev.fontgan.ocr;

import dev.fontgan.render.ShippedFonts;
import java.util.SplittableRandom;

/**
 * Draws the {@link LinePlan} of sample {@code i} from the dataset seed and {@code i} alone, so
 * any shard can be planned anywhere in any order. The coverage guard runs here, before
 * rendering: a label never holds a character its line does not draw.
 */
public final class SamplePlanner {
    /** Texts tried per sample before the characters nobody can write are dropped from the last one. */
    static final int MAX_TRIES = 64;
    /** Mixed into a sample's seed to give its style seed (a family style's member). */
    static final long STYLE_SEED_STREAM = 0x5717_1E5EEDL;

    private final TextSource text;
    private final StyleMix styles;
    private final AugmentConfig augment;
    private final Uncovered policy;
    private final ShippedFonts fallbacks;
    private final long seed;
    private final int heightPx;

    public SamplePlanner(TextSource text, StyleMix styles, AugmentConfig augment, Uncovered policy,
                         ShippedFonts fallbacks, long seed, int heightPx) {
        this.text = text;
        this.styles = styles;
        this.augment = augment;
        this.policy = policy;
        this.fallbacks = fallbacks;
        this.seed = seed;
        this.heightPx = heightPx;
    }

    /** The seed of sample {@code index}: a mix of the dataset seed and the index. */
    public static long sampleSeed(long datasetSeed, long index) {
        long z = datasetSeed * 0x9E3779B97F4A7C15L + (index + 1) * 0xD1B54A32D192ED03L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public LinePlan plan(long index) {
        long sampleSeed = sampleSeed(seed, index);
        SplittableRandom r = new SplittableRandom(sampleSeed);
        int skipped = 0;
        boolean restyled = false;
        String line = null;
        Style style = null;
        for (int t = 0; t < MAX_TRIES; t++) {
            line = text.draw(r);
            style = styles.draw(r);
            if (line.isEmpty()) {
                skipped++;
                continue;
            }
            if (style.covers(line)) {
                return finish(index, sampleSeed, r, line, style, false, skipped, restyled, 0, 0);
            }
            if (policy == Uncovered.SUBSTITUTE) {
                int missing = 0;
                StringBuilder kept = new StringBuilder();
                int dropped = 0;
                for (int i = 0; i < line.length(); ) {
                    int cp = line.codePointAt(i);
                    i += Character.charCount(cp);
                    if (cp == ' ' || style.hand().canWrite(cp)) {
                        kept.appendCodePoint(cp);
                    } else if (fallbacks.fallbackFor(cp) != null) {
                        kept.appendCodePoint(cp);
                        missing++;
                    } else {
                        dropped++;
                    }
                }
                String cleaned = LineText.normalize(kept.toString());
                if (!cleaned.isEmpty()) {
                    return finish(index, sampleSeed, r, cleaned, style, true, skipped, false, missing, dropped);
                }
            } else if (policy == Uncovered.RESTYLE) {
                Style other = styles.drawCovering(r, line);
                if (other != null) {
                    return finish(index, sampleSeed, r, line, other, false, skipped, true, 0, 0);
                }
            }
            skipped++;
        }
        // nothing fitted: drop what the style cannot write from the last text
        StringBuilder kept = new StringBuilder();
        int dropped = 0;
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == ' ' || style.hand().canWrite(cp)) {
                kept.appendCodePoint(cp);
            } else {
                dropped++;
            }
        }
        String cleaned = LineText.normalize(kept.toString());
        if (cleaned.isEmpty()) {
            throw new dev.fontgan.FontganException("--styles", "after " + MAX_TRIES + " tries no style could write any "
                    + "character of the drawn texts (e.g. '" + line + "' with " + style.name()
                    + "); choose styles that cover the text's script");
        }
        return finish(index, sampleSeed, r, cleaned, style, false, skipped, restyled, 0, dropped);
    }

    private LinePlan finish(long index, long sampleSeed, SplittableRandom r, String line, Style style, boolean substitute,
                            int skipped, boolean restyled, int substituted, int dropped) {
        Augmentation aug = augment.draw(r);
        // derived, not drawn from r: plans of fixed styles stay exactly what they were
        Long styleSeed = style.isFamily() ? sampleSeed(sampleSeed, STYLE_SEED_STREAM) : null;
        String text = styles.capitalsOnly(style) ? capitals(line, style) : line;
        return new LinePlan(index, sampleSeed, text, style.name(), substitute, heightPx, aug, skipped, restyled,
                substituted, dropped, styleSeed, !text.equals(line));
    }

    /** Lowercase letters as the capitals the style draws for them (where it has the capital). */
    private static String capitals(String line, Style style) {
        StringBuilder sb = new StringBuilder(line.length());
        line.codePoints().forEach(cp -> {
            int upper = Character.toUpperCase(cp);
            sb.appendCodePoint(upper != cp && style.hand().canWrite(upper) ? upper : cp);
        });
        return sb.toString();
    }
}
