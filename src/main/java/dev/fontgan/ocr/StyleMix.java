package dev.fontgan.ocr;

import dev.fontgan.FontganException;
import dev.fontgan.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The weighted styles of a dataset, from a spec such as
 * {@code default:all=0.6,fonts:handwriting=0.4}: comma-separated {@code KIND:SELECTOR[=WEIGHT]}
 * entries (weight 1 when left out), each split equally among the styles it names, weights then
 * normalized. Kinds resolve through registered {@link StyleResolver}s; {@code fonts} is always
 * there, style-pack kinds only when a pack is installed.
 */
public final class StyleMix {
    /** Kinds that name style packs; without a resolver they give a clear error. */
    static final List<String> PACK_KINDS = List.of("default", "pack", "bicycle", "zi2zi");

    private final List<Style> styles;
    /** Names of styles that write lowercase as capitals ({@link CapitalsOnly}). */
    private final java.util.Set<String> capitalsOnly = new java.util.HashSet<>();
    private final double[] cumulative;
    private final String spec;

    private StyleMix(String spec, List<Style> styles) {
        this.spec = spec;
        this.styles = List.copyOf(styles);
        this.cumulative = new double[styles.size()];
        double sum = 0;
        for (int i = 0; i < styles.size(); i++) {
            sum += styles.get(i).weight();
            cumulative[i] = sum;
            // a family (one hand per style seed) has no single answer; its members are not judged
            if (!styles.get(i).isFamily() && CapitalsOnly.test(styles.get(i).hand())) {
                capitalsOnly.add(styles.get(i).name());
            }
        }
    }

    /** Parses a spec with the given resolvers (by kind). */
    public static StyleMix parse(String spec, Map<String, StyleResolver> resolvers) {
        Map<String, Style> byName = new LinkedHashMap<>();
        for (String raw : spec.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            double weight = 1;
            int eq = entry.lastIndexOf('=');
            if (eq > 0) {
                try {
                    weight = Double.parseDouble(entry.substring(eq + 1));
                } catch (NumberFormatException e) {
                    throw new FontganException("--styles", "'" + entry + "': weight must be a number");
                }
                if (!(weight > 0) || Double.isInfinite(weight)) {
                    throw new FontganException("--styles", "'" + entry + "': weight must be above 0");
                }
                entry = entry.substring(0, eq);
            }
            int colon = entry.indexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw new FontganException("--styles", "'" + raw.strip() + "': expected KIND:SELECTOR[=WEIGHT], "
                        + "e.g. fonts:handwriting=0.4");
            }
            String kind = entry.substring(0, colon);
            String selector = entry.substring(colon + 1);
            StyleResolver r = resolvers.get(kind);
            if (r == null) {
                if (PACK_KINDS.contains(kind)) {
                    throw new FontganException("--styles", "'" + entry + "': no style pack available (no trained "
                            + "pack is installed yet); use fonts:ROLE or fonts:NAME styles");
                }
                throw new FontganException("--styles", "'" + entry + "': unknown kind '" + kind + "' (known: "
                        + String.join(", ", resolvers.keySet()) + ")");
            }
            for (Style s : r.resolve(selector, weight)) {
                Style before = byName.get(s.name());
                byName.put(s.name(), before == null ? s : before.withWeight(before.weight() + s.weight()));
            }
        }
        if (byName.isEmpty()) {
            throw new FontganException("--styles", "no styles given");
        }
        double total = byName.values().stream().mapToDouble(Style::weight).sum();
        List<Style> out = new ArrayList<>();
        for (Style s : byName.values()) {
            // a family caches inside each member (glyphs keyed by style seed and character)
            out.add(s.isFamily() ? s.withWeight(s.weight() / total)
                    : new Style(s.name(), s.font(), new CachedHand(s.hand()), s.weight() / total));
        }
        return new StyleMix(spec, out);
    }

    public List<Style> styles() {
        return styles;
    }

    /** The style with this name, or null. */
    public Style named(String name) {
        for (Style s : styles) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** A style drawn by weight. */
    public Style draw(SplittableRandom random) {
        double u = random.nextDouble() * cumulative[cumulative.length - 1];
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return styles.get(i);
            }
        }
        return styles.get(styles.size() - 1);
    }

    /** A style drawn by weight among those that can write the text, or null when none can. */
    public Style drawCovering(SplittableRandom random, String text) {
        List<Style> ok = new ArrayList<>();
        double sum = 0;
        for (Style s : styles) {
            if (s.covers(text)) {
                ok.add(s);
                sum += s.weight();
            }
        }
        double u = random.nextDouble() * sum;
        for (Style s : ok) {
            u -= s.weight();
            if (u < 0) {
                return s;
            }
        }
        return ok.isEmpty() ? null : ok.get(ok.size() - 1);
    }

    /** Whether the style writes lowercase letters as capitals (its labels are then upper-cased). */
    public boolean capitalsOnly(Style style) {
        return capitalsOnly.contains(style.name());
    }

    public String spec() {
        return spec;
    }

    /** Name, file and weight of each style, for the summary. */
    public List<Object> describe() {
        List<Object> out = new ArrayList<>();
        for (Style s : styles) {
            out.add(Json.obj("name", s.name(), "font", s.font(), "weight", s.weight(), "capitals_only",
                    capitalsOnly.contains(s.name())));
        }
        return out;
    }
}
