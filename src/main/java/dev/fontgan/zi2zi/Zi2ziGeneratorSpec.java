package dev.fontgan.zi2zi;

import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.nn.Norm;
import dev.fontgan.nn.Upsampling;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything that fixes a zi2zi generator's parameter shapes and forward pass, as plain values:
 * what a style pack records so it can rebuild its generator even after {@link Zi2ziArch}'s named
 * sizes change. Keep it in step with the generator's constructor.
 *
 * @param channels encoder output channels per level
 * @param embeddingDim style embedding width
 * @param norm norm of the inner encoder/decoder levels
 * @param conditionalDecoderNorm style-conditioned norm in the decoder
 * @param up decoder upsampling
 * @param finalBias bias on the last conv
 * @param dropoutLevels decoder levels with dropout (training only)
 * @param decoderChannels decoder output channels per level below the outermost, as
 *     {@link dev.fontgan.nn.UNet.Config#decoderChannels()} (length channels - 1)
 */
public record Zi2ziGeneratorSpec(int[] channels, int embeddingDim, Norm norm, boolean conditionalDecoderNorm,
        Upsampling up, boolean finalBias, int[] dropoutLevels, int[] decoderChannels) {

    /** A spec whose decoder mirrors the encoder (every pack written before decoder widths were separate). */
    public Zi2ziGeneratorSpec(int[] channels, int embeddingDim, Norm norm, boolean conditionalDecoderNorm,
            Upsampling up, boolean finalBias, int[] dropoutLevels) {
        this(channels, embeddingDim, norm, conditionalDecoderNorm, up, finalBias, dropoutLevels,
                java.util.Arrays.copyOf(channels, Math.max(0, channels.length - 1)));
    }

    /** The generator shape of a named architecture. */
    public static Zi2ziGeneratorSpec of(Zi2ziArch arch) {
        return new Zi2ziGeneratorSpec(arch.generatorChannels.clone(), arch.embeddingDim, arch.norm,
                arch.conditionalDecoderNorm, arch.up, arch.finalBias, Zi2ziGenerator.DROPOUT_LEVELS.clone(),
                arch.decoderChannels.clone());
    }

    /** Whether the decoder's widths mirror the encoder's (then the JSON leaves them out, as older packs do). */
    public boolean mirroredDecoder() {
        return java.util.Arrays.equals(decoderChannels, java.util.Arrays.copyOf(channels, channels.length - 1));
    }

    public Map<String, Object> toJson() {
        Map<String, Object> o = Json.obj("channels", ints(channels), "embedding_dim", embeddingDim,
                "norm", norm.name().toLowerCase(java.util.Locale.ROOT),
                "conditional_decoder_norm", conditionalDecoderNorm,
                "up", up.name().toLowerCase(java.util.Locale.ROOT), "final_bias", finalBias,
                "dropout_levels", ints(dropoutLevels));
        if (!mirroredDecoder()) {
            o.put("decoder_channels", ints(decoderChannels));
        }
        return o;
    }

    /** Reads {@link #toJson()}; a missing or odd field is an error naming {@code where}. */
    public static Zi2ziGeneratorSpec fromJson(Map<String, Object> o, String where) {
        try {
            int[] ch = intArray(o.get("channels"));
            int emb = ((Number) o.get("embedding_dim")).intValue();
            if (ch.length < 1 || ch.length > 10 || emb < 1 || emb > 4096) {
                throw new IllegalArgumentException("sizes out of range");
            }
            int[] dec = o.containsKey("decoder_channels") ? intArray(o.get("decoder_channels"))
                    : java.util.Arrays.copyOf(ch, ch.length - 1);
            if (dec.length != ch.length - 1) {
                throw new IllegalArgumentException("decoder_channels needs " + (ch.length - 1) + " entries");
            }
            for (int[] widths : new int[][] {ch, dec}) {
                for (int c : widths) {
                    if (c < 1 || c > 4096) {
                        throw new IllegalArgumentException("channel count " + c);
                    }
                }
            }
            return new Zi2ziGeneratorSpec(ch, emb, Norm.parse((String) o.get("norm")),
                    (Boolean) o.get("conditional_decoder_norm"), Upsampling.parse((String) o.get("up")),
                    (Boolean) o.get("final_bias"), intArray(o.get("dropout_levels")), dec);
        } catch (RuntimeException e) {
            throw new FontganException(where, "bad generator description (" + e.getMessage() + ")");
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
        return other instanceof Zi2ziGeneratorSpec s && java.util.Arrays.equals(channels, s.channels)
                && embeddingDim == s.embeddingDim && norm == s.norm
                && conditionalDecoderNorm == s.conditionalDecoderNorm && up == s.up && finalBias == s.finalBias
                && java.util.Arrays.equals(dropoutLevels, s.dropoutLevels)
                && java.util.Arrays.equals(decoderChannels, s.decoderChannels);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(channels) * 31 + embeddingDim;
    }
}
