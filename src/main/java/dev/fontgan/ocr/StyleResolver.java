package dev.fontgan.ocr;

import java.util.List;

/**
 * Turns one entry of {@code --styles} ({@code KIND:SELECTOR}) into styles. Fonts resolve through
 * {@link FontStyles}; a style pack plugs in here with its own kind ({@code default}, {@code pack},
 * {@code bicycle}) and returns a style per pack style, its hand being the pack's generator.
 */
@FunctionalInterface
public interface StyleResolver {
    /** Styles for the selector, each to get an equal part of {@code weight}. */
    List<Style> resolve(String selector, double weight);
}
