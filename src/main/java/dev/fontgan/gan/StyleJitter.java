package dev.fontgan.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import dev.fontgan.nn.Scalars;
import java.util.Random;

/**
 * A random, differentiable change of a glyph's handwriting style that keeps its character: per
 * image an affine warp (shear, width, rotation, shift; bilinear) and a stroke-weight change
 * (a blend toward the 3x3 dilation or erosion of the ink). A network that must read something
 * through it can only rely on what survives it: the character's shape, not its slant or weight.
 *
 * <p>The warp is a gather of four neighbours per output pixel with weights built on the host, so
 * the cost is O(N H W) and the gradient flows back to the images. Images are (N, 1, H, W) in
 * [-1, 1] with ink high; pixels sampled from outside read as background.
 */
public final class StyleJitter {
    private final float shear;
    private final float widthScale;
    private final float degrees;
    private final float shiftFraction;
    private final float weight;

    /**
     * @param shear largest horizontal shear (x += shear * y)
     * @param widthScale largest relative change of width (0.2: 0.8x to 1.2x)
     * @param degrees largest rotation
     * @param shiftFraction largest shift as a fraction of the side
     * @param weight largest blend toward the dilated or eroded ink (0 to 1)
     */
    public StyleJitter(float shear, float widthScale, float degrees, float shiftFraction, float weight) {
        this.shear = shear;
        this.widthScale = widthScale;
        this.degrees = degrees;
        this.shiftFraction = shiftFraction;
        this.weight = weight;
    }

    /** Jitter of the strength InfoGAN's Q reads through. */
    public static StyleJitter standard() {
        return new StyleJitter(0.3f, 0.2f, 8f, 0.06f, 1f);
    }

    /** Jittered copies of {@code images}, drawn from {@code random}; differentiable in the images. */
    public NDArray apply(NDArray images, Random random) {
        Shape s = images.getShape();
        int n = (int) s.get(0);
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        NDManager m = images.getManager();
        int hw = h * w;
        long[][] index = new long[4][n * hw]; // int64: what gather takes
        float[][] coef = new float[4][n * hw];
        float[] grow = new float[n];
        float[] shrink = new float[n];
        for (int i = 0; i < n; i++) {
            warpTable(random, i, h, w, index, coef);
            float amount = random.nextFloat() * weight;
            switch (random.nextInt(3)) {
                case 0 -> grow[i] = amount;
                case 1 -> shrink[i] = amount;
                default -> { } // weight unchanged
            }
        }
        // background 0 so that out-of-range taps (coefficient 0) read as background
        NDArray flat = images.add(Scalars.of(images, 1f)).reshape(n, hw);
        NDArray warped = null;
        for (int k = 0; k < 4; k++) {
            NDArray tap = flat.gather(m.create(index[k], new Shape(n, hw)), 1)
                    .mul(m.create(coef[k], new Shape(n, hw)));
            warped = warped == null ? tap : warped.add(tap);
        }
        NDArray x = warped.reshape(n, 1, h, w).sub(Scalars.of(warped, 1f));
        NDArray dilated = Pool.maxPool2d(x, new Shape(3, 3), new Shape(1, 1), new Shape(1, 1), false);
        NDArray eroded = Pool.maxPool2d(x.neg(), new Shape(3, 3), new Shape(1, 1), new Shape(1, 1), false).neg();
        NDArray g = m.create(grow, new Shape(n, 1, 1, 1));
        NDArray sh = m.create(shrink, new Shape(n, 1, 1, 1));
        return x.add(dilated.sub(x).mul(g)).add(eroded.sub(x).mul(sh));
    }

    /** Bilinear taps of image {@code i}'s random affine warp: output pixel -> 4 source pixels. */
    private void warpTable(Random random, int i, int h, int w, long[][] index, float[][] coef) {
        double a = Math.toRadians((random.nextDouble() * 2 - 1) * degrees);
        double sx = 1 + (random.nextDouble() * 2 - 1) * widthScale;
        double k = (random.nextDouble() * 2 - 1) * shear;
        double tx = (random.nextDouble() * 2 - 1) * shiftFraction * w;
        double ty = (random.nextDouble() * 2 - 1) * shiftFraction * h;
        // forward map: rotate(scale_x(shear(p))); sample the inverse at each output pixel
        double f00 = Math.cos(a) * sx, f01 = Math.cos(a) * sx * k - Math.sin(a);
        double f10 = Math.sin(a) * sx, f11 = Math.sin(a) * sx * k + Math.cos(a);
        double det = f00 * f11 - f01 * f10;
        double i00 = f11 / det, i01 = -f01 / det, i10 = -f10 / det, i11 = f00 / det;
        double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
        int base = i * h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double ox = x - cx - tx, oy = y - cy - ty;
                double srcX = i00 * ox + i01 * oy + cx;
                double srcY = i10 * ox + i11 * oy + cy;
                int x0 = (int) Math.floor(srcX), y0 = (int) Math.floor(srcY);
                double fx = srcX - x0, fy = srcY - y0;
                int o = base + y * w + x;
                tap(0, o, x0, y0, (1 - fx) * (1 - fy), h, w, index, coef);
                tap(1, o, x0 + 1, y0, fx * (1 - fy), h, w, index, coef);
                tap(2, o, x0, y0 + 1, (1 - fx) * fy, h, w, index, coef);
                tap(3, o, x0 + 1, y0 + 1, fx * fy, h, w, index, coef);
            }
        }
    }

    private static void tap(int k, int o, int x, int y, double c, int h, int w, long[][] index, float[][] coef) {
        boolean inside = x >= 0 && x < w && y >= 0 && y < h;
        index[k][o] = inside ? y * w + x : 0;
        coef[k][o] = inside ? (float) c : 0f;
    }
}
