package dev.fontgan.zi2zi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Zi2ziFlopsTest {
    private static final Zi2ziGeneratorSpec DEFAULT = Zi2ziGeneratorSpec.of(Zi2ziArch.DEFAULT);
    private static final Zi2ziGeneratorSpec SLIM = Zi2ziGeneratorSpec.of(Zi2ziArch.SLIM);
    /** Encoder 1->16@32, 16->32@16, 32->64@8, 64->128@4, 128->128@2, 128->128@1, 4x4 taps. */
    private static final long ENCODER = 16L * (1 * 16 * 1024 + 16 * 32 * 256 + 32 * 64 * 64 + 64 * 128 * 16
            + 128 * 128 * 4 + 128 * 128);

    @Test
    void defaultGeneratorCountedByHand() {
        assertEquals(2 * ENCODER, Zi2ziFlops.encoder(DEFAULT, 64));
        // Decoder: 3x3 convs at the upsampled size; inputs are the previous level + skip (+ embedding at the bottom).
        long dec = 9L * (192 * 128 * 4 + 256 * 128 * 16 + 256 * 64 * 64 + 128 * 32 * 256 + 64 * 16 * 1024 + 32 * 1 * 4096);
        assertEquals(2 * (ENCODER + dec), Zi2ziFlops.generatorForward(DEFAULT, 64));
    }

    @Test
    void slimGeneratorCountedByHand() {
        assertEquals(2 * ENCODER, Zi2ziFlops.encoder(SLIM, 64));
        // Decoder widths 128, 128, 32, 16, 8, 1; each level reads its predecessor + the mirrored encoder level.
        long dec = 9L * (192 * 128 * 4 + 256 * 128 * 16 + 256 * 32 * 64 + 96 * 16 * 256 + 48 * 8 * 1024 + 24 * 1 * 4096);
        assertEquals(2 * (ENCODER + dec), Zi2ziFlops.generatorForward(SLIM, 64));
        // Folded: the 2x2 -> 1x1 encoder level and the 1x1 and 2x2 decoder levels as matrices (input x output
        // sizes), the others as four 2x2 phases on the (H+1) x (W+1) grid.
        long encFolded = ENCODER - 16L * 128 * 128 + 512 * 128;
        long decFolded = 192L * 512 + 1024 * 2048 + 16L * (25 * 256 * 32 + 81 * 96 * 16 + 289 * 48 * 8 + 1089 * 24);
        assertEquals(2 * (encFolded + decFolded), Zi2ziFlops.generatorForwardFolded(SLIM, 64));
    }

    @Test
    void foldedDecoderNeedsFewerMultiplyAdds() {
        // 16/36 of the taps, but on an (H+1) x (W+1) grid: at the 1x1..4x4 levels that border costs.
        long enc = Zi2ziFlops.encoder(DEFAULT, 64);
        double generic = Zi2ziFlops.generatorForward(DEFAULT, 64) - enc;
        double folded = Zi2ziFlops.generatorForwardFolded(DEFAULT, 64) - enc;
        assertTrue(folded < 0.7 * generic && folded > 16.0 / 36 * generic, folded / generic + "");
    }

    @Test
    void referenceIsFarHeavierThanDefault() {
        long ref = Zi2ziFlops.trainingIteration(Zi2ziArch.REFERENCE, 64, 14, 2);
        long def = Zi2ziFlops.trainingIteration(Zi2ziArch.DEFAULT, 64, 14, 2);
        assertTrue(ref > 10 * def, ref + " vs " + def);
        assertTrue(Zi2ziFlops.discriminatorForward(Zi2ziArch.DEFAULT, 64, 14) > 0);
    }
}
