package dev.fontgan.ocr;

import dev.fontgan.FontganException;
import dev.fontgan.bicycle.LatentRefinement;
import dev.fontgan.glyph.SampleImages;
import dev.fontgan.style.Hand;
import dev.fontgan.style.LatentStyle;
import dev.fontgan.style.PackHand;
import dev.fontgan.style.StylePack;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bicycle:[FILE.fgstyle:]SELECTOR} styles from a BicycleGAN pack. {@code random} is a style
 * family: every line draws its own style seed (recorded in the manifest as {@code style_seed}) and
 * is written with the pack's latent code for that seed (drawn at the pack's z scale, or the
 * dataset's {@code --z-scale}), so a dataset holds as many handwriting
 * styles as lines. {@code ref@DIR} is the style of the pictures in folder DIR (one written
 * character per PNG or JPEG, as {@code render --reference} takes them), encoded once and refined
 * as told ({@code dataset --refine}). Any other
 * selector ({@code all}, names joined by {@code +}) names the pack's saved styles, as {@code pack:}
 * does. Without a file the pack given to the resolver is used ({@code fontgan dataset --pack}).
 */
public final class BicycleStyles implements StyleResolver {
    /** Seeds whose glyphs are kept; a line's seed is used by that line alone, so a few suffice. */
    static final int CACHED_SEEDS = 64;
    /** Selector prefix of a style taken from reference pictures: {@code ref@DIR}. */
    static final String REFERENCE = "ref@";

    private final Path defaultPack;
    private final Double zScale;
    private final LatentRefinement.Settings refine;
    private final Map<Path, StylePack> open = new HashMap<>();

    /** @param defaultPack the pack of selectors that name no file, or null */
    public BicycleStyles(Path defaultPack) {
        this(defaultPack, null);
    }

    /**
     * @param defaultPack the pack of selectors that name no file, or null
     * @param zScale spread of random styles (z ~ N(0, zScale^2)), or null for each pack's default
     */
    public BicycleStyles(Path defaultPack, Double zScale) {
        this(defaultPack, zScale, null);
    }

    /**
     * @param defaultPack the pack of selectors that name no file, or null
     * @param zScale spread of random styles (z ~ N(0, zScale^2)), or null for each pack's default
     * @param refine how {@code ref@DIR} codes are refined ({@link LatentStyle#fromReferences}), or null for none
     */
    public BicycleStyles(Path defaultPack, Double zScale, LatentRefinement.Settings refine) {
        this.defaultPack = defaultPack;
        this.zScale = zScale;
        this.refine = refine;
    }

    @Override
    public synchronized List<Style> resolve(String selector, double weight) {
        int colon = selector.lastIndexOf(':');
        Path file = colon > 0 ? Path.of(selector.substring(0, colon)) : defaultPack;
        String what = colon > 0 ? selector.substring(colon + 1) : selector;
        if (file == null) {
            throw new FontganException("--styles", "bicycle:" + selector + ": which pack? give --pack P.fgstyle or "
                    + "bicycle:P.fgstyle:" + selector);
        }
        StylePack pack = open.computeIfAbsent(file, StylePack::load);
        if (!pack.hasLatentSpace()) {
            throw new FontganException(file, "bicycle: styles need a bicycle pack; this one is " + pack.kind()
                    + " (use pack:" + file + ":" + what + ")");
        }
        if (zScale != null) {
            pack.useZScale(zScale);
        }
        String kind = colon > 0 ? "bicycle:" + file : "bicycle";
        if (what.startsWith(REFERENCE)) {
            return List.of(referenced(pack, kind, Path.of(what.substring(REFERENCE.length())), weight));
        }
        if (!what.equals("random")) {
            return new PackStyles(kind, () -> pack).resolve(what, weight);
        }
        Hand coverage = PackHand.latent(pack, new float[pack.latentSize()], kind + ":random", false);
        // the scale is part of what the dataset's options record: a resume at another scale is refused
        String from = pack.zScale() == 1 ? pack.where() : pack.where() + " (z scale " + pack.zScale() + ")";
        return List.of(new Style(kind + ":random", from, coverage, weight, new Members(pack, kind)::of));
    }

    /** One fixed style: the mean code of the folder's pictures (sorted by name, so it is reproducible). */
    private Style referenced(StylePack pack, String kind, Path dir, double weight) {
        List<Path> pictures = SampleImages.pictures(dir);
        LatentStyle style = LatentStyle.fromReferences(pack, pictures, refine, dev.fontgan.Progress.NONE);
        String name = kind + ":" + REFERENCE + dir;
        // the pictures' count and code go into what the dataset records, so a resume with other pictures is refused
        String from = pack.where() + " (" + pictures.size() + " reference pictures"
                + (refine == null || refine.steps() == 0 ? "" : ", refined " + refine.steps() + " steps") + ", code " + Integer.toHexString(Arrays.hashCode(style.z())) + ")";
        return new Style(name, from, new PackStyles.BlockHand(PackHand.latent(pack, style.z(), name, false)), weight);
    }

    /** The hands of a random family, each caching its glyphs: keyed by (style seed, character). */
    private static final class Members {
        private final StylePack pack;
        private final String kind;
        private final Map<Long, Hand> recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Hand> eldest) {
                return size() > CACHED_SEEDS;
            }
        };

        Members(StylePack pack, String kind) {
            this.pack = pack;
            this.kind = kind;
        }

        synchronized Hand of(long styleSeed) {
            return recent.computeIfAbsent(styleSeed, s -> new CachedHand(PackHand.latent(pack, pack.latentForSeed(s),
                    kind + ":random#" + s, false)));
        }
    }
}
