package dev.fontgan.gan.variants;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import dev.fontgan.gan.AdversarialLoss;
import dev.fontgan.gan.Batch;
import dev.fontgan.gan.Conditioning;
import dev.fontgan.gan.Critic;
import dev.fontgan.gan.OptimizerSpec;
import dev.fontgan.gan.Players;
import dev.fontgan.gan.Step;
import dev.fontgan.gan.Variant;
import dev.fontgan.gan.VariantConfig;
import dev.fontgan.nn.Layers;
import dev.fontgan.nn.Mlp;

/** The original GAN: MLP generator and discriminator, minimax BCE for D, non-saturating G loss. */
public final class Gan implements Variant {
    @Override
    public String name() {
        return "gan";
    }

    @Override
    public String summary() {
        return "original GAN: MLP G and D, minimax BCE, non-saturating generator loss";
    }

    @Override
    public Players build(VariantConfig c) {
        int hidden = 8 * c.width();
        int size = c.sizePx();
        SequentialBlock g = new SequentialBlock()
                .add(Mlp.of(new int[] {hidden, 2 * hidden, size * size}, () -> Layers.leakyRelu(0.2f)))
                .add(Layers.tanh())
                .add(LambdaBlock.singleton(x -> x.reshape(new Shape(-1, 1, size, size)), "toImage"));
        SequentialBlock body = new SequentialBlock()
                .add(Layers.flatten())
                .add(Mlp.of(new int[] {2 * hidden, hidden}, () -> Layers.leakyRelu(0.2f)))
                .add(Layers.leakyRelu(0.2f));
        return Players.builder(c, Conditioning.NONE)
                .generator(g)
                .critic(new Critic(Conditioning.NONE, body, true, c.classCount(), false, size))
                .optimizers(OptimizerSpec.dcganAdam())
                .build();
    }

    @Override
    public void iterate(Players p, Batch b, Step s) {
        s.critic(b, AdversarialLoss.MINIMAX);
        s.generator(b, AdversarialLoss.NON_SATURATING);
    }
}
