package dev.fontgan.style;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.fontgan.AtomicFile;
import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.TorchRuntime;
import dev.fontgan.font.FontFile;
import dev.fontgan.font.ShippedFiles;
import dev.fontgan.glyph.GlyphImage;
import dev.fontgan.glyph.Normalization;
import dev.fontgan.nn.MatmulPeak;
import dev.fontgan.nn.Weights;
import dev.fontgan.zi2zi.Zi2ziFlops;
import dev.fontgan.zi2zi.Zi2ziArch;
import dev.fontgan.zi2zi.Zi2ziGenerator;
import dev.fontgan.zi2zi.Zi2ziGeneratorSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Generation throughput of a pack: glyphs per second for whole batches, end to end (rasterizing
 * the source glyphs and the forward pass) and for the forward pass alone; the median of timed
 * runs after warm-up.
 */
public final class InferenceBenchmark {
    /** The shipped source font a random pack is built over. */
    static final String SOURCE_FONT = "fonts/wqy-microhei/wqy-microhei.ttc";

    private InferenceBenchmark() {}

    /**
     * Times {@code runs} rounds of {@code batches} batches of {@code batch} glyphs each.
     */
    public static Map<String, Object> run(StylePack pack, int batch, int batches, int warmup, int runs) {
        int[] chars = pack.manifest().codePoints().length > 0 ? pack.manifest().codePoints()
                : "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生".codePoints().toArray();
        int[] writable = Arrays.stream(chars).filter(pack::canWrite).toArray();
        if (writable.length == 0) {
            throw new FontganException(pack.where(), "the pack's source font has none of its characters");
        }
        int[] cps = new int[batch * batches];
        for (int i = 0; i < cps.length; i++) {
            cps[i] = writable[i % writable.length];
        }
        StyleMix mix = StyleMix.of(pack.styles().get(0).name());
        double[] total = new double[runs];
        double[] forward = new double[runs];
        double[] raster = new double[runs];
        double[] forwardCpu = new double[runs];
        for (int r = -warmup; r < runs; r++) {
            long t0 = System.nanoTime();
            GlyphImage[] sources = pack.sources(cps);
            long t1 = System.nanoTime();
            long c1 = MatmulPeak.processCpuNanos();
            pack.generate(sources, mix, batch);
            long t2 = System.nanoTime();
            long c2 = MatmulPeak.processCpuNanos();
            if (r >= 0) {
                raster[r] = (t1 - t0) / 1e9;
                forward[r] = (t2 - t1) / 1e9;
                total[r] = (t2 - t0) / 1e9;
                forwardCpu[r] = (c2 - c1) / 1e9;
            }
        }
        double t = median(total);
        Zi2ziGeneratorSpec spec = Zi2ziGeneratorSpec.fromJson(pack.manifest().generator(), pack.where());
        long flopsPerGlyph = pack.folded() ? Zi2ziFlops.generatorForwardFolded(spec, pack.sizePx())
                : Zi2ziFlops.generatorForward(spec, pack.sizePx());
        double forwardPerS = cps.length / median(forward);
        double forwardPerCpuS = cps.length / median(forwardCpu);
        MatmulPeak.Result peak1 = MatmulPeak.measure(2048, 1, 3);
        MatmulPeak.Result peak2 = MatmulPeak.measure(2048, 2, 3);
        double f = median(forward);
        double ra = median(raster);
        return Json.obj("glyphs_per_s", cps.length / t, "forward_glyphs_per_s", cps.length / f,
                "raster_glyphs_per_s", cps.length / ra,
                "folded", pack.folded(),
                "flops_per_glyph", flopsPerGlyph,
                "flops_per_glyph_as_trained", Zi2ziFlops.generatorForward(spec, pack.sizePx()),
                "forward_gflops_per_s", forwardPerS * flopsPerGlyph / 1e9,
                "peak_gflops_1_thread", peak1.perSecond(), "peak_gflops_2_threads", peak2.perSecond(),
                "forward_fraction_of_peak", forwardPerS * flopsPerGlyph / 1e9 / peak2.perSecond(),
                "forward_gflops_per_cpu_s", forwardPerCpuS * flopsPerGlyph / 1e9,
                "peak_gflops_per_cpu_s", peak1.perCpuSecond(),
                "forward_fraction_of_peak_per_cpu_s", forwardPerCpuS * flopsPerGlyph / 1e9 / peak1.perCpuSecond(),
                // CPU seconds are what a loaded shared machine cannot steal: compare these across sittings.
                "forward_glyphs_per_cpu_s", forwardPerCpuS, "ms_per_batch", 1000 * t / batches,
                "forward_ms_per_batch", 1000 * f / batches, "batch", batch, "glyphs_per_run", cps.length,
                "runs", runs, "warmup", warmup, "size_px", pack.sizePx(), "arch", pack.manifest().arch(),
                "pack", pack.where(), "trained", !pack.manifest().training().isEmpty(),
                "g_params", pack.generatorParameterCount(),
                "threads", System.getProperty("ai.djl.pytorch.num_threads"));
    }

    /**
     * A pack of a freshly initialized generator (untrained) over the shipped source font, for
     * timing an architecture before a trained pack exists.
     */
    public static StylePack randomPack(Zi2ziArch arch, int styles, int sizePx, long seed) {
        TorchRuntime.configure();
        Path fontPath = ShippedFiles.resolve(SOURCE_FONT);
        byte[] font;
        try {
            font = Files.readAllBytes(fontPath);
        } catch (IOException e) {
            throw new FontganException(fontPath, "cannot read the shipped source font: " + AtomicFile.describe(e), e);
        }
        FontFile f = FontFile.open(fontPath);
        Zi2ziGeneratorSpec spec = Zi2ziGeneratorSpec.of(arch);
        byte[] params;
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed((int) seed);
            Zi2ziGenerator g = new Zi2ziGenerator(spec, styles);
            g.initialize(m, DataType.FLOAT32, new Shape(1, 1, sizePx, sizePx), new Shape(1));
            params = Weights.save(g);
        }
        List<PackStyle> st = new ArrayList<>();
        for (int i = 0; i < styles; i++) {
            st.add(new PackStyle("style" + i, i, null, null, null));
        }
        PackManifest manifest = new PackManifest("zi2zi", arch.id(), spec.toJson(), sizePx, Normalization.INK,
                new PackManifest.SourceFont("wqy-microhei", f.family(), "font/" + fontPath.getFileName(), 0,
                        f.sha256(), null, null),
                st, "", new int[0], Map.of(), Map.of(), PackExport.createdBy());
        return StylePack.read(StylePack.zip(manifest, params, font, null), "random " + arch.id() + " pack");
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
