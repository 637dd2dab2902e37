package dev.fontgan.ocr;

import dev.fontgan.FontganException;
import dev.fontgan.Json;
import java.util.List;
import java.util.Map;

/**
 * The variations drawn for one line, as concrete values: recorded in the manifest, and enough to
 * make the same image again. Neutral values mean off (0 amounts, word spacing 1, no perspective,
 * ruled line at -1, JPEG quality 0).
 *
 * @param jitter          handwriting jitter, 0..1 of full
 * @param slantDeg        glyph slant (skew), degrees
 * @param trackingEm      extra letter gap, em
 * @param wordSpacing     factor on word spaces
 * @param paddingEm       blank around the text: top, right, bottom, left, em
 * @param strokePx        erode (negative) or dilate (positive) the ink, pixels at render scale
 * @param rotateDeg       rotation of the line, degrees
 * @param perspective     corner displacements (x0, y0, ... x3, y3) as fractions of the line height, or null
 * @param sineAmplitude   sine wave amplitude, fraction of the output height (0 = off)
 * @param sineWavelength  sine wavelength, in output heights
 * @param sinePhase       sine phase, radians
 * @param elasticAmplitude elastic displacement, fraction of the output height (0 = off)
 * @param elasticSeed     seed of the elastic field
 * @param inkRgb          ink colour 0xRRGGBB
 * @param background      white, flat, noise or paper
 * @param paperRgb        colour of a flat or noise background
 * @param backgroundSeed  seed of a noise or paper background
 * @param ruledAt         height of a ruled line as a fraction of the output height, or -1
 * @param ruledRgb        colour of the ruled line
 * @param blurSigma       Gaussian blur sigma, output pixels (0 = off)
 * @param noiseSigma      grey noise sigma, grey levels (0 = off)
 * @param noiseSeed       seed of the noise
 * @param jpegQuality     JPEG artefacts at this quality (0 = off)
 */
public record Augmentation(double jitter, double slantDeg, double trackingEm, double wordSpacing, double[] paddingEm,
                           int strokePx, double rotateDeg, double[] perspective,
                           double sineAmplitude, double sineWavelength, double sinePhase,
                           double elasticAmplitude, long elasticSeed,
                           int inkRgb, String background, int paperRgb, long backgroundSeed,
                           double ruledAt, int ruledRgb,
                           double blurSigma, double noiseSigma, long noiseSeed, int jpegQuality) {

    public Augmentation {
        if (paddingEm == null || paddingEm.length != 4) {
            throw new IllegalArgumentException("paddingEm needs 4 values");
        }
        if (perspective != null && perspective.length != 8) {
            throw new IllegalArgumentException("perspective needs 8 values");
        }
        if (!List.of("white", "flat", "noise", "paper").contains(background)) {
            throw new IllegalArgumentException("background: " + background);
        }
    }

    /** The manifest's record of the values (every key, so a line can be made again from it). */
    public Map<String, Object> toJson() {
        return Json.obj("jitter", jitter, "slant_deg", slantDeg, "tracking_em", trackingEm, "word_spacing", wordSpacing,
                "padding_em", paddingEm, "stroke_px", strokePx, "rotate_deg", rotateDeg, "perspective", perspective,
                "sine", Json.obj("amplitude", sineAmplitude, "wavelength", sineWavelength, "phase", sinePhase),
                "elastic", Json.obj("amplitude", elasticAmplitude, "seed", elasticSeed),
                "ink", hex(inkRgb), "background", background,
                "paper", hex(paperRgb), "background_seed", backgroundSeed,
                "ruled_at", ruledAt, "ruled", hex(ruledRgb),
                "blur_sigma", blurSigma, "noise_sigma", noiseSigma, "noise_seed", noiseSeed,
                "jpeg_quality", jpegQuality);
    }

    /** {@code #rrggbb}, as {@code String.format("#%06x")} writes it without the formatter, which is slow for a per-line record. */
    static String hex(int rgb) {
        String digits = Integer.toHexString(rgb & 0xffffff);
        return "#000000".substring(0, 7 - digits.length()) + digits;
    }

    /** Reads what {@link #toJson()} wrote. */
    @SuppressWarnings("unchecked")
    public static Augmentation fromJson(Map<String, Object> m, String where) {
        try {
            Map<String, Object> sine = (Map<String, Object>) m.get("sine");
            Map<String, Object> elastic = (Map<String, Object>) m.get("elastic");
            return new Augmentation(d(m, "jitter"), d(m, "slant_deg"), d(m, "tracking_em"), d(m, "word_spacing"),
                    doubles(m.get("padding_em")), (int) l(m, "stroke_px"), d(m, "rotate_deg"), doubles(m.get("perspective")),
                    d(sine, "amplitude"), d(sine, "wavelength"), d(sine, "phase"),
                    d(elastic, "amplitude"), l(elastic, "seed"),
                    rgb(m, "ink"), (String) m.get("background"), rgb(m, "paper"), l(m, "background_seed"),
                    d(m, "ruled_at"), rgb(m, "ruled"),
                    d(m, "blur_sigma"), d(m, "noise_sigma"), l(m, "noise_seed"), (int) l(m, "jpeg_quality"));
        } catch (RuntimeException e) {
            throw new FontganException(where, "bad augmentation record: " + e.getMessage());
        }
    }

    private static double d(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    private static long l(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).longValue();
    }

    private static int rgb(Map<String, Object> m, String key) {
        return Integer.parseInt(((String) m.get(key)).substring(1), 16);
    }

    private static double[] doubles(Object o) {
        if (o == null) {
            return null;
        }
        List<?> list = (List<?>) o;
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) list.get(i)).doubleValue();
        }
        return out;
    }
}
