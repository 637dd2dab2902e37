package dev.fontgan.style;

import dev.fontgan.FontganException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A style or a blend of styles, written {@code kai} or {@code kai:0.7,wenkai:0.3}: the generator
 * gets the weighted sum of the styles' embedding vectors. Weights are non-negative and are
 * scaled to sum to 1, so {@code kai:1,wenkai:1} is an even blend and {@code kai:1,wenkai:0}
 * is exactly {@code kai}.
 */
public final class StyleMix {
    private final Map<String, Double> weights;

    private StyleMix(Map<String, Double> weights) {
        this.weights = weights;
    }

    /** One style alone. */
    public static StyleMix of(String name) {
        Map<String, Double> w = new LinkedHashMap<>();
        w.put(name, 1.0);
        return new StyleMix(w);
    }

    /** Parses {@code NAME} or {@code NAME:W,NAME:W,...}; errors name {@code where} (e.g. "--style"). */
    public static StyleMix parse(String text, String where) {
        if (text == null || text.isBlank()) {
            throw new FontganException(where, "empty style");
        }
        Map<String, Double> w = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            int colon = p.lastIndexOf(':');
            String name = colon < 0 ? p : p.substring(0, colon).trim();
            double weight = 1.0;
            if (colon >= 0) {
                try {
                    weight = Double.parseDouble(p.substring(colon + 1).trim());
                } catch (NumberFormatException e) {
                    throw new FontganException(where, "bad weight in '" + p + "' (expected NAME:0.5)");
                }
            }
            if (name.isEmpty()) {
                throw new FontganException(where, "missing style name in '" + text + "'");
            }
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new FontganException(where, "weight of " + name + " must be a number >= 0");
            }
            if (w.put(name, weight) != null) {
                throw new FontganException(where, "style " + name + " is named twice");
            }
        }
        double sum = w.values().stream().mapToDouble(Double::doubleValue).sum();
        if (!(sum > 0)) {
            throw new FontganException(where, "the weights of '" + text + "' sum to 0");
        }
        return new StyleMix(w);
    }

    /** The styles named, in order. */
    public List<String> names() {
        return new ArrayList<>(weights.keySet());
    }

    /** True when the mix is one style alone (or all weight on one). */
    public boolean isPure() {
        return weights.values().stream().filter(v -> v > 0).count() == 1;
    }

    /**
     * Weights over a pack's styles (index = style id), summing to 1; an unknown name is an error
     * listing the styles there are.
     */
    public float[] over(List<PackStyle> styles, String where) {
        float[] out = new float[styles.size()];
        double sum = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            PackStyle s = find(styles, e.getKey());
            if (s == null) {
                List<String> names = styles.stream().map(PackStyle::name).toList();
                throw new FontganException(where, "no style '" + e.getKey() + "' in this pack (styles: "
                        + String.join(", ", names) + ")");
            }
            out[s.id()] += (float) (e.getValue() / sum);
        }
        return out;
    }

    private static PackStyle find(List<PackStyle> styles, String name) {
        for (PackStyle s : styles) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        for (PackStyle s : styles) {
            if (s.name().equalsIgnoreCase(name)) {
                return s;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        if (isPure()) {
            return weights.entrySet().stream().filter(e -> e.getValue() > 0).findFirst().orElseThrow().getKey();
        }
        double sum = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        List<String> parts = new ArrayList<>();
        weights.forEach((k, v) -> parts.add(k + ":" + String.format(Locale.ROOT, "%.2f", v / sum)));
        return String.join(",", parts);
    }
}
