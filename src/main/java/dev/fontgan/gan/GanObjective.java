package dev.fontgan.gan;

import ai.djl.ndarray.NDArray;

/** An adversarial objective: the two players' losses from the discriminator's raw outputs. */
public interface GanObjective {
    /**
     * @param real D's outputs on real samples, any shape
     * @param fake D's outputs on generated samples, same shape
     * @return 0-d loss for the discriminator
     */
    NDArray discriminator(NDArray real, NDArray fake);

    /**
     * @param fake D's outputs on generated samples, any shape
     * @return 0-d loss for the generator
     */
    NDArray generator(NDArray fake);
}
