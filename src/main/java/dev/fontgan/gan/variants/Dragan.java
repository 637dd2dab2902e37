package dev.fontgan.gan.variants;

import dev.fontgan.gan.AdversarialLoss;
import dev.fontgan.gan.Batch;
import dev.fontgan.gan.Conditioning;
import dev.fontgan.gan.GradientPenalty;
import dev.fontgan.gan.OptimizerSpec;
import dev.fontgan.gan.Players;
import dev.fontgan.gan.Step;
import dev.fontgan.gan.Variant;
import dev.fontgan.gan.VariantConfig;
import dev.fontgan.gan.WeightClip;
import dev.fontgan.nn.Norm;

/** DRAGAN: the non-saturating GAN with a gradient penalty in a noisy neighbourhood of the real data. */
public final class Dragan implements Variant {
    @Override
    public String name() {
        return "dragan";
    }

    @Override
    public String summary() {
        return "DRAGAN: vanilla GAN loss + gradient penalty 10 around perturbed reals (norm over whole samples)";
    }

    @Override
    public Players build(VariantConfig c) {
        return Dcgan.players(c, Conditioning.NONE, Norm.NONE, false)
                .optimizers(OptimizerSpec.dcganAdam())
                .build();
    }

    @Override
    public void iterate(Players p, Batch b, Step s) {
        s.critic(b, AdversarialLoss.NON_SATURATING, GradientPenalty.perturbedReals(10f));
        s.generator(b, AdversarialLoss.NON_SATURATING);
    }
}
