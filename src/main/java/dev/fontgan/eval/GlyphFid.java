package dev.fontgan.eval;

import dev.fontgan.Json;
import java.util.Map;
import java.util.Random;

/**
 * Glyph-FID: the Fréchet distance between Gaussian fits of two sets of classifier features,
 * d² = |μ₁ − μ₂|² + tr(Σ₁ + Σ₂ − 2 (Σ₁^½ Σ₂ Σ₁^½)^½), with the matrix square roots from
 * symmetric eigen-decompositions. Reported beside the real floor: the same distance between two
 * disjoint halves of the real samples, so a reader knows what "as good as real" looks like.
 */
public final class GlyphFid {
    private GlyphFid() {}

    /**
     * A generated set's distance to the reals and the real-vs-real floor. The reals are split by
     * a seeded shuffle into halves A and B: {@code fid} = d(A, generated), {@code realFloor} = d(A, B).
     * The two are comparable when the generated set is as large as one half.
     */
    public record Result(double fid, double realFloor, int realCount, int generatedCount) {
        public Map<String, Object> toJson() {
            return Json.obj("fid", fid, "real_floor", realFloor, "real_count", realCount,
                    "generated_count", generatedCount);
        }
    }

    /** Fréchet distance between two Gaussian fits of the same dimension. */
    public static double distance(FeatureStats a, FeatureStats b) {
        if (a.dims() != b.dims()) {
            throw new IllegalArgumentException("feature dimensions differ: " + a.dims() + " vs " + b.dims());
        }
        int d = a.dims();
        double meanTerm = 0;
        for (int j = 0; j < d; j++) {
            double diff = a.mean()[j] - b.mean()[j];
            meanTerm += diff * diff;
        }
        double trace = 0;
        for (int j = 0; j < d; j++) {
            trace += a.covariance()[j * d + j] + b.covariance()[j * d + j];
        }
        double[] rootA = SymmetricEigen.of(a.covariance(), d).sqrtMatrix();
        double[] inner = multiply(multiply(rootA, b.covariance(), d), rootA, d);
        SymmetricEigen e = SymmetricEigen.of(inner, d);
        double traceRoot = 0;
        for (double v : e.values) {
            traceRoot += Math.sqrt(Math.max(0, v));
        }
        return Math.max(0, meanTerm + trace - 2 * traceRoot);
    }

    /** Fréchet distance between the Gaussian fits of two feature tables. */
    public static double distance(float[][] a, float[][] b) {
        return distance(FeatureStats.of(a), FeatureStats.of(b));
    }

    /** Distance of generated features to half of the reals, with the real floor from the other half (see {@link Result}). */
    public static Result compare(float[][] real, float[][] generated, long seed) {
        if (real.length < 4) {
            throw new IllegalArgumentException("need at least 4 real samples for two halves, got " + real.length);
        }
        int[] order = shuffled(real.length, seed);
        int half = real.length / 2;
        int[] a = java.util.Arrays.copyOfRange(order, 0, half);
        int[] b = java.util.Arrays.copyOfRange(order, half, 2 * half);
        FeatureStats statsA = FeatureStats.of(real, a);
        double fid = distance(statsA, FeatureStats.of(generated));
        double floor = distance(statsA, FeatureStats.of(real, b));
        return new Result(fid, floor, real.length, generated.length);
    }

    /**
     * Glyph-FID of generated glyphs against real ones in a classifier's feature space (images of
     * any size; see {@link #compare(float[][], float[][], long)} for the halves).
     */
    public static Result compare(GlyphClassifier classifier, InkImages real, InkImages generated, long seed) {
        return compare(classifier.features(real), classifier.features(generated), seed);
    }

    /** The real-vs-real distance alone: two disjoint seeded halves of {@code real}. */
    public static double realFloor(float[][] real, long seed) {
        int[] order = shuffled(real.length, seed);
        int half = real.length / 2;
        return distance(FeatureStats.of(real, java.util.Arrays.copyOfRange(order, 0, half)),
                FeatureStats.of(real, java.util.Arrays.copyOfRange(order, half, 2 * half)));
    }

    private static int[] shuffled(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random r = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static double[] multiply(double[] x, double[] y, int n) {
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double xik = x[i * n + k];
                if (xik == 0) {
                    continue;
                }
                int ro = i * n;
                int rk = k * n;
                for (int j = 0; j < n; j++) {
                    out[ro + j] += xik * y[rk + j];
                }
            }
        }
        return out;
    }
}
