package dev.fontgan.zi2zi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.fontgan.TorchRuntime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fine-tuning pairs: the shift augmentation moves source and target together, reproducibly. */
class TuningPairsTest {
    static final int PX = 16;

    @BeforeAll
    static void engine() {
        TorchRuntime.configure();
    }

    /** A 4x4 ink block at (x, y), away from the edges. */
    private static byte[] block(int x, int y) {
        byte[] b = new byte[PX * PX];
        for (int j = y; j < y + 4; j++) {
            for (int i = x; i < x + 4; i++) {
                b[j * PX + i] = (byte) 255;
            }
        }
        return b;
    }

    @Test
    void shiftMovesPixelsAndBlanksTheEdge() {
        TuningPairs p = new TuningPairs(PX, List.of("a"), List.of(new TuningPairs.Sample('x', block(6, 6), block(6, 6), 0)),
                List.of(), 1);
        assertArrayEquals(block(8, 5), p.shifted(block(6, 6), 2, -1));
        assertArrayEquals(block(6, 6), p.shifted(block(6, 6), 0, 0));
        byte[] edge = p.shifted(block(0, 0), -1, 0);
        int ink = 0;
        for (byte v : edge) {
            ink += v != 0 ? 1 : 0;
        }
        assertEquals(12, ink, "the column pushed past the edge is gone");
    }

    @Test
    void shiftedBatchesMoveSourceAndTargetTogetherAndRepeat() {
        List<TuningPairs.Sample> train = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            train.add(new TuningPairs.Sample('a' + i, block(6, 6), block(6, 6), 0)); // target = source
        }
        TuningPairs plain = new TuningPairs(PX, List.of("a"), train, List.of(), 3);
        TuningPairs moved = new TuningPairs(PX, List.of("a"), train, List.of(), 3).withShift(2);
        try (NDManager m = NDManager.newBaseManager()) {
            boolean anyMoved = false;
            for (long it = 0; it < 4; it++) {
                var b = moved.batch(it, 4, m);
                assertArrayEquals(b.source().toFloatArray(), b.target().toFloatArray(), "same offset for both");
                assertArrayEquals(b.source().toFloatArray(), moved.batch(it, 4, m).source().toFloatArray(), "seeded");
                assertEquals(plain.batch(it, 4, m).source().sum().getFloat(), b.source().sum().getFloat(), 1e-3,
                        "ink away from the edges is kept");
                anyMoved |= !java.util.Arrays.equals(plain.batch(it, 4, m).source().toFloatArray(),
                        b.source().toFloatArray());
            }
            assertTrue(anyMoved, "some pair moved");
        }
    }
}
