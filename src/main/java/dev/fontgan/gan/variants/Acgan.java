package dev.fontgan.gan.variants;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import dev.fontgan.gan.AdversarialLoss;
import dev.fontgan.gan.Batch;
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

/**
 * Auxiliary-classifier GAN: G(z, y); D has a real/fake head and a K-class head (logits; the
 * cross-entropy applies log-softmax itself). D's class head learns the class of reals, G wants its
 * fakes judged real and of the requested class.
 */
public final class Acgan implements Variant {
    @Override
    public String name() {
        return "acgan";
    }

    @Override
    public String summary() {
        return "auxiliary-classifier GAN: D with real/fake and K-class heads, class CE on logits for G and D";
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
        return Dcgan.players(c, Conditioning.LABEL_TO_GENERATOR, Norm.BATCH, true)
                .optimizers(OptimizerSpec.dcganAdam())
                .build();
    }

    @Override
    public void iterate(Players p, Batch b, Step s) {
        AdversarialLoss adv = AdversarialLoss.NON_SATURATING;
        NDArray fake = s.fakesForCritic(b); // generated for the batch's own labels
        s.updateCritic("d_loss", () -> {
            NDList real = s.criticize(b.images(), null);
            NDList fk = s.criticize(fake, null);
            // the class head learns from reals only: trained on fakes too, it learned whatever G drew
            // for label y as "class y", and G settled on a consistent but wrong mapping (label 0
            // drew a 'b'; 9% of samples read as the requested class after 2,000 steps)
            NDArray cls = Losses.crossEntropy(real.get(2), b.labels());
            s.record("d_class", cls);
            return adv.discriminator(real.get(0), fk.get(0)).add(cls);
        });
        NDArray z = s.latent(b.count());
        NDArray labels = s.randomLabels(b.count());
        s.updateGenerator("g_loss", () -> {
            NDList out = s.criticize(p.generate(z, labels, true), null);
            NDArray cls = Losses.crossEntropy(out.get(2), labels);
            s.record("g_class", cls);
            return adv.generator(out.get(0)).add(cls);
        });
    }
}
