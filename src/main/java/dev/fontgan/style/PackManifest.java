package dev.fontgan.style;

import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.glyph.Normalization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code manifest.json} of a style pack says: the model (kind, architecture and the generator
 * description needed to rebuild it), the image frame (size, normalization), the source font
 * stored in the pack, the styles, the charset trained on, metrics at export and provenance.
 *
 * @param generator the generator's shape as plain JSON (for zi2zi: {@code Zi2ziGeneratorSpec})
 * @param metrics evaluation numbers copied at export, or an empty map
 * @param training where the weights came from (run, step, dataset, split seed)
 * @param zScale a bicycle pack's default spread of random styles: z ~ N(0, zScale^2) (manifest
 *     {@code sampling.z_scale}; packs without it draw at 1, the training prior)
 */
public record PackManifest(String kind, String arch, Map<String, Object> generator, int sizePx,
        Normalization normalization, SourceFont source, List<PackStyle> styles, String charsetSpec,
        int[] codePoints, Map<String, Object> metrics, Map<String, Object> training, String createdBy,
        double zScale) {

    /** A manifest whose random styles are drawn at the training prior's spread (1). */
    public PackManifest(String kind, String arch, Map<String, Object> generator, int sizePx,
            Normalization normalization, SourceFont source, List<PackStyle> styles, String charsetSpec,
            int[] codePoints, Map<String, Object> metrics, Map<String, Object> training, String createdBy) {
        this(kind, arch, generator, sizePx, normalization, source, styles, charsetSpec, codePoints, metrics, training,
                createdBy, 1.0);
    }

    public PackManifest {
        checkZScale(zScale, "manifest sampling.z_scale");
    }

    /** Largest accepted spread of random styles (far past the prior the generator was trained on). */
    public static final double MAX_Z_SCALE = 4.0;

    /** Throws unless {@code s} is a usable spread of random styles: finite, 0 to {@link #MAX_Z_SCALE}. */
    public static void checkZScale(double s, String where) {
        if (!(s >= 0 && s <= MAX_Z_SCALE)) {
            throw new FontganException(where, "z scale must be 0 to " + MAX_Z_SCALE + ", got " + s);
        }
    }

    public static final String FORMAT = "fontgan-style-pack";
    public static final int VERSION = 1;

    /**
     * The source font inside the pack.
     *
     * @param file the zip entry holding the font file
     * @param member collection member index (0 for single fonts)
     * @param licenseFile the zip entry holding the font's license text, or null
     */
    public record SourceFont(String name, String family, String file, int member, String sha256, String license,
            String licenseFile) {
        Map<String, Object> toJson() {
            return Json.obj("name", name, "family", family, "file", file, "member", member, "sha256", sha256,
                    "license", license, "license_file", licenseFile);
        }
    }

    public Map<String, Object> toJson() {
        List<Object> st = new ArrayList<>();
        for (PackStyle s : styles) {
            st.add(s.toJson());
        }
        Map<String, Object> m = Json.obj("format", FORMAT, "version", VERSION, "kind", kind, "arch", arch,
                "generator", generator, "size_px", sizePx, "normalization", normalization.id(),
                "source", source.toJson(), "styles", st,
                "charset", Json.obj("spec", charsetSpec, "count", codePoints.length,
                        "chars", new String(codePoints, 0, codePoints.length)),
                "metrics", metrics, "training", training, "created_by", createdBy);
        if (zScale != 1.0) {
            m.put("sampling", Json.obj("z_scale", zScale));
        }
        return m;
    }

    /** Parses and checks a manifest; every problem names {@code where}. */
    public static PackManifest parse(String text, String where) {
        Map<String, Object> m = Json.parseObject(text, where);
        if (!FORMAT.equals(m.get("format"))) {
            throw new FontganException(where, "not a style pack (manifest format is not " + FORMAT + ")");
        }
        int version = integer(m, "version", where);
        if (version != VERSION) {
            throw new FontganException(where, "style pack format version " + version + "; this fontgan reads "
                    + VERSION + (version > VERSION ? " (made by a newer fontgan)" : ""));
        }
        String kind = string(m, "kind", where);
        int sizePx = integer(m, "size_px", where);
        if (sizePx < 8 || sizePx > 1024) {
            throw new FontganException(where, "size_px " + sizePx + " out of range");
        }
        Normalization norm;
        try {
            norm = Normalization.parse(string(m, "normalization", where));
        } catch (RuntimeException e) {
            throw new FontganException(where, "unknown normalization " + m.get("normalization"));
        }
        Map<String, Object> src = object(m, "source", where);
        SourceFont source = new SourceFont(string(src, "name", where), (String) src.get("family"),
                string(src, "file", where), src.get("member") instanceof Number n ? n.intValue() : 0,
                string(src, "sha256", where), (String) src.get("license"), (String) src.get("license_file"));
        if (!(m.get("styles") instanceof List<?> list) || list.isEmpty()) {
            throw new FontganException(where, "manifest lists no styles");
        }
        List<PackStyle> styles = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?>)) {
                throw new FontganException(where, "each style must be an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> s = (Map<String, Object>) o;
            PackStyle style = new PackStyle(string(s, "name", where), integer(s, "id", where),
                    (String) s.get("family"), (String) s.get("license"), (String) s.get("role"),
                    s.containsKey("z") ? floats(s.get("z"), "z of style " + s.get("name"), where) : null);
            if (style.id() != styles.size()) {
                throw new FontganException(where, "style ids must be 0, 1, 2, ... in order");
            }
            styles.add(style);
        }
        double zScale = 1.0;
        if (m.get("sampling") instanceof Map<?, ?> sampling && sampling.get("z_scale") != null) {
            if (!(sampling.get("z_scale") instanceof Number n)) {
                throw new FontganException(where, "manifest field \"sampling.z_scale\" is not a number");
            }
            zScale = n.doubleValue();
            checkZScale(zScale, where + ": sampling.z_scale");
        }
        Map<String, Object> charset = object(m, "charset", where);
        String chars = charset.get("chars") instanceof String c ? c : "";
        return new PackManifest(kind, string(m, "arch", where), object(m, "generator", where), sizePx, norm, source,
                styles, (String) charset.get("spec"), chars.codePoints().toArray(),
                m.get("metrics") instanceof Map<?, ?> ? object(m, "metrics", where) : new LinkedHashMap<>(),
                m.get("training") instanceof Map<?, ?> ? object(m, "training", where) : new LinkedHashMap<>(),
                (String) m.get("created_by"), zScale);
    }

    /** The same manifest with other metrics (e.g. from an evaluation). */
    public PackManifest withMetrics(Map<String, Object> newMetrics) {
        return new PackManifest(kind, arch, generator, sizePx, normalization, source, styles, charsetSpec, codePoints,
                newMetrics, training, createdBy, zScale);
    }

    /** The same manifest with other provenance. */
    public PackManifest withTraining(Map<String, Object> newTraining) {
        return new PackManifest(kind, arch, generator, sizePx, normalization, source, styles, charsetSpec, codePoints,
                metrics, newTraining, createdBy, zScale);
    }

    /** The same manifest with another default spread of random styles. */
    public PackManifest withZScale(double newZScale) {
        return new PackManifest(kind, arch, generator, sizePx, normalization, source, styles, charsetSpec, codePoints,
                metrics, training, createdBy, newZScale);
    }

    /** A list of finite numbers as floats (a style's latent code). */
    private static float[] floats(Object o, String what, String where) {
        if (!(o instanceof List<?> list) || list.isEmpty()) {
            throw new FontganException(where, what + " must be a non-empty list of numbers");
        }
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Number n) || !Float.isFinite(n.floatValue())) {
                throw new FontganException(where, what + " holds a value that is not a finite number");
            }
            out[i] = n.floatValue();
        }
        return out;
    }

    private static String string(Map<String, Object> m, String key, String where) {
        if (!(m.get(key) instanceof String s) || s.isEmpty()) {
            throw new FontganException(where, "manifest field \"" + key + "\" missing or not a string");
        }
        return s;
    }

    private static int integer(Map<String, Object> m, String key, String where) {
        if (!(m.get(key) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new FontganException(where, "manifest field \"" + key + "\" missing or not an integer");
        }
        return n.intValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> m, String key, String where) {
        if (!(m.get(key) instanceof Map<?, ?> o)) {
            throw new FontganException(where, "manifest field \"" + key + "\" missing or not an object");
        }
        return (Map<String, Object>) o;
    }
}
