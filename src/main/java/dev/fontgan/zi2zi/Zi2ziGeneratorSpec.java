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
 */
public record Zi2ziGeneratorSpec(int[] channels, int embeddingDim, Norm norm, boolean conditionalDecoderNorm,
        Upsampling up, boolean finalBias, int[] dropoutLevels) {

    /** The generator shape of a named architecture. */
    public static Zi2ziGeneratorSpec of(Zi2ziArch arch) {
        return new Zi2ziGeneratorSpec(arch.generatorChannels.clone(), arch.embeddingDim, arch.norm,
                arch.conditionalDecoderNorm, arch.up, arch.finalBias, Zi2ziGenerator.DROPOUT_LEVELS.clone());
    }

    public Map<String, Object> toJson() {
        return Json.obj("channels", ints(channels), "embedding_dim", embeddingDim,
                "norm", norm.name().toLowerCase(java.util.Locale.ROOT),
                "conditional_decoder_norm", conditionalDecoderNorm,
                "up", up.name().toLowerCase(java.util.Locale.ROOT), "final_bias", finalBias,
                "dropout_levels", ints(dropoutLevels));
    }

    /** Reads {@link #toJson()}; a missing or odd field is an error naming {@code where}. */
    public static Zi2ziGeneratorSpec fromJson(Map<String, Object> o, String where) {
        try {
            int[] ch = intArray(o.get("channels"));
            int emb = ((Number) o.get("embedding_dim")).intValue();
            if (ch.length < 1 || ch.length > 10 || emb < 1 || emb > 4096) {
                throw new IllegalArgumentException("sizes out of range");
            }
            for (int c : ch) {
                if (c < 1 || c > 4096) {
                    throw new IllegalArgumentException("channel count " + c);
                }
            }
            return new Zi2ziGeneratorSpec(ch, emb, Norm.parse((String) o.get("norm")),
                    (Boolean) o.get("conditional_decoder_norm"), Upsampling.parse((String) o.get("up")),
                    (Boolean) o.get("final_bias"), intArray(o.get("dropout_levels")));
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
                && java.util.Arrays.equals(dropoutLevels, s.dropoutLevels);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(channels) * 31 + embeddingDim;
    }
}
