package dev.fontgan.gan.variants;

import dev.fontgan.gan.AdversarialLoss;
import dev.fontgan.gan.Batch;
import dev.fontgan.gan.Conditioning;
import dev.fontgan.gan.GanDataSpec;
import dev.fontgan.gan.Metric;
import dev.fontgan.gan.OptimizerSpec;
import dev.fontgan.gan.Players;
import dev.fontgan.gan.Step;
import dev.fontgan.gan.Variant;
import dev.fontgan.gan.VariantConfig;
import dev.fontgan.nn.Norm;

/** Conditional GAN: a class embedding joins G's noise, and D gets the label as a learned extra channel. */
public final class Cgan implements Variant {
    @Override
    public String name() {
        return "cgan";
    }

    @Override
    public String summary() {
        return "conditional GAN: label embedding fed to both G (with z) and D (as a channel)";
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
        s.critic(b, AdversarialLoss.NON_SATURATING);
        s.generator(b, AdversarialLoss.NON_SATURATING);
    }
}
