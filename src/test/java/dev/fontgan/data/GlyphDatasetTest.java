package dev.fontgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.fontgan.FontganException;
import dev.fontgan.Progress;
import dev.fontgan.TestFonts;
import dev.fontgan.TorchRuntime;
import dev.fontgan.glyph.Normalization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlyphDatasetTest {
    static final String CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789字";

    @TempDir Path tmp;

    GlyphDataset build(Path out) {
        GlyphDataset.Recipe r = new GlyphDataset.Recipe(TestFonts.path(TestFonts.DEJAVU_SANS).toString(),
                List.of(TestFonts.path(TestFonts.LIBERATION_SERIF).toString(), TestFonts.path(TestFonts.COMIC_NEUE).toString()),
                CHARS, 32, Normalization.INK, 5);
        return GlyphDataset.build(r, out, Progress.NONE);
    }

    @Test
    void buildThenOpenGivesTheSameGlyphs() {
        Path out = tmp.resolve("data");
        GlyphDataset built = build(out);
        GlyphDataset ds = GlyphDataset.open(out);
        assertEquals(32, ds.sizePx());
        assertEquals(2, ds.styleCount());
        assertEquals(2, ds.styleNames().size());
        assertNotEquals(ds.styleNames().get(0), ds.styleNames().get(1), "style names are unique slugs");
        assertTrue(ds.styleNames().get(1).contains("comic"), ds.styleNames().toString());
        assertEquals(CHARS.codePointCount(0, CHARS.length()), ds.charsetSize());
        int total = 0;
        for (Split s : Split.values()) {
            assertArrayEquals(built.codePoints(s), ds.codePoints(s));
            total += ds.codePoints(s).length;
        }
        assertEquals(62, total, "字 is in no font here, so it is in no split");
        assertEquals(1, ds.sourceEntry().missing());
        assertNull(ds.source('字'));
        assertArrayEquals(built.target(1, 'g'), ds.target(1, 'g'));
        assertEquals(32 * 32, ds.target(0, 'A').length);
        assertTrue(ds.sourceFontPath().toString().endsWith("DejaVuSans.ttf"));
    }

    @Test
    void rebuildReplacesAndFailedBuildLeavesNothing() throws Exception {
        Path out = tmp.resolve("data");
        build(out);
        build(out); // replacing an existing dataset is allowed
        assertNotNull(GlyphDataset.open(out));
        Path bad = tmp.resolve("bad");
        Path broken = tmp.resolve("broken.ttf");
        Files.write(broken, new byte[] {0, 1, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        GlyphDataset.Recipe r = new GlyphDataset.Recipe(TestFonts.path(TestFonts.DEJAVU_SANS).toString(),
                List.of(broken.toString()), CHARS, 32, Normalization.INK, 5);
        assertThrows(FontganException.class, () -> GlyphDataset.build(r, bad, Progress.NONE));
        assertFalse(Files.exists(bad));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of("broken.ttf", "data"), s.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary folders left behind");
        }
    }

    @Test
    void tamperedStoreIsRefusedOnOpen() throws Exception {
        Path out = tmp.resolve("data");
        build(out);
        Files.copy(out.resolve("target-00.fggs"), out.resolve("target-01.fggs"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        FontganException e = assertThrows(FontganException.class, () -> GlyphDataset.open(out));
        assertTrue(e.where().endsWith("target-01.fggs"), e.where());
    }

    @Test
    void pairedBatchesHaveShapesRangeAndSeededOrder() {
        TorchRuntime.configure();
        GlyphDataset ds = build(tmp.resolve("data"));
        PairedGlyphs train = new PairedGlyphs(ds, Split.TRAIN);
        assertEquals(2 * ds.codePoints(Split.TRAIN).length, train.size(), "both styles have every letter");
        List<Integer> a = order(train.epoch(8, 11));
        assertEquals(a, order(train.epoch(8, 11)), "same seed, same order");
        assertNotEquals(a, order(train.epoch(8, 12)), "another seed, another order");
        assertEquals(train.size() / 8 * 8, a.size(), "full batches only");
        PairedBatch b = train.epoch(8, 11).next();
        assertEquals(8, b.count());
        for (int i = 0; i < b.count(); i++) {
            assertArrayEquals(ds.source(b.codePoints()[i]), Arrays.copyOfRange(b.source(), i * 1024, (i + 1) * 1024));
            assertArrayEquals(ds.target(b.styleIds()[i], b.codePoints()[i]),
                    Arrays.copyOfRange(b.target(), i * 1024, (i + 1) * 1024));
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray src = b.sourceArray(m);
            NDArray tgt = b.targetArray(m);
            assertEquals(new Shape(8, 1, 32, 32), src.getShape());
            assertEquals(DataType.FLOAT32, tgt.getDataType());
            assertEquals(-1f, src.min().getFloat(), 1e-6, "paper is -1");
            assertTrue(src.max().getFloat() > 0.99f, "full ink is about +1");
            assertEquals(DataType.INT32, b.styleArray(m).getDataType());
            assertEquals(new Shape(8), b.styleArray(m).getShape());
            float[] f = src.toFloatArray();
            assertEquals((b.source()[100] & 0xff) / 127.5f - 1f, f[100], 1e-6);
            assertArrayEquals(b.source(), GlyphTensors.toPixels(src));
        }
    }

    @Test
    void balancedSamplesRepeatSmallStylesUpToTheirShare() {
        String chars = "天地玄黄宇宙洪荒日月盈辰宿列张寒来暑往秋收冬藏余成岁律调阳云腾致雨露结为霜金生丽水玉出冈剑号巨珠称夜光果珍李菜重姜海咸河淡abc";
        GlyphDataset.Recipe r = new GlyphDataset.Recipe(TestFonts.path(TestFonts.WQY_MICROHEI).toString(),
                List.of(TestFonts.path(TestFonts.NOTO_SERIF_CJK).toString(), TestFonts.path(TestFonts.COMIC_NEUE).toString()),
                chars, 32, Normalization.INK, 5);
        GlyphDataset ds = GlyphDataset.build(r, tmp.resolve("mixed"), Progress.NONE);
        PairedGlyphs all = new PairedGlyphs(ds, Split.TRAIN);
        int[] plain = new int[2];
        for (int i = 0; i < all.size(); i++) {
            plain[all.styleId(i)]++;
        }
        assertTrue(plain[1] > 0 && plain[1] * 4 < plain[0], "the Latin hand has far fewer glyphs");
        int[] pool = all.balancedSamples(0.5);
        int[] seen = new int[2];
        for (int i : pool) {
            seen[all.styleId(i)]++;
        }
        assertEquals(plain[0], seen[0], "the largest style is not repeated");
        assertTrue(seen[1] >= plain[0] / 2 && seen[1] < plain[0] / 2 + plain[1], "small style repeated to half: " + seen[1]);
        assertArrayEquals(PairedGlyphs.shuffled(pool, 3), PairedGlyphs.shuffled(pool, 3));
    }

    @Test
    void prefetcherKeepsTheOrder() {
        GlyphDataset ds = build(tmp.resolve("data"));
        PairedGlyphs train = new PairedGlyphs(ds, Split.TRAIN);
        List<Integer> plain = order(train.epoch(4, 3));
        List<Integer> pre = new ArrayList<>();
        try (Prefetcher<PairedBatch> p = new Prefetcher<>(train.epoch(4, 3))) {
            pre = order(p);
        }
        assertEquals(plain, pre);
    }

    private static List<Integer> order(Iterator<PairedBatch> it) {
        List<Integer> out = new ArrayList<>();
        while (it.hasNext()) {
            PairedBatch b = it.next();
            for (int i = 0; i < b.count(); i++) {
                out.add(b.codePoints()[i] * 8 + b.styleIds()[i]);
            }
        }
        return out;
    }
}
