package dev.fontgan.eval;

/** A Gaussian fit of feature vectors: mean and (unbiased) covariance, in double precision. */
public record FeatureStats(int count, int dims, double[] mean, double[] covariance) {
    public FeatureStats {
        if (mean.length != dims || covariance.length != dims * dims) {
            throw new IllegalArgumentException("mean " + mean.length + " / covariance " + covariance.length
                    + " do not match " + dims + " dimensions");
        }
    }

    /** Fits rows {@code index[0..]} of a feature table (one row per sample); needs at least two samples. */
    public static FeatureStats of(float[][] features, int[] index) {
        int n = index.length;
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 samples for a covariance, got " + n);
        }
        int d = features[index[0]].length;
        double[] mean = new double[d];
        for (int i : index) {
            float[] row = features[i];
            if (row.length != d) {
                throw new IllegalArgumentException("feature rows differ in length: " + row.length + " vs " + d);
            }
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[] cov = new double[d * d];
        double[] centred = new double[d];
        for (int i : index) {
            float[] row = features[i];
            for (int j = 0; j < d; j++) {
                centred[j] = row[j] - mean[j];
            }
            for (int a = 0; a < d; a++) {
                double ca = centred[a];
                if (ca == 0) {
                    continue;
                }
                int base = a * d;
                for (int b = a; b < d; b++) {
                    cov[base + b] += ca * centred[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                double v = cov[a * d + b] / (n - 1);
                cov[a * d + b] = v;
                cov[b * d + a] = v;
            }
        }
        return new FeatureStats(n, d, mean, cov);
    }

    /** Fits all rows of a feature table. */
    public static FeatureStats of(float[][] features) {
        return of(features, java.util.stream.IntStream.range(0, features.length).toArray());
    }
}
