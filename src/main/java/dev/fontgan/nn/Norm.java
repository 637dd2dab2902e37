package dev.fontgan.nn;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.norm.BatchNorm;

/** Normalization of feature maps (N, C, H, W). */
public enum Norm {
    NONE, BATCH, INSTANCE;

    /** A fresh block for this norm with a learned per-channel scale and shift. */
    public Block block() {
        return switch (this) {
            case NONE -> Blocks.identityBlock();
            case BATCH -> BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build();
            case INSTANCE -> new InstanceNorm(true);
        };
    }

    /** Parses "none", "batch", "instance". */
    public static Norm parse(String s) {
        return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
