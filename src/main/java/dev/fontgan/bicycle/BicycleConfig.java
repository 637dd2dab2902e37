package dev.fontgan.bicycle;

import ai.djl.ndarray.NDArray;
import dev.fontgan.Json;
import dev.fontgan.gan.LearningRate;
import dev.fontgan.nn.Scalars;
import java.util.Map;

/**
 * Training settings for BicycleGAN. Adam 2e-4, betas (0.5, 0.999), constant rate unless a halving
 * period is set (the paper's settings); batch 16, its first half feeds the encoded-z (cVAE-GAN)
 * branch and the second half the random-z (cLR-GAN) branch.
 */
public record BicycleConfig(BicycleArch arch, int batchSize, float learningRate, long halveEvery,
        float learningRateFloor, LossWeights weights, EncoderStability encoder, long seed, int sampleEvery,
        int checkpointEvery, int keepCheckpoints, int logEvery) {

    /**
     * What keeps the encoded branch from running away late in training: long runs saw E's codes
     * collapse to the prior (KL 7 -> 0.3), then E turn deterministic in a few hundred iterations
     * (|log var| 20, KL 41) and D of that branch break.
     * @param rateScale E's learning rate as a share of G's: 1 (the paper's); below 1 E's codes move
     *     slower than G can follow them
     * @param klFreeBits per-dimension floor of the KL term (nats, batch mean): 0 (off); a dimension
     *     whose KL is below it gets no pull toward the prior, so the codes cannot collapse into it
     * @param logVarBound L of the soft limit log var = L * tanh(raw / L) on E's log variance head, 0
     *     (off, the paper's unbounded head); see {@link #DEFAULT_LOG_VAR_BOUND}
     * @param styleHeadRateScale the auxiliary style head's rate as a share of G's, 0 = E's rate (as
     *     before it existed); a head at E's quartered rate barely moved in 350 iterations (loss at
     *     ln 14), so its gradient into E said nothing about fonts: the head needs its own rate
     */
    public record EncoderStability(float rateScale, float klFreeBits, float logVarBound, float styleHeadRateScale) {
        /**
         * 6: the bicycle run behind the shipped pack kept |log var| below 3.5 for 20,000 iterations,
         * and its continuation at twice G's rate ran to 72 (sigma e^-36, KL 94-99) in 2,000. With L
         * 6, sigma stays in [0.05, 20], each dimension's KL from its variance stays below 2.5 nats,
         * and the limit is within 8% of the identity where healthy runs lived (|log var| <= 3).
         */
        public static final float DEFAULT_LOG_VAR_BOUND = 6f;

        /** Paper settings: E at G's rate, no KL floor, no bound (configs written before the bound read as this). */
        public static EncoderStability defaults() {
            return new EncoderStability(1f, 0f, 0f);
        }

        public EncoderStability(float rateScale, float klFreeBits) {
            this(rateScale, klFreeBits, 0f);
        }

        public EncoderStability(float rateScale, float klFreeBits, float logVarBound) {
            this(rateScale, klFreeBits, logVarBound, 0f);
        }

        public EncoderStability {
            if (!(rateScale > 0) || !Float.isFinite(rateScale) || !(klFreeBits >= 0) || !Float.isFinite(klFreeBits)
                    || !(logVarBound >= 0) || !Float.isFinite(logVarBound)
                    || !(styleHeadRateScale >= 0) || !Float.isFinite(styleHeadRateScale)) {
                throw new IllegalArgumentException("encoder rate scale must be > 0, KL free bits, the log variance"
                        + " bound and the style head's rate scale >= 0, all finite");
            }
        }

        /**
         * E's log variance as training uses it: L * tanh(raw / L), smooth and with slope 1 at 0, so
         * the KL keeps a gradient near the limit. Far past it the gradient underflows as a clamp's
         * would: with L 6 at G's rate 1e-4 the raw head still ran to |80| (the bounded value stayed
         * at 6), so the limit caps what E's variance does, not where its head goes.
         * @param raw (N, nz) the log variance head's output
         */
        public NDArray boundLogVariance(NDArray raw) {
            return logVarBound > 0 ? Scalars.times(Scalars.over(raw, logVarBound).tanh(), logVarBound) : raw;
        }

        /** The style head's rate as a share of G's. */
        public float styleHeadScale() {
            return styleHeadRateScale > 0 ? styleHeadRateScale : rateScale;
        }

        public Map<String, Object> toJson() {
            return Json.obj("rate_scale", (double) rateScale, "kl_free_bits", (double) klFreeBits,
                    "log_var_bound", (double) logVarBound, "style_head_rate_scale", (double) styleHeadRateScale);
        }
    }

    /**
     * Generator/encoder loss weights; 0 turns a term off.
     * @param gan LSGAN on D (encoded branch): 1, the paper's lambda_GAN
     * @param gan2 LSGAN on D2 (random branch): 1, the paper's lambda_GAN2
     * @param l1 L1 of the encoded-branch output to its target: 10, the paper's lambda_L1
     * @param kl KL of E's posterior from N(0, 1), summed over z: 0.01, the paper's lambda_kl; small so
     *     E can still carry style information
     * @param latent latent regression |E(G(A, z)) - z|_1 on the random branch, G only: 0.5, the paper's
     *     lambda_z; it stops G from ignoring z
     * @param tv total variation of both branches' outputs: 1e-4 as zi2zi; enough to remove speckle,
     *     small enough not to thin strokes
     * @param feature L1 between glyph-classifier features of the encoded-branch output and its target:
     *     1; the classifier knows which strokes make a character, so this guards content (thin
     *     strokes that pixel L1 barely notices); off when no extractor is given
     * @param style auxiliary style classification of E's mean (a linear head over the dataset's
     *     styles, cross-entropy): 0 (off); it groups the latent space by font when turned on
     * @param modeSeeking mode seeking on the random branch (MSGAN): 1 / (r + 1e-5) with r = mean
     *     |G(A, z1) - G(A, z2)| / mean |z1 - z2| over pairs of the branch that share a source glyph;
     *     rewards outputs that move with z, which the latent term alone did not get G to do
     */
    public record LossWeights(float gan, float gan2, float l1, float kl, float latent, float tv, float feature,
            float style, float modeSeeking) {
        public static LossWeights defaults() {
            return new LossWeights(1f, 1f, 10f, 0.01f, 0.5f, 1e-4f, 1f, 0f, 0f);
        }

        /** These weights with the mode-seeking term set to {@code w}. */
        public LossWeights withModeSeeking(float w) {
            return new LossWeights(gan, gan2, l1, kl, latent, tv, feature, style, w);
        }

        public Map<String, Object> toJson() {
            return Json.obj("gan", (double) gan, "gan2", (double) gan2, "l1", (double) l1, "kl", (double) kl,
                    "latent", (double) latent, "tv", (double) tv, "feature", (double) feature, "style", (double) style,
                    "mode_seeking", (double) modeSeeking);
        }
    }

    public BicycleConfig {
        if (batchSize < 2) {
            throw new IllegalArgumentException("BicycleGAN needs a batch of at least 2 (one per branch)");
        }
    }

    public static BicycleConfig defaults() {
        return new BicycleConfig(BicycleArch.DEFAULT, 16, 2e-4f, 0, 2e-4f, LossWeights.defaults(),
                EncoderStability.defaults(), 1, 500, 250, 3, 10);
    }

    public BicycleConfig withArch(BicycleArch a) {
        return new BicycleConfig(a, batchSize, learningRate, halveEvery, learningRateFloor, weights, encoder, seed, sampleEvery,
                checkpointEvery, keepCheckpoints, logEvery);
    }

    public BicycleConfig withBatchSize(int b) {
        return new BicycleConfig(arch, b, learningRate, halveEvery, learningRateFloor, weights, encoder, seed, sampleEvery,
                checkpointEvery, keepCheckpoints, logEvery);
    }

    public BicycleConfig withLearningRate(float lr, long every, float floor) {
        return new BicycleConfig(arch, batchSize, lr, every, floor, weights, encoder, seed, sampleEvery, checkpointEvery,
                keepCheckpoints, logEvery);
    }

    public BicycleConfig withWeights(LossWeights w) {
        return new BicycleConfig(arch, batchSize, learningRate, halveEvery, learningRateFloor, w, encoder, seed, sampleEvery,
                checkpointEvery, keepCheckpoints, logEvery);
    }

    public BicycleConfig withEncoderStability(EncoderStability e) {
        return new BicycleConfig(arch, batchSize, learningRate, halveEvery, learningRateFloor, weights, e, seed,
                sampleEvery, checkpointEvery, keepCheckpoints, logEvery);
    }

    public BicycleConfig withSeed(long s) {
        return new BicycleConfig(arch, batchSize, learningRate, halveEvery, learningRateFloor, weights, encoder, s, sampleEvery,
                checkpointEvery, keepCheckpoints, logEvery);
    }

    public BicycleConfig withSchedule(int sample, int checkpoint, int log) {
        return new BicycleConfig(arch, batchSize, learningRate, halveEvery, learningRateFloor, weights, encoder, seed, sample,
                checkpoint, keepCheckpoints, log);
    }

    /** Images of the encoded-z branch in each batch (the rest take random z). */
    public int encodedPerBatch() {
        return batchSize / 2;
    }

    public LearningRate schedule() {
        return LearningRate.halving(learningRate, halveEvery, learningRateFloor);
    }

    public Map<String, Object> toJson() {
        return Json.obj("arch", arch.toJson(), "batch", batchSize, "lr", (double) learningRate,
                "lr_halve_every", halveEvery, "lr_floor", (double) learningRateFloor, "weights", weights.toJson(), "encoder", encoder.toJson(),
                "seed", seed, "sample_every", sampleEvery, "checkpoint_every", checkpointEvery,
                "keep_checkpoints", keepCheckpoints, "log_every", logEvery);
    }
}
