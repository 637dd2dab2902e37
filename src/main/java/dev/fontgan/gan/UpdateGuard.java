package dev.fontgan.gan;

import dev.fontgan.FontganException;

/**
 * Steps a player's optimizers only when all their gradients, and the gradients' squares, are
 * finite. One non-finite update writes itself into the weights or into Adam's second moment for
 * good: a finite gradient above ~1.8e19 squares to infinity, after which that weight's update is
 * 0 (or NaN) forever while every logged loss looks normal (BicycleGAN runs froze this way). Skipping
 * such an update costs nothing; many iterations in a row mean a real divergence and stop the run.
 */
public final class UpdateGuard {
    /** More skipped iterations in a row than this: the run has diverged, not hit a stray spike. */
    public static final int MAX_SKIPPED_IN_A_ROW = 20;

    private final String command;
    private long skipped;
    private int skippedInARow;
    private boolean iterationClean = true;

    /** @param command what the error names, e.g. "train zi2zi" */
    public UpdateGuard(String command) {
        this.command = command;
    }

    /**
     * Steps the optimizers (all of one player) when every gradient is finite; otherwise drops
     * their gradients and counts a skipped update.
     * @return whether the update was applied
     */
    public boolean apply(float learningRate, ParameterOptimizer... optimizers) {
        float[] scales = new float[optimizers.length];
        java.util.Arrays.fill(scales, 1f);
        return apply(learningRate, scales, optimizers);
    }

    /**
     * As {@link #apply(float, ParameterOptimizer...)}, with optimizer i stepping at
     * {@code learningRate * rateScales[i]} (one player whose parts learn at different rates).
     */
    public boolean apply(float learningRate, float[] rateScales, ParameterOptimizer... optimizers) {
        if (rateScales.length != optimizers.length) {
            throw new IllegalArgumentException(rateScales.length + " rate scales for " + optimizers.length + " optimizers");
        }
        for (ParameterOptimizer o : optimizers) {
            if (!o.gradientsFinite()) {
                for (ParameterOptimizer z : optimizers) {
                    z.zeroGradients();
                }
                skipped++;
                iterationClean = false;
                return false;
            }
        }
        for (int i = 0; i < optimizers.length; i++) {
            optimizers[i].step(learningRate * rateScales[i]);
        }
        return true;
    }

    /**
     * Closes an iteration: resets the run of skipped iterations after a clean one.
     * @param step the iteration just run (1-based, for the message)
     * @return whether every update of the iteration was applied
     * @throws FontganException after more than {@link #MAX_SKIPPED_IN_A_ROW} unclean iterations in a row
     */
    public boolean endIteration(long step) {
        boolean clean = iterationClean;
        iterationClean = true;
        if (clean) {
            skippedInARow = 0;
        } else if (++skippedInARow > MAX_SKIPPED_IN_A_ROW) {
            throw new FontganException(command, "gradients not finite for " + skippedInARow
                    + " iterations in a row at step " + step + ": the run diverged");
        }
        return clean;
    }

    /** Updates skipped since this guard was made. */
    public long skipped() {
        return skipped;
    }

    /**
     * Refuses optimizer state whose moments are not finite: the weights they belong to stopped
     * learning when they overflowed.
     * @param where the checkpoint, for the message
     * @param remedy what to do instead, appended to the message
     */
    public static void requireFiniteState(java.nio.file.Path where, String remedy, ParameterOptimizer... optimizers) {
        for (ParameterOptimizer o : optimizers) {
            if (o != null && !o.stateFinite()) {
                throw new FontganException(where, "its optimizer moments are not finite (an overflowing gradient "
                        + "froze the weights they belong to); " + remedy);
            }
        }
    }
}
