package dev.fontgan.gan.variants;

import dev.fontgan.FontganException;
import dev.fontgan.gan.Variant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** The registry of named variants, in the order {@code fontgan gan list} shows them. */
public final class Variants {
    private static final List<Supplier<Variant>> ALL = List.of(Gan::new, Dcgan::new, Cgan::new, Acgan::new,
            InfoGan::new, InfoGan::givenFont, Lsgan::new, Wgan::new, WganGp::new, Dragan::new, Pix2Pix::new);

    private Variants() {}

    /** A fresh instance of every variant. */
    public static List<Variant> all() {
        return ALL.stream().map(Supplier::get).toList();
    }

    /** A fresh instance of the named variant; unknown names list the known ones. */
    public static Variant named(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Supplier<Variant> s : ALL) {
            Variant v = s.get();
            if (v.name().equals(n)) {
                return v;
            }
        }
        throw new FontganException("--variant", "unknown variant '" + name + "'; known: "
                + String.join(", ", all().stream().map(Variant::name).toList()));
    }
}
