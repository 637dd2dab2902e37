package dev.fontgan.nn;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.norm.BatchNorm;

/** Normalization of feature maps (N, C, H, W). */
public enum Norm {
    NONE, BATCH, INSTANCE;

    /** Variance epsilon of {@link #BATCH} (fast inference folds it into conv weights). */
    public static final float BATCH_EPSILON = 1e-5f;

    /** A fresh block for this norm with a learned per-channel scale and shift. */
    public Block block() {
        return switch (this) {
            case NONE -> Blocks.identityBlock();
            case BATCH -> BatchNorm.builder().optEpsilon(BATCH_EPSILON).optMomentum(0.9f).build();
            case INSTANCE -> new InstanceNorm(true);
        };
    }

    /** Parses "none", "batch", "instance". */
    public static Norm parse(String s) {
        return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
