package dev.fontgan.ocr;

import dev.fontgan.FontganException;
import dev.fontgan.glyph.GlyphImage;
import dev.fontgan.style.PackHand;
import dev.fontgan.style.PackStyle;
import dev.fontgan.style.StyleMix;
import dev.fontgan.style.StylePack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code default:SELECTOR} and {@code pack:FILE.fgstyle:SELECTOR} styles: the styles of a trained
 * style pack ({@code all}, or style names joined by {@code +}), each written by the pack's
 * generator. The pack is opened once, when the first entry needs it.
 */
public final class PackStyles implements StyleResolver {
    private final String kind;
    private final Supplier<StylePack> opener;
    private StylePack pack;

    PackStyles(String kind, Supplier<StylePack> opener) {
        this.kind = kind;
        this.opener = opener;
    }

    /** The embedded default pack. */
    public static PackStyles defaultPack() {
        return new PackStyles("default", StylePack::loadDefault);
    }

    /** Packs named in the selector: {@code pack:FILE.fgstyle:all}. */
    public static StyleResolver files() {
        return (selector, weight) -> {
            int colon = selector.lastIndexOf(':');
            if (colon <= 0) {
                throw new FontganException("--styles", "pack:" + selector + ": expected pack:FILE.fgstyle:STYLES");
            }
            String file = selector.substring(0, colon);
            return new PackStyles("pack:" + file, () -> StylePack.load(Path.of(file)))
                    .resolve(selector.substring(colon + 1), weight);
        };
    }

    @Override
    public synchronized List<Style> resolve(String selector, double weight) {
        if (pack == null) {
            pack = opener.get();
        }
        List<String> names = new ArrayList<>();
        if (selector.equals("all")) {
            pack.styles().forEach(s -> names.add(s.name()));
        } else {
            names.addAll(Arrays.asList(selector.split("\\+")));
        }
        List<Style> out = new ArrayList<>();
        for (String name : names) {
            PackHand hand = new PackHand(pack, StyleMix.of(name), false);
            out.add(new Style(kind + ":" + name, pack.where(), new BlockHand(hand), weight / names.size()));
        }
        if (out.isEmpty()) {
            throw new FontganException("--styles", kind + ":" + selector + ": no style named; the pack has "
                    + pack.styles().stream().map(PackStyle::name).toList());
        }
        return out;
    }

    /**
     * Generates glyphs in fixed blocks of 64 consecutive code points, whatever a caller asks for,
     * so a glyph's pixels never depend on which other characters shared its forward pass (and a
     * dataset stays byte-identical for any worker count). One forward pass at a time.
     */
    static final class BlockHand implements dev.fontgan.style.Hand {
        static final int BLOCK = 64;
        private final PackHand hand;
        /** Every glyph of every block generated so far (null values: cannot write). */
        private final java.util.Map<Integer, GlyphImage> made = new java.util.HashMap<>();

        BlockHand(PackHand hand) {
            this.hand = hand;
        }

        @Override
        public String name() {
            return hand.name();
        }

        @Override
        public dev.fontgan.font.FontFile metrics() {
            return hand.metrics();
        }

        @Override
        public int sizePx() {
            return hand.sizePx();
        }

        @Override
        public boolean canWrite(int codePoint) {
            return hand.canWrite(codePoint);
        }

        @Override
        public synchronized GlyphImage[] write(int[] codePoints) {
            for (int cp : codePoints) {
                if (made.containsKey(cp) || !hand.canWrite(cp)) {
                    continue;
                }
                int start = cp - Math.floorMod(cp, BLOCK);
                int[] block = java.util.stream.IntStream.range(start, start + BLOCK).filter(hand::canWrite).toArray();
                GlyphImage[] images = hand.write(block);
                for (int i = 0; i < block.length; i++) {
                    made.put(block[i], images[i]);
                }
            }
            GlyphImage[] out = new GlyphImage[codePoints.length];
            for (int i = 0; i < codePoints.length; i++) {
                out[i] = made.get(codePoints[i]);
            }
            return out;
        }
    }
}
