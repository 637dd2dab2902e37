package dev.fontgan.bicycle;

import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.nn.Norm;
import dev.fontgan.nn.UNet.Injection;
import dev.fontgan.nn.Upsampling;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The BicycleGAN network sizes, as plain values (a run's config and a style pack record them, so
 * a generator can be rebuilt after the named sizes change). {@link #TINY} is for tests (16-32 px),
 * {@link #DEFAULT} is the light network this product trains on two CPU cores at 64 px.
 *
 * @param name "tiny", "default" or "custom"
 * @param generatorChannels U-Net encoder output channels per level (64 px -> 1x1 needs 6 levels)
 * @param generatorNorm norm of the U-Net's inner levels
 * @param up decoder upsampling
 * @param latentSize nz, the width of the style latent z
 * @param injection where z enters the generator: ALL levels (the paper's best) or the INPUT only
 * @param encoderChannels latent encoder widths: per level a stride-2 conv then a residual block
 * @param encoderNorm norm inside the encoder's residual blocks
 * @param discriminatorChannels PatchGAN widths before the final 1-channel conv (per scale)
 * @param discriminatorStrides PatchGAN strides
 * @param discriminatorKernel PatchGAN kernel
 * @param discriminatorScales scales of each multi-scale discriminator (2: full and half size)
 */
public record BicycleArch(String name, int[] generatorChannels, Norm generatorNorm, Upsampling up, int latentSize,
        Injection injection, int[] encoderChannels, Norm encoderNorm, int[] discriminatorChannels,
        int[] discriminatorStrides, int discriminatorKernel, int discriminatorScales) {

    /** A toy network for tests: 4 generator levels (16 px reaches 1x1, 32 px 2x2), a few channels. */
    public static final BicycleArch TINY = new BicycleArch("tiny", new int[] {8, 16, 16, 16}, Norm.BATCH,
            Upsampling.FASTEST, 8, Injection.ALL, new int[] {8, 16}, Norm.NONE, new int[] {8, 16},
            new int[] {2, 2}, 4, 2);

    /**
     * 64 px on two CPU cores: zi2zi default's generator widths (which train at ~30 images/s here)
     * plus z at every level, a 4-level residual encoder down to 4x4, and two-scale 3-layer PatchGANs.
     */
    public static final BicycleArch DEFAULT = new BicycleArch("default", new int[] {16, 32, 64, 128, 128, 128},
            Norm.BATCH, Upsampling.FASTEST, 8, Injection.ALL, new int[] {16, 32, 64, 64}, Norm.NONE,
            new int[] {16, 32, 64}, new int[] {2, 2, 2}, 4, 2);

    public BicycleArch {
        if (generatorChannels.length < 1 || encoderChannels.length < 1 || discriminatorChannels.length < 1
                || discriminatorChannels.length != discriminatorStrides.length || latentSize < 1 || latentSize > 1024
                || discriminatorScales < 1 || discriminatorScales > 4 || discriminatorKernel < 1) {
            throw new IllegalArgumentException("inconsistent BicycleGAN sizes");
        }
        for (int[] a : List.of(generatorChannels, encoderChannels, discriminatorChannels)) {
            for (int c : a) {
                if (c < 1 || c > 4096) {
                    throw new IllegalArgumentException("channel count " + c);
                }
            }
        }
        generatorChannels = generatorChannels.clone();
        encoderChannels = encoderChannels.clone();
        discriminatorChannels = discriminatorChannels.clone();
        discriminatorStrides = discriminatorStrides.clone();
    }

    /** A named size ("tiny", "default"). */
    public static BicycleArch named(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "tiny" -> TINY;
            case "default" -> DEFAULT;
            default -> throw new FontganException("--arch", "unknown architecture '" + s + "' (expected default or tiny)");
        };
    }

    /** This arch with z injected elsewhere ("all" or "input"). */
    public BicycleArch withInjection(Injection where) {
        if (where == Injection.BOTTLENECK) {
            throw new FontganException("--injection", "BicycleGAN injects z at all levels or the input (got bottleneck)");
        }
        return new BicycleArch(name, generatorChannels, generatorNorm, up, latentSize, where, encoderChannels,
                encoderNorm, discriminatorChannels, discriminatorStrides, discriminatorKernel, discriminatorScales);
    }

    /** Parses "all" or "input". */
    public static Injection injection(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "all" -> Injection.ALL;
            case "input" -> Injection.INPUT;
            default -> throw new FontganException("--injection", "expected all or input, got '" + s + "'");
        };
    }

    /** The smallest image side the generator accepts (one pixel at the bottleneck). */
    public int minSizePx() {
        return 1 << Math.max(generatorChannels.length, encoderChannels.length);
    }

    public Map<String, Object> toJson() {
        return Json.obj("name", name, "generator_channels", ints(generatorChannels),
                "generator_norm", generatorNorm.name().toLowerCase(Locale.ROOT),
                "up", up.name().toLowerCase(Locale.ROOT), "latent_size", latentSize,
                "injection", injection.name().toLowerCase(Locale.ROOT), "encoder_channels", ints(encoderChannels),
                "encoder_norm", encoderNorm.name().toLowerCase(Locale.ROOT),
                "discriminator_channels", ints(discriminatorChannels),
                "discriminator_strides", ints(discriminatorStrides), "discriminator_kernel", discriminatorKernel,
                "discriminator_scales", discriminatorScales);
    }

    /** Reads {@link #toJson()}; a missing or odd field is an error naming {@code where}. */
    public static BicycleArch fromJson(Map<String, Object> o, String where) {
        try {
            return new BicycleArch(String.valueOf(o.get("name")), intArray(o.get("generator_channels")),
                    Norm.parse((String) o.get("generator_norm")), Upsampling.parse((String) o.get("up")),
                    ((Number) o.get("latent_size")).intValue(), Injection.parse((String) o.get("injection")),
                    intArray(o.get("encoder_channels")), Norm.parse((String) o.get("encoder_norm")),
                    intArray(o.get("discriminator_channels")), intArray(o.get("discriminator_strides")),
                    ((Number) o.get("discriminator_kernel")).intValue(),
                    ((Number) o.get("discriminator_scales")).intValue());
        } catch (RuntimeException e) {
            throw new FontganException(where, "bad BicycleGAN architecture (" + e.getMessage() + ")");
        }
    }

    private static List<Object> ints(int[] values) {
        List<Object> l = new ArrayList<>();
        for (int v : values) {
            l.add(v);
        }
        return l;
    }

    private static int[] intArray(Object o) {
        if (!(o instanceof List<?> l)) {
            throw new IllegalArgumentException("expected an array of integers");
        }
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) l.get(i)).intValue();
        }
        return out;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BicycleArch a && name.equals(a.name)
                && Arrays.equals(generatorChannels, a.generatorChannels) && generatorNorm == a.generatorNorm
                && up == a.up && latentSize == a.latentSize && injection == a.injection
                && Arrays.equals(encoderChannels, a.encoderChannels) && encoderNorm == a.encoderNorm
                && Arrays.equals(discriminatorChannels, a.discriminatorChannels)
                && Arrays.equals(discriminatorStrides, a.discriminatorStrides)
                && discriminatorKernel == a.discriminatorKernel && discriminatorScales == a.discriminatorScales;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(generatorChannels) * 31 + Arrays.hashCode(encoderChannels) * 7 + latentSize
                + injection.hashCode();
    }

    @Override
    public String toString() {
        return name + (injection == Injection.ALL ? "" : "/" + injection.name().toLowerCase(Locale.ROOT));
    }
}
