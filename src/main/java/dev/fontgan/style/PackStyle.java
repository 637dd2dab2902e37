package dev.fontgan.style;

import dev.fontgan.Json;
import java.util.Map;

/**
 * One style a pack can write: its name (the training target's short name, used by
 * {@code --style}), the generator's style id, and where it came from.
 *
 * @param family the target font's family, or null
 * @param license the target font's license, or null
 * @param role the catalog role of the target font (target, handwriting, print), or null
 */
public record PackStyle(String name, int id, String family, String license, String role) {
    public Map<String, Object> toJson() {
        return Json.obj("name", name, "id", id, "family", family, "license", license, "role", role);
    }
}
