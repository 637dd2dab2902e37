package dev.fontgan.gan.variants;

import ai.djl.ndarray.NDArray;
import dev.fontgan.gan.AdversarialLoss;
import dev.fontgan.gan.Batch;
import dev.fontgan.gan.ClassPairs;
import dev.fontgan.gan.Conditioning;
import dev.fontgan.gan.GanDataSpec;
import dev.fontgan.gan.Metric;
import dev.fontgan.gan.OptimizerSpec;
import dev.fontgan.gan.Players;
import dev.fontgan.gan.Step;
import dev.fontgan.gan.Variant;
import dev.fontgan.gan.VariantConfig;
import dev.fontgan.nn.Norm;
import dev.fontgan.nn.Scalars;

/**
 * Conditional GAN: a class embedding joins G's noise, and D gets the label as a learned extra channel.
 * G's loss adds the mode-seeking term (MSGAN) on pairs of samples of one class, as ACGAN's does:
 * 30 fonts give only 30 real glyphs per digit and D judges each sample alone, so without it G may
 * draw one glyph per class whatever z, and some classes as fragments (seed 3 of session 8: 63.6%).
 */
public final class Cgan implements Variant {
    /** Weight of the mode-seeking term in G's loss (MSGAN's own). */
    static final float MODE_SEEKING = 1f;

    @Override
    public String name() {
        return "cgan";
    }

    @Override
    public String summary() {
        return "conditional GAN: label embedding fed to both G (with z) and D (as a channel), mode seeking";
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
        return Dcgan.players(c, Conditioning.LABEL, Norm.BATCH, false)
                .optimizers(OptimizerSpec.dcganAdam())
                .build();
    }

    @Override
    public void iterate(Players p, Batch b, Step s) {
        AdversarialLoss adv = AdversarialLoss.NON_SATURATING;
        s.critic(b, adv);
        ClassPairs pairs = ClassPairs.draw(s, b.count() / 2);
        s.updateGenerator("g_loss", () -> {
            NDArray fakes = p.generate(pairs.z(), pairs.labels(), true);
            NDArray ms = pairs.modeSeeking(fakes);
            s.record("g_mode_seeking", ms);
            return adv.generator(s.criticize(fakes, pairs.labels()).get(0)).add(Scalars.times(ms, MODE_SEEKING));
        });
    }
}
