package dev.fontgan.data;

import dev.fontgan.FontganException;
import java.nio.file.Path;

/** Opens paired training data (zi2zi, BicycleGAN) from a {@code --data} argument. */
public final class PairData {
    private PairData() {}

    /**
     * A glyph dataset folder, or {@code synthetic:STYLES:CHARS[:SIZE]} for generated test pairs.
     */
    public static PairBatches open(Path data, long seed) {
        String spec = data.toString();
        if (spec.startsWith("synthetic:")) {
            String[] p = spec.split(":");
            try {
                int styles = Integer.parseInt(p[1]);
                int chars = Integer.parseInt(p[2]);
                int size = p.length > 3 ? Integer.parseInt(p[3]) : 64;
                if (styles < 1 || chars < 1 || styles > 1000 || chars > 100_000) {
                    throw new NumberFormatException();
                }
                return new SyntheticPairs(size, styles, chars, seed);
            } catch (RuntimeException e) {
                throw new FontganException(spec, "expected synthetic:STYLES:CHARS[:SIZE]");
            }
        }
        return new GlyphPairs(GlyphDataset.open(data), seed);
    }
}
