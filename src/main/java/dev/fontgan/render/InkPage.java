package dev.fontgan.render;

import java.util.List;
import java.util.Map;

/**
 * The ink of a rendered text before paper and colour: what {@link Renderer#renderInk} returns.
 *
 * @param coverage   ink coverage, row-major {@code widthPx * heightPx}, 0 = paper, 255 = full ink
 * @param page       where every glyph landed
 * @param fallbacks  characters written with a fallback font, by that font's name
 * @param unwritable characters no font could write (left blank)
 */
public record InkPage(int widthPx, int heightPx, byte[] coverage, Page page,
                      Map<String, List<Integer>> fallbacks, List<Integer> unwritable) {}
