package dev.fontgan.gan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * One training iteration's context: its NDManager (everything made here is freed with it), its
 * random sources, the losses recorded so far, and the two kinds of update. A discriminator update
 * backpropagates its loss and steps D's optimizer; a generator update runs with D frozen, so G's
 * backward never reaches D's gradients, and steps G's optimizer (and the auxiliary network's).
 * Either update is skipped when a gradient or its square is not finite ({@link UpdateGuard}).
 */
public final class Step {
    private final Players players;
    private final NDManager manager;
    private final long iteration;
    private final Random random;
    private final Map<String, Float> losses = new LinkedHashMap<>();
    private final GanData data;
    private final Batch batch;
    private final UpdateGuard guard;

    Step(Players players, NDManager manager, long iteration, long seed, GanData data, Batch batch) {
        this(players, manager, iteration, seed, data, batch, new UpdateGuard("gan train"));
    }

    /** @param guard the run's guard: skips updates whose gradients (or their squares) are not finite */
    Step(Players players, NDManager manager, long iteration, long seed, GanData data, Batch batch, UpdateGuard guard) {
        this.guard = guard;
        this.players = players;
        this.manager = manager;
        this.iteration = iteration;
        this.random = new Random(seed * 0x9E3779B97F4A7C15L + iteration);
        this.data = data;
        this.batch = batch;
    }

    /**
     * The k-th real batch of this iteration (for several critic updates per generator update):
     * k = 0 is the iteration's own batch; later ones are drawn by a pure function of (iteration, k),
     * so resumed runs see the same data.
     */
    public Batch batch(int k) {
        if (k == 0) {
            return batch;
        }
        return data.batch(Long.MAX_VALUE / 4 + iteration * 16 + k, batch.count(), manager);
    }

    public NDManager manager() {
        return manager;
    }

    /** 0-based iteration number. */
    public long iteration() {
        return iteration;
    }

    /** A host random source seeded by (seed, iteration). */
    public Random random() {
        return random;
    }

    /** Losses recorded by this iteration, in order. */
    public Map<String, Float> losses() {
        return losses;
    }

    /** Records a value for the metrics log (the last value of a name wins). */
    public void record(String name, NDArray value) {
        losses.put(name, value.getFloat());
    }

    /** Standard normal noise (n, Z). */
    public NDArray latent(int n) {
        return manager.randomNormal(new Shape(n, players.config().latentDim()));
    }

    /** Uniform random class labels int32 (n). */
    public NDArray randomLabels(int n) {
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = random.nextInt(players.config().classCount());
        }
        return manager.create(l);
    }

    /** The generator's input for a batch: sources for image conditioning, else fresh noise. */
    public NDArray generatorInput(Batch b) {
        return players.conditioning() == Conditioning.IMAGE ? b.sources() : latent(b.count());
    }

    /** The critic's conditioning for a batch: its labels or sources (null when unconditional). */
    public NDArray criticCondition(Batch b) {
        return switch (players.conditioning()) {
            case LABEL, LABEL_PROJECTION -> b.labels();
            case IMAGE -> b.sources();
            default -> null;
        };
    }

    /**
     * Generated images for a D step: the batch's own labels or sources, no graph to G.
     * @return (N, 1, H, W) in [-1, 1]
     */
    public NDArray fakesForCritic(Batch b) {
        return players.generate(generatorInput(b), b.labels(), true).stopGradient();
    }

    /** Backpropagates D's loss, steps D's optimizer, then applies the regularizers' constraints. */
    public float updateCritic(String name, Supplier<NDArray> loss, Regularizer... regularizers) {
        float value;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray l = loss.get();
            gc.backward(l);
            value = l.getFloat();
        }
        guard.apply(players.criticSpec().rate().at(iteration), players.criticOptimizer());
        for (Regularizer r : regularizers) {
            r.afterUpdate(players);
        }
        losses.put(name, value);
        return value;
    }

    /**
     * Backpropagates G's loss with D frozen and steps G's optimizer and, when there is one, the
     * auxiliary network's; then updates G's moving average.
     */
    public float updateGenerator(String name, Supplier<NDArray> loss) {
        float value;
        Players.freeze(players.critic(), true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray l = loss.get();
            gc.backward(l);
            value = l.getFloat();
        } finally {
            Players.freeze(players.critic(), false);
        }
        float rate = players.generatorSpec().rate().at(iteration);
        boolean applied = players.auxiliaryOptimizer() == null
                ? guard.apply(rate, players.generatorOptimizer())
                : guard.apply(rate, players.generatorOptimizer(), players.auxiliaryOptimizer());
        if (applied && players.average() != null) {
            players.average().update();
        }
        losses.put(name, value);
        return value;
    }

    /**
     * The plain discriminator update: objective on D(real) vs D(G(z)) plus regularizer penalties.
     * @return D's total loss
     */
    public float critic(Batch b, GanObjective objective, Regularizer... regularizers) {
        NDArray fake = fakesForCritic(b);
        NDArray condition = criticCondition(b);
        return updateCritic("d_loss", () -> {
            NDArray real = players.criticize(b.images(), condition, true).get(0);
            NDArray fk = players.criticize(fake, condition, true).get(0);
            NDArray loss = objective.discriminator(real, fk);
            losses.put("d_adv", loss.getFloat());
            for (Regularizer r : regularizers) {
                NDArray p = r.penalty(players, b.images(), fake, condition);
                if (p != null) {
                    losses.put(r.name(), p.getFloat());
                    loss = loss.add(p);
                }
            }
            return loss;
        }, regularizers);
    }

    /**
     * The plain generator update: objective on D(G(z)), with fresh noise and random labels.
     * @return G's loss
     */
    public float generator(Batch b, GanObjective objective) {
        NDArray labels = players.conditioning().generatorTakesLabels() ? randomLabels(b.count()) : null;
        NDArray input = generatorInput(b);
        NDArray condition = players.conditioning().discriminatorTakesLabels() ? labels : criticCondition(b);
        return updateGenerator("g_loss", () -> {
            NDArray fake = players.generate(input, labels, true);
            return objective.generator(players.criticize(fake, condition, true).get(0));
        });
    }

    /** The critic's outputs on images (scores, features, [class logits]). */
    public NDList criticize(NDArray images, NDArray condition) {
        return players.criticize(images, condition, true);
    }
}
