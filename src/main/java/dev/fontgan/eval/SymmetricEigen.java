package dev.fontgan.eval;

/**
 * Eigen-decomposition of a real symmetric matrix in plain double arithmetic: Householder
 * reduction to tridiagonal form, then implicit QR steps with Wilkinson shifts (Givens bulge
 * chasing), accumulating the eigenvectors. O(n³); about 20 ms for the 192-dimensional feature
 * covariances of glyph-FID.
 */
final class SymmetricEigen {
    private static final double EPS = 4 * Math.ulp(1.0);

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
        double[] q = new double[n * n];
        for (int i = 0; i < n; i++) {
            q[i * n + i] = 1;
        }
        double[] d = new double[n];
        double[] e = new double[Math.max(1, n - 1)];
        tridiagonalize(m, q, d, e, n);
        // the QR sweeps rotate pairs of eigenvectors: keep them as rows for contiguous access
        double[] rows = transpose(q, n);
        diagonalize(d, e, rows, n);
        return new SymmetricEigen(n, d, transpose(rows, n));
    }

    /**
     * Householder reflections H_k = I - 2 v vᵀ zero column k below the subdiagonal, for k = 0..n-3;
     * {@code q} accumulates Q = H_0 H_1 ... so that A = Q T Qᵀ with T = tridiag(d, e).
     */
    private static void tridiagonalize(double[] m, double[] q, double[] d, double[] e, int n) {
        double[] v = new double[n];
        double[] p = new double[n];
        for (int k = 0; k < n - 2; k++) {
            int lo = k + 1;
            double norm = 0;
            for (int i = lo; i < n; i++) {
                norm += m[i * n + k] * m[i * n + k];
            }
            norm = Math.sqrt(norm);
            d[k] = m[k * n + k];
            double x0 = m[lo * n + k];
            double alpha = x0 > 0 ? -norm : norm;
            double vnorm2 = 0;
            for (int i = lo; i < n; i++) {
                v[i] = m[i * n + k];
            }
            v[lo] -= alpha;
            for (int i = lo; i < n; i++) {
                vnorm2 += v[i] * v[i];
            }
            if (vnorm2 == 0 || norm == 0) {
                e[k] = x0;
                continue;
            }
            double inv = 1 / Math.sqrt(vnorm2);
            for (int i = lo; i < n; i++) {
                v[i] *= inv;
            }
            // p = A v on the trailing block, w = p - (vᵀp) v, A -= 2 (v wᵀ + w vᵀ)
            double kdot = 0;
            for (int i = lo; i < n; i++) {
                double s = 0;
                int row = i * n;
                for (int j = lo; j < n; j++) {
                    s += m[row + j] * v[j];
                }
                p[i] = s;
                kdot += v[i] * s;
            }
            for (int i = lo; i < n; i++) {
                p[i] -= kdot * v[i];
            }
            for (int i = lo; i < n; i++) {
                int row = i * n;
                double vi = v[i];
                double wi = p[i];
                for (int j = lo; j < n; j++) {
                    m[row + j] -= 2 * (vi * p[j] + wi * v[j]);
                }
            }
            e[k] = alpha;
            for (int i = lo; i < n; i++) {
                m[i * n + k] = 0;
                m[k * n + i] = 0;
            }
            m[lo * n + k] = alpha;
            m[k * n + lo] = alpha;
            // Q <- Q H_k on columns lo..n-1
            for (int r = 0; r < n; r++) {
                int row = r * n;
                double s = 0;
                for (int j = lo; j < n; j++) {
                    s += q[row + j] * v[j];
                }
                s *= 2;
                for (int j = lo; j < n; j++) {
                    q[row + j] -= s * v[j];
                }
            }
        }
        if (n >= 2) {
            d[n - 2] = m[(n - 2) * n + n - 2];
            e[n - 2] = m[(n - 1) * n + n - 2];
        }
        d[n - 1] = m[(n - 1) * n + n - 1];
    }

    /** Implicit symmetric QR on tridiag(d, e) until e vanishes; d ends as the eigenvalues, eigenvector rows rotated along. */
    private static void diagonalize(double[] d, double[] e, double[] rows, int n) {
        int hi = n - 1;
        int iterations = 0;
        while (hi > 0) {
            if (Math.abs(e[hi - 1]) <= EPS * (Math.abs(d[hi - 1]) + Math.abs(d[hi]))) {
                e[hi - 1] = 0;
                hi--;
                continue;
            }
            int lo = hi - 1;
            while (lo > 0 && Math.abs(e[lo - 1]) > EPS * (Math.abs(d[lo - 1]) + Math.abs(d[lo]))) {
                lo--;
            }
            if (lo > 0) {
                e[lo - 1] = 0;
            }
            if (++iterations > 60 * n) {
                throw new ArithmeticException("symmetric eigen-decomposition did not converge");
            }
            qrStep(d, e, rows, n, lo, hi);
        }
    }

    /**
     * One implicit QR step with a Wilkinson shift on the unreduced block lo..hi: rotations R with
     * T <- R T Rᵀ; {@code rows} holds the eigenvectors as rows (Qᵀ) and is rotated the same way.
     */
    private static void qrStep(double[] d, double[] e, double[] rows, int n, int lo, int hi) {
        double delta = (d[hi - 1] - d[hi]) / 2;
        double b = e[hi - 1];
        double root = Math.hypot(delta, b);
        double mu = d[hi] - b * b / (delta + (delta >= 0 ? root : -root));
        double x = d[lo] - mu;
        double z = e[lo];
        for (int k = lo; k < hi; k++) {
            double r = Math.hypot(x, z);
            double c = r == 0 ? 1 : x / r;
            double s = r == 0 ? 0 : -z / r;
            if (k > lo) {
                e[k - 1] = r; // the bulge at (k-1, k+1) is folded into the subdiagonal
            }
            double a = d[k];
            double off = e[k];
            double dd = d[k + 1];
            d[k] = c * c * a - 2 * c * s * off + s * s * dd;
            d[k + 1] = s * s * a + 2 * c * s * off + c * c * dd;
            e[k] = c * s * (a - dd) + (c * c - s * s) * off;
            if (k + 1 < hi) {
                z = -s * e[k + 1]; // new bulge at (k, k+2)
                e[k + 1] = c * e[k + 1];
                x = e[k];
            }
            int rk = k * n;
            int rk1 = rk + n;
            for (int col = 0; col < n; col++) {
                double qk = rows[rk + col];
                double qk1 = rows[rk1 + col];
                rows[rk + col] = c * qk - s * qk1;
                rows[rk1 + col] = s * qk + c * qk1;
            }
        }
    }

    private static double[] transpose(double[] a, int n) {
        double[] t = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                t[j * n + i] = a[i * n + j];
            }
        }
        return t;
    }

    /** V f(Λ) Vᵀ with f = sqrt of the eigenvalues clamped at 0 (the PSD square root). */
    double[] sqrtMatrix() {
        double[] root = new double[n];
        for (int j = 0; j < n; j++) {
            root[j] = Math.sqrt(Math.max(0, values[j]));
        }
        double[] scaled = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                scaled[i * n + j] = vectors[i * n + j] * root[j];
            }
        }
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int k = i; k < n; k++) {
                double s = 0;
                int ri = i * n;
                int rk = k * n;
                for (int j = 0; j < n; j++) {
                    s += scaled[ri + j] * vectors[rk + j];
                }
                out[i * n + k] = s;
                out[k * n + i] = s;
            }
        }
        return out;
    }
}
