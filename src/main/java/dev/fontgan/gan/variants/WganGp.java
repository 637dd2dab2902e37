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

/** WGAN-GP: Wasserstein critic with a gradient penalty on real/fake interpolates, five critic steps. */
public final class WganGp implements Variant {
    @Override
    public String name() {
        return "wgan-gp";
    }

    @Override
    public String summary() {
        return "WGAN-GP: gradient penalty 10 on real/fake interpolates (norm over whole samples), no BN in critic, Adam 1e-4 (0, 0.9)";
    }

    @Override
    public Players build(VariantConfig c) {
        return Dcgan.players(c, Conditioning.NONE, Norm.NONE, false) // no batch norm in a GP critic
                .optimizers(OptimizerSpec.adam(1e-4f, 0f, 0.9f))
                .build();
    }

    @Override
    public void iterate(Players p, Batch b, Step s) {
        GradientPenalty gp = GradientPenalty.interpolates(10f);
        for (int i = 0; i < 5; i++) {
            s.critic(s.batch(i), AdversarialLoss.WASSERSTEIN, gp);
        }
        s.generator(b, AdversarialLoss.WASSERSTEIN);
    }
}
