package dev.fontgan.ocr;

import dev.fontgan.FontganException;
import dev.fontgan.Json;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Probability and range of every {@link Effect}, and how one line's {@link Augmentation} is drawn
 * from them. Every effect consumes the same random numbers whether it is on or off, so turning
 * one effect off leaves the others' draws unchanged.
 */
public final class AugmentConfig {
    /** Probability and value range of one effect. */
    public record Setting(double probability, double low, double high) {}

    private final Map<Effect, Setting> settings;

    private AugmentConfig(Map<Effect, Setting> settings) {
        this.settings = settings;
    }

    /** The defaults of {@link Effect}. */
    public static AugmentConfig defaults() {
        Map<Effect, Setting> m = new EnumMap<>(Effect.class);
        for (Effect e : Effect.values()) {
            m.put(e, new Setting(e.defaultProbability(), e.defaultLow(), e.defaultHigh()));
        }
        return new AugmentConfig(m);
    }

    /** Every effect off: exact typesetting on white with a fixed small padding. */
    public static AugmentConfig none() {
        AugmentConfig c = defaults();
        for (Effect e : Effect.values()) {
            c = c.with(e, 0);
        }
        return c;
    }

    /** A copy with one effect's probability changed (range kept). */
    public AugmentConfig with(Effect e, double probability) {
        Setting s = settings.get(e);
        return with(e, probability, s.low(), s.high());
    }

    /** A copy with one effect's probability and range. */
    public AugmentConfig with(Effect e, double probability, double low, double high) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new FontganException("--aug", e.id() + ": probability must be in 0..1, got " + probability);
        }
        if (!(low <= high) || Double.isInfinite(low) || Double.isInfinite(high)) {
            throw new FontganException("--aug", e.id() + ": expected LOW <= HIGH, got " + low + ":" + high);
        }
        Map<Effect, Setting> m = new EnumMap<>(settings);
        m.put(e, new Setting(probability, low, high));
        return new AugmentConfig(m);
    }

    /** Applies {@code NAME=P[:LOW:HIGH]}, e.g. {@code blur=0.5:0.3:1.5} or {@code jpeg=0}. */
    public AugmentConfig with(String flag) {
        int eq = flag.indexOf('=');
        Effect e = eq > 0 ? Effect.byId(flag.substring(0, eq).strip()) : null;
        if (e == null) {
            throw new FontganException("--aug", "'" + flag + "': expected NAME=P[:LOW:HIGH] with NAME one of "
                    + String.join(", ", Arrays.stream(Effect.values()).map(Effect::id).toList()));
        }
        String[] parts = flag.substring(eq + 1).split(":");
        try {
            if (parts.length == 1) {
                return with(e, Double.parseDouble(parts[0]));
            }
            if (parts.length == 3) {
                return with(e, Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
            }
        } catch (NumberFormatException ex) {
            // fall through to the message below
        }
        throw new FontganException("--aug", "'" + flag + "': expected NAME=P or NAME=P:LOW:HIGH with numbers");
    }

    public Setting setting(Effect e) {
        return settings.get(e);
    }

    /** Draws the variations of one line. */
    public Augmentation draw(SplittableRandom r) {
        Map<Effect, Double> v = new EnumMap<>(Effect.class);
        for (Effect e : Effect.values()) {
            Setting s = settings.get(e);
            double u = r.nextDouble();
            double x = s.low() + r.nextDouble() * (s.high() - s.low());
            if (u < s.probability()) {
                v.put(e, x);
            }
        }
        long seeds = r.nextLong();
        SplittableRandom extra = new SplittableRandom(seeds);
        double[] corners = new double[8];
        for (int i = 0; i < 8; i++) {
            corners[i] = extra.nextDouble() * 2 - 1;
        }
        double sineWavelength = 2 + extra.nextDouble() * 6;
        double sinePhase = extra.nextDouble() * 2 * Math.PI;
        long elasticSeed = extra.nextLong();
        long backgroundSeed = extra.nextLong();
        long noiseSeed = extra.nextLong();
        double hue = extra.nextDouble();
        double value = extra.nextDouble();
        double paperHue = extra.nextDouble();
        double ruledAt = 0.55 + extra.nextDouble() * 0.4;
        double ruledHue = extra.nextDouble();
        double[] padding = new double[4];
        for (int i = 0; i < 4; i++) {
            padding[i] = extra.nextDouble();
        }

        Setting pad = settings.get(Effect.PADDING);
        double[] paddingEm = new double[4];
        for (int i = 0; i < 4; i++) {
            paddingEm[i] = v.containsKey(Effect.PADDING) ? pad.low() + padding[i] * (pad.high() - pad.low()) : 0.08;
        }
        double perspective = v.getOrDefault(Effect.PERSPECTIVE, 0.0);
        double[] corner = null;
        if (perspective > 0) {
            corner = new double[8];
            for (int i = 0; i < 8; i++) {
                corner[i] = corners[i] * perspective;
            }
        }
        int ink = 0x141414;
        if (v.containsKey(Effect.INK)) {
            ink = java.awt.Color.HSBtoRGB((float) hue, 0.5f + (float) value * 0.4f, 0.15f + (float) value * 0.3f) & 0xffffff;
        }
        String background = "white";
        int paperRgb = 0xffffff;
        if (v.containsKey(Effect.PAPER)) {
            background = "paper";
        } else if (v.containsKey(Effect.NOISE_BACKGROUND)) {
            background = "noise";
            paperRgb = grey(215 + (int) (paperHue * 35));
        } else if (v.containsKey(Effect.FLAT_BACKGROUND)) {
            background = "flat";
            paperRgb = java.awt.Color.HSBtoRGB((float) paperHue, 0.04f + (float) value * 0.12f, 0.86f + (float) hue * 0.14f) & 0xffffff;
        }
        int stroke = (int) Math.round(v.getOrDefault(Effect.STROKE, 0.0));
        return new Augmentation(
                v.getOrDefault(Effect.JITTER, 0.0),
                v.getOrDefault(Effect.SKEW, 0.0),
                v.getOrDefault(Effect.TRACKING, 0.0),
                v.getOrDefault(Effect.WORD_SPACING, 1.0),
                paddingEm,
                stroke,
                v.getOrDefault(Effect.ROTATE, 0.0),
                corner,
                v.getOrDefault(Effect.SINE, 0.0), sineWavelength, sinePhase,
                v.getOrDefault(Effect.ELASTIC, 0.0), elasticSeed,
                ink, background, paperRgb, backgroundSeed,
                v.containsKey(Effect.RULED) ? ruledAt : -1,
                java.awt.Color.HSBtoRGB((float) (0.55 + ruledHue * 0.15), 0.35f, 0.75f) & 0xffffff,
                v.getOrDefault(Effect.BLUR, 0.0),
                v.getOrDefault(Effect.NOISE, 0.0), noiseSeed,
                v.containsKey(Effect.JPEG) ? (int) Math.round(v.get(Effect.JPEG)) : 0);
    }

    private static int grey(int g) {
        return (g << 16) | (g << 8) | g;
    }

    /** Every effect's probability and range, for the summary. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Effect e : Effect.values()) {
            Setting s = settings.get(e);
            out.put(e.id(), Json.obj("p", s.probability(), "low", s.low(), "high", s.high()));
        }
        return out;
    }
}
