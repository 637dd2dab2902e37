package dev.fontgan.style;

import dev.fontgan.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One style a pack can write: its name (the training target's short name, used by
 * {@code --style}), the generator's style id, and where it came from.
 *
 * @param family the target font's family, or null
 * @param license the target font's license, or null
 * @param role the catalog role of the target font (target, handwriting, print), or null
 * @param z for a BicycleGAN pack: the style's latent code (the mean encoder μ of its training
 *     glyphs), which is what the generator gets for {@code --style NAME}; null for zi2zi packs,
 *     whose generator holds its own style table
 */
public record PackStyle(String name, int id, String family, String license, String role, float[] z) {
    /** A style of a pack whose generator knows its styles by id (zi2zi). */
    public PackStyle(String name, int id, String family, String license, String role) {
        this(name, id, family, license, role, null);
    }

    /** The same style with a latent code. */
    public PackStyle withZ(float[] latent) {
        return new PackStyle(name, id, family, license, role, latent.clone());
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = Json.obj("name", name, "id", id, "family", family, "license", license, "role", role);
        if (z != null) {
            List<Object> values = new ArrayList<>();
            for (float v : z) {
                values.add((double) v);
            }
            m.put("z", values);
        }
        return m;
    }
}
