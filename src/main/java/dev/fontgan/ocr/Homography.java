package dev.fontgan.ocr;

/** The 3x3 projective map that takes four points to four others. */
final class Homography {
    private Homography() {}

    /**
     * Row-major 3x3 matrix H with {@code H * (x, y, 1) ~ (x', y', 1)} for the four pairs.
     *
     * @param src x0, y0, ... x3, y3
     * @param dst x0', y0', ... x3', y3'
     */
    static double[] between(double[] src, double[] dst) {
        double[][] a = new double[8][9];
        for (int i = 0; i < 4; i++) {
            double x = src[2 * i];
            double y = src[2 * i + 1];
            double u = dst[2 * i];
            double v = dst[2 * i + 1];
            a[2 * i] = new double[] {x, y, 1, 0, 0, 0, -u * x, -u * y, u};
            a[2 * i + 1] = new double[] {0, 0, 0, x, y, 1, -v * x, -v * y, v};
        }
        for (int col = 0; col < 8; col++) {
            int pivot = col;
            for (int r = col + 1; r < 8; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            if (Math.abs(a[col][col]) < 1e-12) {
                throw new IllegalArgumentException("degenerate quadrilateral");
            }
            for (int r = 0; r < 8; r++) {
                if (r != col) {
                    double f = a[r][col] / a[col][col];
                    for (int c = col; c < 9; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        double[] h = new double[9];
        for (int i = 0; i < 8; i++) {
            h[i] = a[i][8] / a[i][i];
        }
        h[8] = 1;
        return h;
    }
}
