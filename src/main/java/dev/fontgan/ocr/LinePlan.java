package dev.fontgan.ocr;

/**
 * Everything that decides one line image: drawn from the sample's seed by {@link SamplePlanner},
 * recorded in the manifest, and turned into pixels by {@link LineRenderer} with no other input.
 *
 * @param index        the sample's place in the dataset
 * @param seed         the sample's own seed (derived from the dataset seed and the index); also
 *                     the seed of the handwriting jitter
 * @param text         the label: exactly the characters drawn
 * @param style        name of the style that writes it
 * @param substitute   whether characters the style lacks are written by a fallback font
 * @param heightPx     output height
 * @param aug          the drawn variations
 * @param skippedTexts texts drawn before this one and rejected by the coverage guard
 * @param restyled     whether the drawn style could not write the text and another was chosen
 * @param substituted  characters written by a fallback font
 * @param dropped      characters no style or font could write, removed from text and label
 * @param styleSeed    for a style that is a family (a BicycleGAN pack's random styles), the seed
 *                     of the member writing this line; null otherwise
 * @param uppercased   whether lowercase letters were made capitals because the style writes only
 *                     capitals (the label says what the picture shows)
 */
public record LinePlan(long index, long seed, String text, String style, boolean substitute, int heightPx,
                       Augmentation aug, int skippedTexts, boolean restyled, int substituted, int dropped,
                       Long styleSeed, boolean uppercased) {
    /** A plan whose style is one fixed hand, its text as drawn. */
    public LinePlan(long index, long seed, String text, String style, boolean substitute, int heightPx,
                    Augmentation aug, int skippedTexts, boolean restyled, int substituted, int dropped) {
        this(index, seed, text, style, substitute, heightPx, aug, skippedTexts, restyled, substituted, dropped, null,
                false);
    }
}
