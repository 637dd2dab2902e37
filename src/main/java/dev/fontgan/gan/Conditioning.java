package dev.fontgan.gan;

/** What the two players see besides noise and images. */
public enum Conditioning {
    /** G(z), D(x). */
    NONE,
    /** G(z, y), D(x, y): class label given to both (CGAN). */
    LABEL,
    /** G(z, y), D(x): the label reaches D only through an auxiliary classifier head (ACGAN). */
    LABEL_TO_GENERATOR,
    /**
     * G(z, y), D(x, y) through a projection term only (no label channel): the score gains
     * {@code <embed(y), features>} beside an auxiliary classifier head (ACGAN).
     */
    LABEL_PROJECTION,
    /** G(source), D(source, x): image-to-image (pix2pix); no noise input. */
    IMAGE;

    public boolean generatorTakesLabels() {
        return this == LABEL || this == LABEL_TO_GENERATOR || this == LABEL_PROJECTION;
    }

    public boolean discriminatorTakesLabels() {
        return this == LABEL || this == LABEL_PROJECTION;
    }
}
