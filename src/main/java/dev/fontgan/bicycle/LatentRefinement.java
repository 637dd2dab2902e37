package dev.fontgan.bicycle;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.fontgan.Progress;
import dev.fontgan.nn.Scalars;
import dev.fontgan.nn.Weights;
import java.util.function.UnaryOperator;

/**
 * GAN inversion of a style: starting from a latent code (the encoder's mean of some reference
 * glyphs), moves z so that G(source of each reference character, z) draws the reference pictures.
 * The encoder reads little font identity (RESULTS.md, BicycleGAN session 7: about two of eight
 * dimensions spread), while G can draw more than E says; a few dozen gradient steps on z alone
 * recover part of it. G runs in eval mode (batch-norm running statistics) with its learned
 * weights frozen, so nothing but z moves.
 *
 * <p>Loss: mean L1 of the drawn references against the pictures, plus {@code anchor} times the
 * mean squared distance of z from the start and {@code prior} times the mean square of z (the
 * N(0, 1) prior's pull), so z stays where G was trained. Steps are Adam's (β 0.9, 0.999) on the
 * nz numbers of z, computed in Java: the update is deterministic.
 */
public final class LatentRefinement {
    /** Steps of {@code render --reference} and {@code bicycle:ref@DIR} unless told (chosen in RESULTS.md, session 10). */
    public static final int DEFAULT_STEPS = 50;
    /** Adam's step size on z. */
    public static final float DEFAULT_RATE = 0.2f;
    /** Pull toward the encoded start code. */
    public static final float DEFAULT_ANCHOR = 0f;
    /** Pull toward the prior's mean. */
    public static final float DEFAULT_PRIOR = 0.01f;

    private LatentRefinement() {}

    /**
     * The default settings with {@code steps} steps; a step count out of range is an error naming
     * the option it came from.
     */
    public static Settings settings(int steps, String option) {
        if (steps < 0 || steps > Settings.MAX_STEPS) {
            throw new dev.fontgan.FontganException(option, "expected 0 to " + Settings.MAX_STEPS + " steps, got " + steps);
        }
        return new Settings(steps, DEFAULT_RATE, DEFAULT_ANCHOR, DEFAULT_PRIOR, 0f);
    }

    /**
     * How a code is refined.
     *
     * @param steps  gradient steps (0: the start code unchanged)
     * @param rate   Adam's step size, in units of z (N(0, 1) has spread 1)
     * @param anchor weight of the pull toward the start code
     * @param prior  weight of the pull toward 0 (the prior's mean)
     * @param feature weight of the L1 between glyph-classifier features of the drawn and the
     *               reference glyphs (0: pixels only; needs a feature function)
     */
    public record Settings(int steps, float rate, float anchor, float prior, float feature) {
        /** Most steps one refinement may take (each is one forward and backward pass of G). */
        public static final int MAX_STEPS = 1000;

        public Settings {
            if (steps < 0 || steps > MAX_STEPS) {
                throw new IllegalArgumentException("steps must be 0 to " + MAX_STEPS + ", got " + steps);
            }
            if (!(rate > 0) || !(anchor >= 0) || !(prior >= 0) || !(feature >= 0) || Float.isInfinite(anchor)
                    || Float.isInfinite(prior) || Float.isInfinite(feature)) {
                throw new IllegalArgumentException("rate must be positive and the weights finite and >= 0");
            }
        }

        /** The same settings with another number of steps. */
        public Settings withSteps(int n) {
            return new Settings(n, rate, anchor, prior, feature);
        }
    }

    /**
     * The refined code.
     *
     * @param z      the code that draws the references best, the start or one after a step
     *               ({@link #bestUpTo} of the last step)
     * @param path   the code before each step and, last, after the last step
     * @param l1     the references' mean L1 (ink in [-1, 1] halved to [0, 1] scale) before each step and,
     *               last, after the last step: {@code steps + 1} values
     */
    public record Result(float[] z, float[] l1, float[][] path) {
        /** The code after {@code step} steps (0: the start code). */
        public float[] zAfter(int step) {
            return path[step].clone();
        }

        /**
         * Of the codes up to {@code step} steps, the one that draws the references best (the
         * earliest on ties): Adam's last step may overshoot a valley's floor.
         */
        public float[] bestUpTo(int step) {
            int best = 0;
            for (int i = 1; i <= step; i++) {
                if (l1[i] < l1[best]) {
                    best = i;
                }
            }
            return path[best].clone();
        }

        public float startL1() {
            return l1[0];
        }

        /** The references' L1 with {@link #z()}. */
        public float endL1() {
            float min = l1[0];
            for (float x : l1) {
                min = Math.min(min, x);
            }
            return min;
        }
    }

    /**
     * Refines a code against reference glyphs.
     *
     * @param source (N, 1, S, S) in [-1, 1]: the source glyph of each reference's character
     * @param target (N, 1, S, S) in [-1, 1]: the reference pictures, framed like the pack's glyphs
     * @param start  the code to start from (nz values)
     * @param progress advanced once per step
     */
    public static Result refine(BicycleModel model, NDArray source, NDArray target, float[] start, Settings settings,
            Progress progress) {
        return refine(model, source, target, new float[][] {start}, settings, null, progress);
    }

    /**
     * Refines the best of several start codes: the one whose drawing of the references has the
     * lowest L1 (the first on ties). Gradient steps find the nearest valley only; starting in the
     * right one (a named style's code rather than the encoder's average) matters more than the steps.
     *
     * @param starts candidate start codes, at least one
     * @param features glyph features for the feature term, (N, 1, S, S) in [-1, 1] -> (N, F), or
     *     null when the settings' feature weight is 0
     */
    public static Result refine(BicycleModel model, NDArray source, NDArray target, float[][] starts,
            Settings settings, UnaryOperator<NDArray> features, Progress progress) {
        if (settings.feature() > 0 && features == null) {
            throw new IllegalArgumentException("a feature weight needs a feature function");
        }
        if (starts.length == 0) {
            throw new IllegalArgumentException("no start code");
        }
        float[] start = starts[0];
        if (starts.length > 1) {
            float best = Float.POSITIVE_INFINITY;
            try (NDManager sub = model.manager().newSubManager()) {
                NDArray src = sub.create(source.toFloatArray(), source.getShape());
                NDArray tgt = sub.create(target.toFloatArray(), target.getShape());
                for (float[] s : starts) {
                    if (s.length != model.latentSize()) {
                        throw new IllegalArgumentException("start code has " + s.length + " values, the latent size is "
                                + model.latentSize());
                    }
                    float l1 = drawnL1(model, src, tgt, s);
                    if (l1 < best) {
                        best = l1;
                        start = s;
                    }
                }
            }
        }
        int nz = model.latentSize();
        if (start.length != nz) {
            throw new IllegalArgumentException("start code has " + start.length + " values, the latent size is " + nz);
        }
        if (!source.getShape().equals(target.getShape())) {
            throw new IllegalArgumentException("source " + source.getShape() + " and target " + target.getShape()
                    + " differ");
        }
        long n = source.getShape().get(0);
        float[] z = start.clone();
        float[] m = new float[nz];
        float[] v = new float[nz];
        float[] l1 = new float[settings.steps() + 1];
        float[][] path = new float[settings.steps() + 1][];
        // copies made in each step's manager: G's outputs attach to its input's manager
        Shape shape = source.getShape();
        float[] sourcePixels = source.toFloatArray();
        float[] targetPixels = target.toFloatArray();
        NDManager base = model.manager();
        // G's weights need no gradient: z alone moves, and weight gradients would cost a third of the pass
        Weights.freezeLearned(model.generator(), true);
        try {
            for (int step = 0; step < settings.steps(); step++) {
                path[step] = z.clone();
                try (NDManager sub = base.newSubManager()) {
                    NDArray src = sub.create(sourcePixels, shape);
                    NDArray tgt = sub.create(targetPixels, shape);
                    NDArray code = sub.create(z, new Shape(1, nz));
                    code.setRequiresGradient(true);
                    float[] grad;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        // (N, 1) x (1, nz): one code for every reference, differentiable back to the (1, nz) leaf
                        NDArray rows = sub.ones(new Shape(n, 1)).matMul(code);
                        NDArray drawn = model.generator().forward(model.parameters(),
                                new NDList(src, rows), false).get(0);
                        NDArray l1Term = drawn.sub(tgt).abs().mean();
                        NDArray loss = Scalars.times(l1Term, 0.5f);
                        if (settings.anchor() > 0) {
                            NDArray from = sub.create(start, new Shape(1, nz));
                            loss = loss.add(Scalars.times(code.sub(from).square().mean(), settings.anchor()));
                        }
                        if (settings.feature() > 0) {
                            NDArray want = features.apply(tgt).stopGradient();
                            NDArray got = features.apply(drawn);
                            loss = loss.add(Scalars.times(got.sub(want).abs().mean(), settings.feature()));
                        }
                        if (settings.prior() > 0) {
                            loss = loss.add(Scalars.times(code.square().mean(), settings.prior()));
                        }
                        gc.backward(loss);
                        l1[step] = l1Term.getFloat() / 2;
                        grad = code.getGradient().toFloatArray();
                    }
                    adam(z, grad, m, v, step + 1, settings.rate());
                }
                progress.advance(1);
            }
            path[settings.steps()] = z.clone();
            try (NDManager sub = base.newSubManager()) {
                l1[settings.steps()] = drawnL1(model, sub.create(sourcePixels, shape), sub.create(targetPixels, shape), z);
            }
        } finally {
            Weights.freezeLearned(model.generator(), false);
        }
        Result r = new Result(null, l1, path);
        return new Result(r.bestUpTo(settings.steps()), l1, path);
    }

    /**
     * The references' mean L1 (on the [0, 1] ink scale) for a code, no gradients; the arrays made
     * on the way attach to the source's manager.
     */
    public static float drawnL1(BicycleModel model, NDArray source, NDArray target, float[] z) {
        NDManager m = source.getManager();
        long n = source.getShape().get(0);
        NDArray rows = m.ones(new Shape(n, 1)).matMul(m.create(z, new Shape(1, z.length)));
        return model.generate(source, rows).sub(target).abs().mean().getFloat() / 2;
    }

    /** One Adam step on z (β 0.9, 0.999, ε 1e-8) with bias correction. */
    private static void adam(float[] z, float[] g, float[] m, float[] v, int t, float rate) {
        double c1 = 1 - Math.pow(0.9, t);
        double c2 = 1 - Math.pow(0.999, t);
        for (int i = 0; i < z.length; i++) {
            if (!Float.isFinite(g[i])) {
                continue; // a non-finite gradient would poison z for good; skip that coordinate's step
            }
            m[i] = 0.9f * m[i] + 0.1f * g[i];
            v[i] = 0.999f * v[i] + 0.001f * g[i] * g[i];
            z[i] -= (float) (rate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8));
        }
    }
}
