package dev.fontgan.ocr;

import dev.fontgan.FontganException;
import dev.fontgan.font.FontCatalog;
import dev.fontgan.font.FontFile;
import dev.fontgan.render.ShippedFonts;
import dev.fontgan.style.FontHand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code fonts:SELECTOR} styles: plain fonts from {@code fonts/catalog.json} by role
 * ({@code source}, {@code target}, {@code handwriting}, {@code print}), {@code all}, catalog
 * names joined by {@code +} (e.g. {@code fonts:comic+ukai}), or a font file.
 */
public final class FontStyles implements StyleResolver {
    private static final List<String> ROLES = List.of("source", "target", "handwriting", "print");

    private final ShippedFonts fonts;

    public FontStyles(ShippedFonts fonts) {
        this.fonts = fonts;
    }

    @Override
    public List<Style> resolve(String selector, double weight) {
        List<String> names;
        if (selector.equals("all")) {
            names = fonts.names();
        } else if (ROLES.contains(selector)) {
            names = fonts.namesWithRole(selector);
        } else if (fonts.hand(selector.split("\\+")[0]) != null) {
            names = List.of(selector.split("\\+"));
        } else if (Files.exists(Path.of(selector)) || selector.contains("#")) {
            FontFile f = FontFile.open(selector);
            String name = FontCatalog.shortName(f);
            return List.of(new Style(name, f.spec(), new FontHand(name, f, FontHand.DEFAULT_SIZE_PX), weight));
        } else {
            throw new FontganException("--styles", "fonts:" + selector + ": expected a role (" + String.join(", ", ROLES)
                    + "), all, catalog names joined by + (" + String.join(", ", fonts.names()) + "), or a font file");
        }
        if (names.isEmpty()) {
            throw new FontganException("--styles", "fonts:" + selector + ": no font in " + fonts.directory()
                    + "/catalog.json has that role");
        }
        List<Style> out = new ArrayList<>();
        for (String n : names) {
            FontHand h = fonts.hand(n);
            if (h == null) {
                throw new FontganException("--styles", "fonts:" + selector + ": no shipped font named '" + n + "'");
            }
            Path file = fonts.file(n);
            Path rel = fonts.directory().getParent() == null ? file : relativize(fonts.directory().getParent(), file);
            out.add(new Style(n, rel.toString(), h, weight / names.size()));
        }
        return out;
    }

    private static Path relativize(Path base, Path file) {
        try {
            return base.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
        } catch (IllegalArgumentException e) {
            return file;
        }
    }
}
