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

/** WGAN: a linear-output critic kept Lipschitz by clipping weights to [-0.01, 0.01], five critic updates per generator update, RMSprop 5e-5. */
public final class Wgan implements Variant {
    @Override
    public String name() {
        return "wgan";
    }

    @Override
    public String summary() {
        return "Wasserstein GAN: critic without sigmoid, weights clipped to 0.01, 5 critic steps, RMSprop 5e-5";
    }

    @Override
    public Players build(VariantConfig c) {
        return Dcgan.players(c, Conditioning.NONE, Norm.BATCH, false)
                .optimizers(OptimizerSpec.rmsprop(5e-5f))
                .build();
    }

    @Override
    public void iterate(Players p, Batch b, Step s) {
        WeightClip clip = new WeightClip(0.01f);
        for (int i = 0; i < 5; i++) {
            s.critic(s.batch(i), AdversarialLoss.WASSERSTEIN, clip);
        }
        s.generator(b, AdversarialLoss.WASSERSTEIN);
    }
}
