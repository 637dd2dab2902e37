package dev.fontgan.nn;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

/** Multi-layer perceptrons. */
public final class Mlp {
    private Mlp() {}

    /**
     * Linear layers of the given widths with an activation between them (none after the last).
     * Input (N, D) -> (N, widths[last]).
     */
    public static SequentialBlock of(int[] widths, java.util.function.Supplier<Block> activation) {
        SequentialBlock b = new SequentialBlock();
        for (int i = 0; i < widths.length; i++) {
            b.add(Layers.linear(widths[i], true));
            if (i < widths.length - 1) {
                b.add(activation.get());
            }
        }
        return Layers.initNormal(b);
    }
}
