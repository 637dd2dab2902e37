package dev.fontgan.render;

import dev.fontgan.AtomicFile;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A rendered text: the picture, the layout it came from, and what the hand could not write.
 *
 * @param argb         pixels {@code 0xAARRGGBB}, row-major
 * @param alpha        whether transparency matters (transparent background)
 * @param fallbacks    characters written with a fallback font, by that font's name
 * @param unwritable   characters no font could write (left blank, never drawn as boxes)
 */
public record Rendering(int widthPx, int heightPx, int[] argb, boolean alpha, Page page, String handName,
                        Map<String, List<Integer>> fallbacks, List<Integer> unwritable) {

    /** The picture as PNG bytes (equal pixels give equal bytes). */
    public byte[] png() {
        return PngEncoder.encode(argb, widthPx, heightPx, alpha);
    }

    /** Writes the PNG atomically. */
    public void writePng(Path out) {
        AtomicFile.write(out, png());
    }

    public BufferedImage toImage() {
        BufferedImage img = new BufferedImage(widthPx, heightPx,
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, widthPx, heightPx, argb, 0, widthPx);
        return img;
    }

    /** Whether every character was written by the hand itself. */
    public boolean complete() {
        return fallbacks.isEmpty() && unwritable.isEmpty();
    }

    /**
     * One line for the user about characters the hand could not write, or null when there are none.
     */
    public String warning() {
        if (complete()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        int count = unwritable.size() + fallbacks.values().stream().mapToInt(List::size).sum();
        sb.append(handName).append(" cannot write ").append(count).append(count == 1 ? " character" : " characters");
        String sep = ": ";
        for (Map.Entry<String, List<Integer>> e : fallbacks.entrySet()) {
            sb.append(sep).append(chars(e.getValue())).append(" written with ").append(e.getKey());
            sep = "; ";
        }
        if (!unwritable.isEmpty()) {
            sb.append(sep).append(chars(unwritable)).append(" in no shipped font, left blank");
        }
        return sb.toString();
    }

    private static String chars(List<Integer> cps) {
        StringBuilder sb = new StringBuilder();
        for (int cp : cps) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            if (Character.isISOControl(cp) || Renderer.isPrivateOrUnassigned(cp)) {
                sb.append(String.format("U+%04X", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        }
        return sb.toString();
    }
}
