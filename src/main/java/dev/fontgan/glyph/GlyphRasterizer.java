package dev.fontgan.glyph;

import dev.fontgan.FontganException;
import dev.fontgan.Progress;
import dev.fontgan.font.FontFile;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Draws glyph outlines into antialiased grayscale squares with Java2D (headless, exact, unhinted).
 * Thread-safe: each thread reuses its own canvas (one image and one Graphics2D), and
 * {@link #rasterizeAll} spreads a batch of characters over a fixed number of threads.
 */
public final class GlyphRasterizer {
    public static final int MIN_SIZE_PX = 8;
    public static final int MAX_SIZE_PX = 1024;

    private final int sizePx;
    private final Normalization normalization;
    private final int threads;
    private final ThreadLocal<Canvas> canvases;

    /** A rasterizer using all available cores for batches. */
    public GlyphRasterizer(int sizePx, Normalization normalization) {
        this(sizePx, normalization, Runtime.getRuntime().availableProcessors());
    }

    public GlyphRasterizer(int sizePx, Normalization normalization, int threads) {
        if (sizePx < MIN_SIZE_PX || sizePx > MAX_SIZE_PX) {
            throw new FontganException("--size", "image size " + sizePx + " px outside "
                    + MIN_SIZE_PX + ".." + MAX_SIZE_PX);
        }
        this.sizePx = sizePx;
        this.normalization = normalization;
        this.threads = Math.max(1, threads);
        this.canvases = ThreadLocal.withInitial(() -> new Canvas(sizePx));
    }

    public int sizePx() {
        return sizePx;
    }

    public Normalization normalization() {
        return normalization;
    }

    public int threads() {
        return threads;
    }

    /** Ink margin of the INK normalization: max(1, size/16) px. */
    public int marginPx() {
        return Math.max(1, sizePx / 16);
    }

    /** Rasterizes one character; null when the font lacks it (unmapped, .notdef or empty outline). */
    public GlyphImage rasterize(FontFile font, int codePoint) {
        FontFile.Glyph g = font.glyph(codePoint);
        if (g.outline() == null) {
            return null;
        }
        GlyphImage.Placement placement = place(font, g);
        byte[] pixels = canvases.get().draw(g.outline(), placement);
        return new GlyphImage(codePoint, sizePx, pixels, placement);
    }

    /**
     * Rasterizes many characters on {@link #threads()} threads; the result is in the order of
     * {@code codePoints}, with null for characters the font lacks. Reports one unit per character.
     */
    public GlyphImage[] rasterizeAll(FontFile font, int[] codePoints, Progress progress) {
        GlyphImage[] out = new GlyphImage[codePoints.length];
        if (threads == 1 || codePoints.length < 64) {
            for (int i = 0; i < codePoints.length; i++) {
                out[i] = rasterize(font, codePoints[i]);
                progress.advance(1);
            }
            return out;
        }
        int chunk = 64;
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "fontgan-raster");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                work.add(pool.submit(() -> {
                    for (int start = next.getAndAdd(chunk); start < codePoints.length; start = next.getAndAdd(chunk)) {
                        int end = Math.min(codePoints.length, start + chunk);
                        for (int i = start; i < end; i++) {
                            out[i] = rasterize(font, codePoints[i]);
                        }
                        synchronized (progress) {
                            progress.advance(end - start);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rasterizing", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    /** Where the font's coordinates land in the image for this normalization. */
    GlyphImage.Placement place(FontFile font, FontFile.Glyph g) {
        if (normalization == Normalization.EM) {
            double emHeight = Math.max(font.unitsPerEm(), font.ascender() - (double) font.descender());
            double scale = sizePx / emHeight;
            double baseline = font.ascender() * scale + (sizePx - (font.ascender() - font.descender()) * scale) / 2;
            double originX = (sizePx - g.advanceWidth() * scale) / 2;
            return new GlyphImage.Placement(scale, originX, baseline);
        }
        Rectangle2D ink = g.inkBounds();
        double box = sizePx - 2.0 * marginPx();
        double scale = box / Math.max(ink.getWidth(), ink.getHeight());
        double originX = sizePx / 2.0 - ink.getCenterX() * scale;
        double baseline = sizePx / 2.0 + ink.getCenterY() * scale;
        return new GlyphImage.Placement(scale, originX, baseline);
    }

    /** One thread's drawing surface: white ink on black, so the raster bytes are ink coverage. */
    private static final class Canvas {
        final BufferedImage image;
        final Graphics2D g;
        final byte[] data;
        final AffineTransform transform = new AffineTransform();

        Canvas(int sizePx) {
            image = new BufferedImage(sizePx, sizePx, BufferedImage.TYPE_BYTE_GRAY);
            data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE);
        }

        byte[] draw(Shape outline, GlyphImage.Placement p) {
            Arrays.fill(data, (byte) 0);
            transform.setTransform(p.pxPerUnit(), 0, 0, -p.pxPerUnit(), p.originXPx(), p.baselinePx());
            g.setTransform(transform);
            g.fill(outline);
            return data.clone();
        }
    }
}
