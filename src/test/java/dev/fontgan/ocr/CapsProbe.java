package dev.fontgan.ocr;

import dev.fontgan.render.ShippedFonts;

/** Manual probe: how every shipped font's lowercase compares with capitals (see {@link CapitalsOnly}). */
public final class CapsProbe {
    public static void main(String[] args) {
        ShippedFonts fonts = ShippedFonts.installed();
        for (String n : fonts.names()) {
            var h = fonts.hand(n);
            System.out.printf("%-16s caps=%-5s ascender/x-height %.2f%n", n, CapitalsOnly.test(h),
                    CapitalsOnly.ascenderRatio(h.metrics()));
        }
    }
}
