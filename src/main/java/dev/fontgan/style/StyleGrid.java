package dev.fontgan.style;

import dev.fontgan.FontganException;
import dev.fontgan.glyph.GlyphGrid;
import dev.fontgan.glyph.GlyphImage;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A picture of many styles of one pack: rows are characters, columns are styles. For a BicycleGAN
 * pack the columns are random styles of consecutive seeds (column {@code s7}: {@code --z random
 * --seed 7}) and, if asked, the pack's named styles after them; a zi2zi pack shows its named styles.
 */
public final class StyleGrid {
    /** Most columns and rows of one picture. */
    public static final int MAX_COLUMNS = 64;
    public static final int MAX_ROWS = 64;

    private StyleGrid() {}

    /**
     * @param count  random styles (seeds {@code seed .. seed + count - 1}); 0 for none
     * @param named  also one column per named style of the pack
     * @param cellPx side of a cell in the picture
     */
    public static BufferedImage render(StylePack pack, int[] codePoints, long seed, int count, boolean named, int cellPx) {
        if (codePoints.length == 0 || codePoints.length > MAX_ROWS) {
            throw new FontganException("--chars", "give 1 to " + MAX_ROWS + " characters, got " + codePoints.length);
        }
        if (count < 0 || count > MAX_COLUMNS) {
            throw new FontganException("--count", "expected 0 to " + MAX_COLUMNS + ", got " + count);
        }
        if (count > 0 && !pack.hasLatentSpace()) {
            throw new FontganException(pack.where(), "a " + pack.kind() + " pack has no random styles; give --count 0 "
                    + "--named to show its named styles");
        }
        GlyphImage[] sources = pack.sources(codePoints);
        List<String> columns = new ArrayList<>();
        List<GlyphImage[]> written = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            columns.add("s" + (seed + j));
            written.add(pack.generateLatent(sources, pack.latentForSeed(seed + j)));
        }
        if (named) {
            for (PackStyle s : pack.styles()) {
                columns.add(s.name());
                written.add(pack.generate(sources, StyleMix.of(s.name())));
            }
        }
        if (columns.isEmpty()) {
            throw new FontganException("--count", "no columns: give --count N or --named");
        }
        if (columns.size() > MAX_COLUMNS) {
            throw new FontganException("--named", columns.size() + " columns, at most " + MAX_COLUMNS);
        }
        GlyphImage[][] cells = new GlyphImage[codePoints.length][columns.size()];
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < codePoints.length; i++) {
            rows.add(new String(Character.toChars(codePoints[i])));
            for (int j = 0; j < columns.size(); j++) {
                cells[i][j] = written.get(j)[i];
            }
        }
        return new GlyphGrid(cellPx, pack.sourceFont()).render(rows, columns, cells);
    }
}
