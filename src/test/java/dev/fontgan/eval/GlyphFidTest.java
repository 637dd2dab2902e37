package dev.fontgan.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GlyphFidTest {
    private static float[][] correlatedSamples(int n, int d, double shift, long seed) {
        Random r = new Random(seed);
        float[][] mix = new float[d][d];
        Random mr = new Random(99);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                mix[i][j] = (float) (mr.nextGaussian() / Math.sqrt(d));
            }
        }
        float[][] out = new float[n][d];
        double[] z = new double[d];
        for (int s = 0; s < n; s++) {
            for (int j = 0; j < d; j++) {
                z[j] = r.nextGaussian();
            }
            for (int i = 0; i < d; i++) {
                double v = shift;
                for (int j = 0; j < d; j++) {
                    v += mix[i][j] * z[j];
                }
                out[s][i] = (float) v;
            }
        }
        return out;
    }

    @Test
    void setAgainstItselfIsZero() {
        float[][] x = correlatedSamples(400, 32, 0, 1);
        assertEquals(0.0, GlyphFid.distance(x, x), 1e-6);
    }

    @Test
    void distanceGrowsWithShift() {
        float[][] base = correlatedSamples(600, 16, 0, 2);
        double previous = -1;
        for (double shift : new double[] {0.0, 0.5, 1.0, 2.0}) {
            double d = GlyphFid.distance(base, correlatedSamples(600, 16, shift, 3));
            assertTrue(d > previous, "shift " + shift + ": " + d + " <= " + previous);
            previous = d;
        }
        // a pure mean shift of s in every one of 16 dimensions adds about 16 s²
        double d2 = GlyphFid.distance(base, correlatedSamples(600, 16, 2.0, 3));
        assertEquals(16 * 4.0, d2, 3.0);
    }

    @Test
    void diagonalGaussiansMatchTheClosedForm() {
        int d = 5;
        double[] va = {1, 2, 0.5, 3, 1e-3};
        double[] vb = {4, 2, 0.1, 1, 2};
        double[] ma = {0, 1, 2, 3, 4};
        double[] mb = {1, 1, 0, 3, 5};
        double[] ca = new double[d * d];
        double[] cb = new double[d * d];
        double expected = 0;
        for (int i = 0; i < d; i++) {
            ca[i * d + i] = va[i];
            cb[i * d + i] = vb[i];
            expected += (ma[i] - mb[i]) * (ma[i] - mb[i]) + Math.pow(Math.sqrt(va[i]) - Math.sqrt(vb[i]), 2);
        }
        double got = GlyphFid.distance(new FeatureStats(10, d, ma, ca), new FeatureStats(10, d, mb, cb));
        assertEquals(expected, got, 1e-9);
    }

    @Test
    void rotatedCovarianceKeepsTheDistance() {
        // the distance only depends on the distributions: rotate both diagonal Gaussians by the same angle
        double t = 0.7;
        double c = Math.cos(t);
        double s = Math.sin(t);
        double[] rot = {c, -s, s, c};
        double[] da = {2, 0.5};
        double[] db = {1, 3};
        double[] ca = conjugate(rot, da);
        double[] cb = conjugate(rot, db);
        double expected = Math.pow(Math.sqrt(2) - 1, 2) + Math.pow(Math.sqrt(0.5) - Math.sqrt(3), 2);
        double got = GlyphFid.distance(new FeatureStats(10, 2, new double[2], ca),
                new FeatureStats(10, 2, new double[2], cb));
        assertEquals(expected, got, 1e-9);
    }

    private static double[] conjugate(double[] r, double[] diag) {
        double[] out = new double[4];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                out[i * 2 + j] = r[i * 2] * diag[0] * r[j * 2] + r[i * 2 + 1] * diag[1] * r[j * 2 + 1];
            }
        }
        return out;
    }

    @Test
    void realFloorIsSmallNextToAShiftedSet() {
        float[][] real = correlatedSamples(800, 12, 0, 4);
        GlyphFid.Result r = GlyphFid.compare(real, correlatedSamples(400, 12, 1.0, 5), 7);
        assertTrue(r.realFloor() < r.fid() / 5, r.toString());
        assertEquals(r.realFloor(), GlyphFid.realFloor(real, 7), 1e-12);
        assertEquals(800, r.realCount());
    }

    @Test
    void eigenDecompositionReconstructsTheMatrix() {
        int n = 40;
        float[][] x = correlatedSamples(200, n, 0, 8);
        double[] cov = FeatureStats.of(x).covariance();
        SymmetricEigen e = SymmetricEigen.of(cov, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = 0;
                for (int k = 0; k < n; k++) {
                    v += e.vectors[i * n + k] * e.values[k] * e.vectors[j * n + k];
                }
                assertEquals(cov[i * n + j], v, 1e-10);
            }
        }
        double[] root = e.sqrtMatrix();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = 0;
                for (int k = 0; k < n; k++) {
                    v += root[i * n + k] * root[k * n + j];
                }
                assertEquals(cov[i * n + j], v, 1e-9);
            }
        }
    }
}
