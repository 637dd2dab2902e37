package dev.fontgan.eval;

import ai.djl.ndarray.NDArray;
import dev.fontgan.Json;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Pixel metrics between generated glyphs and their targets, per image and as a batch summary.
 * All work on ink in [0, 1]: L1 (mean absolute difference), RMSE, SSIM (Gaussian window 11,
 * σ 1.5, K1 0.01, K2 0.03, data range 1, over the valid region), PSNR (peak 1) and ink recall
 * (the share of the target's ink pixels, ink > 0.5, that the output also inks).
 */
public final class Metrics {
    /** Side of the SSIM window; smaller images use the largest odd side that fits. */
    public static final int SSIM_WINDOW = 11;
    public static final double SSIM_SIGMA = 1.5;
    private static final double C1 = 0.01 * 0.01;
    private static final double C2 = 0.03 * 0.03;
    /** Above this many images a batch is scored on all cores. */
    private static final int PARALLEL_FROM = 64;

    private Metrics() {}

    /** Per-image scores of a batch; {@code psnr[i]} is +∞ for identical images. */
    public record Scores(double[] l1, double[] rmse, double[] ssim, double[] psnr, double[] inkRecall) {
        public int count() {
            return l1.length;
        }

        /** Means over the batch; PSNR is taken from the pooled mean squared error. */
        public Summary summary() {
            int n = count();
            double sl1 = 0;
            double smse = 0;
            double sssim = 0;
            double srecall = 0;
            for (int i = 0; i < n; i++) {
                sl1 += l1[i];
                smse += rmse[i] * rmse[i];
                sssim += ssim[i];
                srecall += inkRecall[i];
            }
            if (n == 0) {
                return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            double mse = smse / n;
            return new Summary(n, sl1 / n, Math.sqrt(mse), sssim / n, psnrOf(mse), srecall / n);
        }
    }

    /** Batch means. {@code psnr} is +∞ when every output equals its target (JSON: null). */
    public record Summary(int count, double l1, double rmse, double ssim, double psnr, double inkRecall) {
        /** Keys as in {@code fontgan eval --json}. */
        public Map<String, Object> toJson() {
            return Json.obj("count", count, "l1", l1, "rmse", rmse, "ssim", ssim, "psnr", psnr,
                    "ink_recall", inkRecall);
        }
    }

    /**
     * Scores each output against the target at the same index.
     *
     * @param output (N, 1, H, H) in [-1, 1]
     * @param target (N, 1, H, H) in [-1, 1]
     */
    public static Scores compare(NDArray output, NDArray target) {
        return compare(InkImages.ofSigned(output), InkImages.ofSigned(target));
    }

    /** Scores each output against the target at the same index; both batches must agree in count and size. */
    public static Scores compare(InkImages output, InkImages target) {
        if (output.count() != target.count() || output.sizePx() != target.sizePx()) {
            throw new IllegalArgumentException("output is " + output.count() + " x " + output.sizePx()
                    + " px, target " + target.count() + " x " + target.sizePx() + " px");
        }
        int n = output.count();
        int size = output.sizePx();
        double[] l1 = new double[n];
        double[] rmse = new double[n];
        double[] ssim = new double[n];
        double[] psnr = new double[n];
        double[] recall = new double[n];
        float[] a = output.ink();
        float[] b = target.ink();
        IntStream range = IntStream.range(0, n);
        (n >= PARALLEL_FROM ? range.parallel() : range).forEach(i -> {
            int off = output.offset(i);
            l1[i] = l1(a, off, b, off, size);
            double mse = mse(a, off, b, off, size);
            rmse[i] = Math.sqrt(mse);
            psnr[i] = psnrOf(mse);
            ssim[i] = ssim(a, off, b, off, size);
            recall[i] = inkRecall(a, off, b, off, size);
        });
        return new Scores(l1, rmse, ssim, psnr, recall);
    }

    /** Mean absolute difference of two images in [0, 1] stored at the given offsets. */
    public static double l1(float[] a, int offA, float[] b, int offB, int sizePx) {
        int area = sizePx * sizePx;
        double s = 0;
        for (int i = 0; i < area; i++) {
            s += Math.abs(a[offA + i] - b[offB + i]);
        }
        return s / area;
    }

    /** Mean squared difference of two images in [0, 1]. */
    public static double mse(float[] a, int offA, float[] b, int offB, int sizePx) {
        int area = sizePx * sizePx;
        double s = 0;
        for (int i = 0; i < area; i++) {
            double d = a[offA + i] - b[offB + i];
            s += d * d;
        }
        return s / area;
    }

    /** PSNR in dB for a mean squared error of images with peak 1; +∞ for 0. */
    public static double psnrOf(double mse) {
        return mse <= 0 ? Double.POSITIVE_INFINITY : -10 * Math.log10(mse);
    }

    /** Share of the target's ink pixels (> 0.5) that the output inks (> 0.5); 1 when the target has none. */
    public static double inkRecall(float[] output, int offOut, float[] target, int offTarget, int sizePx) {
        int area = sizePx * sizePx;
        int targetInk = 0;
        int both = 0;
        for (int i = 0; i < area; i++) {
            if (target[offTarget + i] > 0.5f) {
                targetInk++;
                if (output[offOut + i] > 0.5f) {
                    both++;
                }
            }
        }
        return targetInk == 0 ? 1.0 : (double) both / targetInk;
    }

    /** Side of the SSIM window used for images of this size. */
    public static int ssimWindow(int sizePx) {
        int w = Math.min(SSIM_WINDOW, sizePx);
        return w % 2 == 0 ? w - 1 : w;
    }

    /**
     * Mean structural similarity of two images in [0, 1] over the valid positions of a Gaussian
     * window (separable filtering of the five local moments).
     */
    public static double ssim(float[] a, int offA, float[] b, int offB, int sizePx) {
        int w = ssimWindow(sizePx);
        double[] kernel = gaussian(w, SSIM_SIGMA);
        int valid = sizePx - w + 1;
        SsimScratch s = SCRATCH.get().ensure(sizePx, valid);
        // horizontal pass: (sizePx rows) x (valid columns) for x, y, x², y², xy
        for (int r = 0; r < sizePx; r++) {
            int rowA = offA + r * sizePx;
            int rowB = offB + r * sizePx;
            for (int c = 0; c < valid; c++) {
                double mx = 0;
                double my = 0;
                double xx = 0;
                double yy = 0;
                double xy = 0;
                for (int k = 0; k < w; k++) {
                    double g = kernel[k];
                    double x = a[rowA + c + k];
                    double y = b[rowB + c + k];
                    double gx = g * x;
                    double gy = g * y;
                    mx += gx;
                    my += gy;
                    xx += gx * x;
                    yy += gy * y;
                    xy += gx * y;
                }
                int o = r * valid + c;
                s.mx[o] = mx;
                s.my[o] = my;
                s.xx[o] = xx;
                s.yy[o] = yy;
                s.xy[o] = xy;
            }
        }
        double total = 0;
        for (int r = 0; r < valid; r++) {
            for (int c = 0; c < valid; c++) {
                double mx = 0;
                double my = 0;
                double xx = 0;
                double yy = 0;
                double xy = 0;
                for (int k = 0; k < w; k++) {
                    double g = kernel[k];
                    int o = (r + k) * valid + c;
                    mx += g * s.mx[o];
                    my += g * s.my[o];
                    xx += g * s.xx[o];
                    yy += g * s.yy[o];
                    xy += g * s.xy[o];
                }
                double vx = xx - mx * mx;
                double vy = yy - my * my;
                double cov = xy - mx * my;
                total += (2 * mx * my + C1) * (2 * cov + C2) / ((mx * mx + my * my + C1) * (vx + vy + C2));
            }
        }
        return total / ((double) valid * valid);
    }

    /** A normalized 1-D Gaussian of odd side {@code w}. */
    static double[] gaussian(int w, double sigma) {
        double[] k = new double[w];
        double sum = 0;
        int half = w / 2;
        for (int i = 0; i < w; i++) {
            double d = i - half;
            k[i] = Math.exp(-d * d / (2 * sigma * sigma));
            sum += k[i];
        }
        for (int i = 0; i < w; i++) {
            k[i] /= sum;
        }
        return k;
    }

    private static final ThreadLocal<SsimScratch> SCRATCH = ThreadLocal.withInitial(SsimScratch::new);

    /** Per-thread buffers for the horizontal pass of SSIM. */
    private static final class SsimScratch {
        double[] mx = new double[0];
        double[] my = mx;
        double[] xx = mx;
        double[] yy = mx;
        double[] xy = mx;

        SsimScratch ensure(int rows, int cols) {
            int n = rows * cols;
            if (mx.length < n) {
                mx = new double[n];
                my = new double[n];
                xx = new double[n];
                yy = new double[n];
                xy = new double[n];
            }
            return this;
        }
    }
}
