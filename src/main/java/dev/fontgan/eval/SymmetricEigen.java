package dev.fontgan.eval;

/**
 * Eigen-decomposition of a real symmetric matrix by cyclic Jacobi rotations, in plain double
 * arithmetic. Meant for feature covariances of a few hundred dimensions (O(n³) per sweep, a
 * handful of sweeps).
 */
final class SymmetricEigen {
    private static final int MAX_SWEEPS = 60;

    /** Eigenvalues, in no particular order. */
    final double[] values;
    /** Eigenvectors as columns of a row-major n x n matrix: column j belongs to {@code values[j]}. */
    final double[] vectors;
    final int n;

    private SymmetricEigen(int n, double[] values, double[] vectors) {
        this.n = n;
        this.values = values;
        this.vectors = vectors;
    }

    /** Decomposes the symmetric row-major n x n matrix {@code a} (not modified; only its upper half is read). */
    static SymmetricEigen of(double[] a, int n) {
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                m[i * n + j] = a[i * n + j];
                m[j * n + i] = a[i * n + j];
            }
        }
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) {
            v[i * n + i] = 1;
        }
        double scale = 0;
        for (double x : m) {
            scale += x * x;
        }
        double tiny = 1e-30 * Math.max(scale, Double.MIN_NORMAL);
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += m[p * n + q] * m[p * n + q];
                }
            }
            if (off <= tiny) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = m[p * n + q];
                    if (apq == 0) {
                        continue;
                    }
                    double app = m[p * n + p];
                    double aqq = m[q * n + q];
                    // skip elements already negligible next to both diagonal entries
                    if (sweep > 3 && Math.abs(apq) < 1e-18 * (Math.abs(app) + Math.abs(aqq))) {
                        m[p * n + q] = 0;
                        m[q * n + p] = 0;
                        continue;
                    }
                    double theta = (aqq - app) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    rotate(m, v, n, p, q, c, s);
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = m[i * n + i];
        }
        return new SymmetricEigen(n, values, v);
    }

    /** m <- Jᵀ m J and v <- v J for the rotation J in the (p, q) plane. */
    private static void rotate(double[] m, double[] v, int n, int p, int q, double c, double s) {
        for (int k = 0; k < n; k++) {
            int kp = k * n + p;
            int kq = k * n + q;
            double mp = m[kp];
            double mq = m[kq];
            m[kp] = c * mp - s * mq;
            m[kq] = s * mp + c * mq;
        }
        int rp = p * n;
        int rq = q * n;
        for (int k = 0; k < n; k++) {
            double mp = m[rp + k];
            double mq = m[rq + k];
            m[rp + k] = c * mp - s * mq;
            m[rq + k] = s * mp + c * mq;
        }
        m[rp + q] = 0;
        m[rq + p] = 0;
        for (int k = 0; k < n; k++) {
            int kp = k * n + p;
            int kq = k * n + q;
            double vp = v[kp];
            double vq = v[kq];
            v[kp] = c * vp - s * vq;
            v[kq] = s * vp + c * vq;
        }
    }

    /** V f(Λ) Vᵀ with f = sqrt of the eigenvalues clamped at 0 (the PSD square root). */
    double[] sqrtMatrix() {
        double[] root = new double[n];
        for (int j = 0; j < n; j++) {
            root[j] = Math.sqrt(Math.max(0, values[j]));
        }
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int k = i; k < n; k++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += vectors[i * n + j] * root[j] * vectors[k * n + j];
                }
                out[i * n + k] = s;
                out[k * n + i] = s;
            }
        }
        return out;
    }
}
