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

/** LSGAN: DCGAN nets with least-squares losses (fake target 0, real and generator target 1). */
public final class Lsgan implements Variant {
    @Override
    public String name() {
        return "lsgan";
    }

    @Override
    public String summary() {
        return "least-squares GAN: MSE to targets a=0, b=c=1 on DCGAN nets";
    }

    @Override
    public Players build(VariantConfig c) {
        return Dcgan.players(c, Conditioning.NONE, Norm.BATCH, false)
                .optimizers(OptimizerSpec.dcganAdam())
                .build();
    }

    @Override
    public void iterate(Players p, Batch b, Step s) {
        s.critic(b, AdversarialLoss.LEAST_SQUARES);
        s.generator(b, AdversarialLoss.LEAST_SQUARES);
    }
}
