package dev.fontgan.gan.variants;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import dev.fontgan.gan.AdversarialLoss;
import dev.fontgan.gan.Batch;
import dev.fontgan.gan.ClassPairs;
import dev.fontgan.gan.Conditioning;
import dev.fontgan.gan.GanDataSpec;
import dev.fontgan.gan.Losses;
import dev.fontgan.gan.Metric;
import dev.fontgan.gan.OptimizerSpec;
import dev.fontgan.gan.Players;
import dev.fontgan.gan.Step;
import dev.fontgan.gan.Variant;
import dev.fontgan.gan.VariantConfig;
import dev.fontgan.nn.Norm;
import dev.fontgan.nn.Scalars;

/**
 * Auxiliary-classifier GAN: G(z, y); D has a real/fake head and a K-class head (logits; the
 * cross-entropy applies log-softmax itself). D's class head learns the class of reals, G wants its
 * fakes judged real and of the requested class. D's real/fake score also carries a projection term
 * {@code <embed(y), features>} (Miyato and Koyama 2018), so "real" means "a real glyph of class y".
 * G's batch is pairs of samples of one class, and a mode-seeking term (MSGAN) makes the two differ
 * as their noise does: without it G drew one glyph per class whatever z.
 */
public final class Acgan implements Variant {
    /** Weight of the mode-seeking term in G's loss (MSGAN's own). */
    static final float MODE_SEEKING = 1f;

    @Override
    public String name() {
        return "acgan";
    }

    @Override
    public String summary() {
        return "auxiliary-classifier GAN: D with real/fake (with class projection) and K-class heads, class CE for G and D, mode seeking";
    }

    @Override
    public String defaultChars() {
        return GanDataSpec.DIGITS; // a class set whose characters are told apart after ink normalization
    }

    @Override
    public Metric metric() {
        return Metric.CLASS_ACCURACY;
    }

    @Override
    public Players build(VariantConfig c) {
        return Dcgan.players(c, Conditioning.LABEL_PROJECTION, Norm.BATCH, true)
                .optimizers(OptimizerSpec.dcganAdam())
                .build();
    }

    @Override
    public void iterate(Players p, Batch b, Step s) {
        AdversarialLoss adv = AdversarialLoss.NON_SATURATING;
        NDArray fake = s.fakesForCritic(b); // generated for the batch's own labels
        s.updateCritic("d_loss", () -> {
            NDList real = s.criticize(b.images(), b.labels());
            NDList fk = s.criticize(fake, b.labels());
            // the class head learns from reals only: trained on fakes too, it learned whatever G drew
            // for label y as "class y", and G settled on a consistent but wrong mapping (8% of
            // digits read as the requested class after 2,000 steps, each label drawing another digit)
            NDArray cls = Losses.crossEntropy(real.get(2), b.labels());
            s.record("d_class", cls);
            return adv.discriminator(real.get(0), fk.get(0)).add(cls);
        });
        ClassPairs pairs = ClassPairs.draw(s, b.count() / 2);
        s.updateGenerator("g_loss", () -> {
            // without the projection the reals-only class head was easy to satisfy with malformed
            // glyphs (a '2' like '?', a '9' blob: 84% after 2,000 steps); conditional batch norm in
            // G and a minibatch-spread channel in D made it worse (51%)
            NDArray fakes = p.generate(pairs.z(), pairs.labels(), true);
            NDList out = s.criticize(fakes, pairs.labels());
            NDArray cls = Losses.crossEntropy(out.get(2), pairs.labels());
            s.record("g_class", cls);
            NDArray ms = pairs.modeSeeking(fakes);
            s.record("g_mode_seeking", ms);
            return adv.generator(out.get(0)).add(cls).add(Scalars.times(ms, MODE_SEEKING));
        });
    }
}
