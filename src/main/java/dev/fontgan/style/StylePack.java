package dev.fontgan.style;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.fontgan.AtomicFile;
import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.Progress;
import dev.fontgan.TorchRuntime;
import dev.fontgan.font.FontFile;
import dev.fontgan.glyph.GlyphImage;
import dev.fontgan.glyph.GlyphRasterizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A trained generator packaged for use ({@code NAME.fgstyle}): a zip of {@code manifest.json}
 * ({@link PackManifest}), {@code generator.params} (the generator's weights in DJL's parameter
 * format, nothing else of the run) and the source font file with its license, so a pack needs
 * nothing outside itself: the source font's outlines are the model's input and its metrics lay
 * the text out.
 *
 * <p>Two kinds: {@code zi2zi} (a generator with a learned table of named styles) and
 * {@code bicycle} (BicycleGAN: a generator driven by a latent code z, plus
 * {@code encoder.params}, the encoder that turns glyph images into z). A bicycle pack's named
 * styles carry their z in the manifest, so {@code --style NAME} and blends work on both kinds;
 * only a bicycle pack takes any z ({@link #generateLatent}) or reference glyphs
 * ({@link #encodeStyle}).
 *
 * <p>Loading checks the zip, the manifest version, the size of every part and every parameter's
 * shape against a freshly built generator; any problem is one {@link FontganException} naming the
 * pack. {@link #generate} rasterizes the source glyphs exactly as the training data was made
 * (same {@link GlyphRasterizer}, size and normalization) and runs the generator in eval mode, one
 * forward pass per batch of up to {@link #BATCH} glyphs, each in its own NDManager sub-manager.
 */
public final class StylePack implements AutoCloseable {
    /** Where the default pack lives on the class path. */
    public static final String DEFAULT_RESOURCE = "/dev/fontgan/style/default.fgstyle";
    public static final String MANIFEST_ENTRY = "manifest.json";
    public static final String GENERATOR_ENTRY = "generator.params";
    /** Larger pack files are refused before reading. */
    public static final long MAX_PACK_BYTES = 256L << 20;
    /** Glyphs per forward pass. */
    public static final int BATCH = 64;

    /** A BicycleGAN pack's latent encoder weights (kind {@code bicycle} only). */
    public static final String ENCODER_ENTRY = "encoder.params";
    /** Pack kinds this fontgan reads. */
    public static final String ZI2ZI = "zi2zi";
    public static final String BICYCLE = "bicycle";

    private final String where;
    private final PackManifest manifest;
    private final FontFile sourceFont;
    private final NDManager manager;
    private final PackModel model;
    private final GlyphRasterizer rasterizer;
    private long forwardPasses;
    private double zScale;

    private StylePack(String where, PackManifest manifest, FontFile sourceFont, Map<String, byte[]> entries) {
        this.where = where;
        this.manifest = manifest;
        this.sourceFont = sourceFont;
        TorchRuntime.configure();
        this.model = switch (manifest.kind()) {
            case ZI2ZI -> new Zi2ziPackModel(manifest, required(entries, GENERATOR_ENTRY, where), where);
            case BICYCLE -> new BicyclePackModel(manifest, required(entries, GENERATOR_ENTRY, where),
                    required(entries, ENCODER_ENTRY, where), where);
            default -> throw new FontganException(where, "pack kind '" + manifest.kind() + "' is not supported by this"
                    + " fontgan (it reads zi2zi and bicycle packs)");
        };
        this.rasterizer = new GlyphRasterizer(manifest.sizePx(), manifest.normalization());
        this.manager = NDManager.newBaseManager();
        this.zScale = manifest.zScale();
    }

    /** Loads a pack file. */
    public static StylePack load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new FontganException(file, Files.isDirectory(file) ? "is a directory, expected a .fgstyle file"
                    : "no such style pack");
        }
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_PACK_BYTES) {
                throw new FontganException(file, "too large for a style pack (" + (Files.size(file) >> 20)
                        + " MB, at most " + (MAX_PACK_BYTES >> 20) + " MB)");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new FontganException(file, "cannot read: " + AtomicFile.describe(e), e);
        }
        return read(bytes, file.toString());
    }

    /** Whether this build carries a default pack (cheap: no engine is loaded). */
    public static boolean hasDefault() {
        return StylePack.class.getResource(DEFAULT_RESOURCE) != null;
    }

    /** The pack shipped in the jar. */
    public static StylePack loadDefault() {
        String where = "default style pack";
        try (InputStream in = StylePack.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new FontganException(where, "no default style pack in this build; train one with "
                        + "tools/train-default.sh");
            }
            byte[] bytes = in.readNBytes((int) MAX_PACK_BYTES + 1);
            if (bytes.length > MAX_PACK_BYTES) {
                throw new FontganException(where, "too large for a style pack");
            }
            return read(bytes, where);
        } catch (IOException e) {
            throw new FontganException(where, "cannot read: " + AtomicFile.describe(e), e);
        }
    }

    /** Reads a pack from its bytes; {@code where} names it in errors. */
    public static StylePack read(byte[] bytes, String where) {
        Map<String, byte[]> entries = unzip(bytes, where);
        byte[] manifestBytes = required(entries, MANIFEST_ENTRY, where);
        PackManifest manifest = PackManifest.parse(new String(manifestBytes, StandardCharsets.UTF_8),
                where + ": " + MANIFEST_ENTRY);
        required(entries, GENERATOR_ENTRY, where);
        byte[] font = required(entries, manifest.source().file(), where);
        if (manifest.source().licenseFile() != null) {
            required(entries, manifest.source().licenseFile(), where);
        }
        String sha = sha256(font);
        if (!sha.equals(manifest.source().sha256())) {
            throw new FontganException(where, "source font " + manifest.source().file()
                    + " does not match the SHA-256 in the manifest");
        }
        FontFile sourceFont = FontFile.fromBytes(Path.of(where + "!" + manifest.source().file()), font,
                manifest.source().member());
        return new StylePack(where, manifest, sourceFont, entries);
    }

    /**
     * The bytes of a BicycleGAN pack with another default spread of random styles (manifest
     * {@code sampling.z_scale}); weights, font and license are carried over unchanged, so the pack
     * writes every named and referenced style exactly as before.
     */
    public static byte[] withDefaultZScale(byte[] pack, double zScale, String where) {
        Map<String, byte[]> entries = unzip(pack, where);
        PackManifest manifest = PackManifest.parse(new String(required(entries, MANIFEST_ENTRY, where),
                StandardCharsets.UTF_8), where + ": " + MANIFEST_ENTRY);
        if (!BICYCLE.equals(manifest.kind())) {
            throw new FontganException(where, "a " + manifest.kind() + " pack has no random styles to scale "
                    + "(that needs a bicycle pack)");
        }
        PackManifest.checkZScale(zScale, "--z-scale");
        Map<String, byte[]> weights = new LinkedHashMap<>();
        weights.put(GENERATOR_ENTRY, required(entries, GENERATOR_ENTRY, where));
        weights.put(ENCODER_ENTRY, required(entries, ENCODER_ENTRY, where));
        String license = manifest.source().licenseFile();
        return zip(manifest.withZScale(zScale), weights, required(entries, manifest.source().file(), where),
                license == null ? null : required(entries, license, where));
    }

    /**
     * Writes a pack atomically. The font entry and the license entry are named by the manifest.
     *
     * @param license the source font's license text, or null when the manifest names none
     */
    public static void write(Path out, PackManifest manifest, byte[] generatorParams, byte[] sourceFont,
            byte[] license) {
        AtomicFile.write(out, zip(manifest, generatorParams, sourceFont, license));
    }

    /** A pack's bytes (see {@link #write}). */
    public static byte[] zip(PackManifest manifest, byte[] generatorParams, byte[] sourceFont, byte[] license) {
        return zip(manifest, Map.of(GENERATOR_ENTRY, generatorParams), sourceFont, license);
    }

    /**
     * A pack's bytes with several weight entries ({@link #GENERATOR_ENTRY}, and for a BicycleGAN
     * pack {@link #ENCODER_ENTRY}), written in that order.
     */
    public static byte[] zip(PackManifest manifest, Map<String, byte[]> weights, byte[] sourceFont, byte[] license) {
        if (!sha256(sourceFont).equals(manifest.source().sha256())) {
            throw new IllegalArgumentException("source font bytes do not match the manifest's sha256");
        }
        if ((manifest.source().licenseFile() == null) != (license == null)) {
            throw new IllegalArgumentException("license text and manifest license_file must come together");
        }
        byte[] manifestBytes = Json.pretty(manifest.toJson()).getBytes(StandardCharsets.UTF_8);
        long weightBytes = weights.values().stream().mapToLong(w -> w.length).sum();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8,
                weightBytes + sourceFont.length + 4096));
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(MANIFEST_ENTRY));
            zip.write(manifestBytes);
            zip.closeEntry();
            for (String name : List.of(GENERATOR_ENTRY, ENCODER_ENTRY)) {
                if (weights.containsKey(name)) {
                    putStored(zip, name, weights.get(name)); // float weights barely compress
                }
            }
            zip.putNextEntry(new ZipEntry(manifest.source().file()));
            zip.write(sourceFont);
            zip.closeEntry();
            if (license != null) {
                zip.putNextEntry(new ZipEntry(manifest.source().licenseFile()));
                zip.write(license);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static void putStored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    /** Entries of a whole zip held in memory; a cut or corrupt zip is an error naming the pack. */
    static Map<String, byte[]> unzip(byte[] bytes, String where) {
        if (bytes.length < 22 || bytes[0] != 'P' || bytes[1] != 'K') {
            throw new FontganException(where, "not a style pack (not a zip file)");
        }
        if (!hasEndRecord(bytes)) {
            throw new FontganException(where, "style pack is truncated (the zip has no end record)");
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                byte[] data = zip.readNBytes((int) MAX_PACK_BYTES);
                if (zip.read() != -1) {
                    throw new FontganException(where, "entry " + e.getName() + " is too large");
                }
                if (entries.put(e.getName(), data) != null) {
                    throw new FontganException(where, "entry " + e.getName() + " appears twice");
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new FontganException(where, "style pack is corrupted (" + e.getMessage() + ")");
        }
        if (entries.isEmpty()) {
            throw new FontganException(where, "style pack is empty");
        }
        return entries;
    }

    /** Whether the zip's end-of-central-directory record is there (a cut file lacks it). */
    private static boolean hasEndRecord(byte[] b) {
        int stop = Math.max(0, b.length - 22 - 65535);
        for (int i = b.length - 22; i >= stop; i--) {
            if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 5 && b[i + 3] == 6) {
                int commentLength = (b[i + 20] & 0xff) | (b[i + 21] & 0xff) << 8;
                if (i + 22 + commentLength == b.length) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] required(Map<String, byte[]> entries, String name, String where) {
        byte[] b = entries.get(name);
        if (b == null) {
            throw new FontganException(where, "style pack has no " + name);
        }
        return b;
    }

    static String sha256(byte[] bytes) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
            StringBuilder s = new StringBuilder();
            for (byte x : d) {
                s.append(String.format("%02x", x & 0xff));
            }
            return s.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the pack was loaded from, for messages. */
    public String where() {
        return where;
    }

    public PackManifest manifest() {
        return manifest;
    }

    public String kind() {
        return manifest.kind();
    }

    public int sizePx() {
        return manifest.sizePx();
    }

    public List<PackStyle> styles() {
        return manifest.styles();
    }

    /** The font the generator reads: its outlines are the input, its metrics lay out text. */
    public FontFile sourceFont() {
        return sourceFont;
    }

    /** Trainable scalars of the generator. */
    public long generatorParameterCount() {
        return model.generatorParameterCount();
    }

    /**
     * A copy of the style table, row-major (styles x width): zi2zi's style embedding, or a
     * BicycleGAN pack's latent code per named style.
     */
    float[] styleTable() {
        return model.styleTable().toFloatArray();
    }

    /** Whether the pack writes any latent code (a BicycleGAN pack): random and reference styles. */
    public boolean hasLatentSpace() {
        return model.latentSize() > 0;
    }

    /** Width of the pack's latent codes; 0 for a pack without a latent space. */
    public int latentSize() {
        return model.latentSize();
    }

    /** Forward passes run so far (one per batch). */
    public long forwardPasses() {
        return forwardPasses;
    }

    /** Whether the pack can write the character: its source font has a non-empty glyph for it. */
    public boolean canWrite(int codePoint) {
        return sourceFont.has(codePoint) && sourceFont.glyph(codePoint).outline() != null;
    }

    /** Source glyphs as the generator reads them; null where the source font lacks a character. */
    public GlyphImage[] sources(int[] codePoints) {
        return rasterizer.rasterizeAll(sourceFont, codePoints, Progress.NONE);
    }

    /**
     * Writes characters in a style or blend, in batches of {@link #BATCH}; null where the source
     * font lacks a character. Each image carries its source glyph's placement.
     */
    public GlyphImage[] generate(int[] codePoints, StyleMix mix) {
        return generate(sources(codePoints), mix);
    }

    /** Writes the given source glyphs (from {@link #sources}) in a style or blend; nulls stay null. */
    public GlyphImage[] generate(GlyphImage[] sources, StyleMix mix) {
        return generate(sources, mix, BATCH);
    }

    /** As {@link #generate(GlyphImage[], StyleMix)} with another batch size (for benchmarks). */
    public GlyphImage[] generate(GlyphImage[] sources, StyleMix mix, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be positive");
        }
        float[] weights = mix.over(styles(), "--style");
        return generateWith(sources, batch, (sub, present, from, n) -> styleWeights(sub, weights, n), false);
    }

    /** Style rows for a batch of n glyphs. */
    private interface StyleRows {
        /** Rows for the n glyphs {@code present[from .. from + n)} (indices into the sources). */
        NDArray of(NDManager manager, int[] present, int from, int n);
    }

    private synchronized GlyphImage[] generateWith(GlyphImage[] sources, int batch, StyleRows rows, boolean latent) {
        int px = sizePx();
        int area = px * px;
        GlyphImage[] out = new GlyphImage[sources.length];
        int[] present = java.util.stream.IntStream.range(0, sources.length).filter(i -> sources[i] != null).toArray();
        for (int from = 0; from < present.length; from += batch) {
            int n = Math.min(batch, present.length - from);
            float[] pixels = new float[n * area];
            for (int k = 0; k < n; k++) {
                byte[] src = sources[present[from + k]].pixels();
                toSigned(src, pixels, k * area);
            }
            float[] result;
            try (NDManager sub = manager.newSubManager()) {
                NDArray source = sub.create(pixels, new Shape(n, 1, px, px));
                NDArray r = rows.of(sub, present, from, n);
                result = (latent ? forwardLatent(source, r) : forward(source, r)).toFloatArray();
            }
            for (int k = 0; k < n; k++) {
                GlyphImage s = sources[present[from + k]];
                byte[] ink = new byte[area];
                for (int j = 0; j < area; j++) {
                    int v = Math.round((result[k * area + j] + 1f) * 127.5f);
                    ink[j] = (byte) Math.max(0, Math.min(255, v));
                }
                out[present[from + k]] = new GlyphImage(s.codePoint(), px, ink, s.placement());
            }
        }
        return out;
    }

    /** uint8 ink (0 paper, 255 ink) to the network's [-1, 1], written at {@code offset}. */
    static void toSigned(byte[] src, float[] out, int offset) {
        for (int j = 0; j < src.length; j++) {
            out[offset + j] = (src[j] & 0xff) / 127.5f - 1f;
        }
    }

    /**
     * One mix repeated for a batch.
     * @return (n, S) float32 rows of style weights
     */
    static NDArray styleWeights(NDManager manager, float[] weights, int n) {
        float[] rows = new float[n * weights.length];
        for (int i = 0; i < n; i++) {
            System.arraycopy(weights, 0, rows, i * weights.length, weights.length);
        }
        return manager.create(rows, new Shape(n, weights.length));
    }

    /**
     * Runs the generator in eval mode on one batch (with folded weights where the generator's
     * configuration allows: same outputs up to float rounding, see {@code nn.UNetInference}).
     * @param source (N, 1, H, W) in [-1, 1]
     * @param styleWeights (N, S) weights over the pack's styles (rows of a one-hot for pure styles)
     * @return (N, 1, H, W) in [-1, 1], in the source's manager
     */
    public NDArray forward(NDArray source, NDArray styleWeights) {
        NDArray table = model.styleTable();
        NDArray vectors = styleWeights.matMul(table.toDevice(styleWeights.getDevice(), false));
        forwardPasses++;
        return model.forward(source, vectors);
    }

    /**
     * Runs the generator in eval mode with latent codes (BicycleGAN packs).
     * @param source (N, 1, H, W) in [-1, 1]
     * @param z (N, {@link #latentSize()})
     * @return (N, 1, H, W) in [-1, 1], in the source's manager
     */
    public NDArray forwardLatent(NDArray source, NDArray z) {
        requireLatent("a latent code");
        forwardPasses++;
        return model.forward(source, z);
    }

    /**
     * Writes the given source glyphs (from {@link #sources}) with one latent code, in batches of
     * {@link #BATCH}; nulls stay null. BicycleGAN packs only.
     */
    public GlyphImage[] generateLatent(GlyphImage[] sources, float[] z) {
        requireLatent("a latent code");
        if (z.length != latentSize()) {
            throw new IllegalArgumentException("z has " + z.length + " values, the pack's latent size is " + latentSize());
        }
        return generateWith(sources, BATCH, (sub, present, from, n) -> styleWeights(sub, z, n), true);
    }

    /**
     * Writes each source glyph with its own latent code (BicycleGAN packs), e.g. the code encoded
     * from that character's target for reconstruction; nulls stay null.
     *
     * @param z one code per source (entries of null sources are ignored)
     */
    public GlyphImage[] generateLatentEach(GlyphImage[] sources, float[][] z) {
        requireLatent("latent codes");
        if (z.length != sources.length) {
            throw new IllegalArgumentException(z.length + " latent codes for " + sources.length + " glyphs");
        }
        int nz = latentSize();
        return generateWith(sources, BATCH, (sub, present, from, n) -> {
            float[] rows = new float[n * nz];
            for (int k = 0; k < n; k++) {
                float[] zi = z[present[from + k]];
                if (zi.length != nz) {
                    throw new IllegalArgumentException("z has " + zi.length + " values, the pack's latent size is " + nz);
                }
                System.arraycopy(zi, 0, rows, k * nz, nz);
            }
            return sub.create(rows, new Shape(n, nz));
        }, true);
    }

    /** Writes characters with one latent code (BicycleGAN packs); null where the source font lacks one. */
    public GlyphImage[] generateLatent(int[] codePoints, float[] z) {
        return generateLatent(sources(codePoints), z);
    }

    /**
     * The mean of the encoder's μ over glyph images of one style: the latent code that writes in
     * their style (BicycleGAN packs only). The images must be framed as the pack's glyphs are
     * ({@link #sizePx()} px, the pack's normalization; {@code glyph.InkFraming} frames pictures so).
     */
    public float[] encodeStyle(List<GlyphImage> references) {
        if (references.isEmpty()) {
            throw new IllegalArgumentException("no reference glyphs");
        }
        float[][] mu = encodeEach(references);
        int nz = latentSize();
        float[] z = new float[nz];
        for (int i = 0; i < nz; i++) {
            double sum = 0;
            for (float[] m : mu) {
                sum += m[i];
            }
            z[i] = (float) (sum / mu.length);
        }
        return z;
    }

    /**
     * A latent code refined from {@code start} so that the generator, given the source glyph of
     * each reference's character, draws the references (BicycleGAN packs only; see
     * {@link dev.fontgan.bicycle.LatentRefinement}). All references go through the generator as one
     * batch.
     *
     * @param references framed as in {@link #encodeStyle}, each carrying the character it shows;
     *     the pack must be able to write every one ({@link #canWrite})
     * @param starts candidate start codes: the one that draws the references best is refined
     */
    public dev.fontgan.bicycle.LatentRefinement.Result refineStyle(List<GlyphImage> references,
            float[][] starts, dev.fontgan.bicycle.LatentRefinement.Settings settings, Progress progress) {
        return refineStyle(references, starts, settings, null, progress);
    }

    /**
     * As {@link #refineStyle(List, float[][], dev.fontgan.bicycle.LatentRefinement.Settings, Progress)}
     * with glyph features for the settings' feature term (null when its weight is 0).
     */
    public synchronized dev.fontgan.bicycle.LatentRefinement.Result refineStyle(List<GlyphImage> references,
            float[][] starts, dev.fontgan.bicycle.LatentRefinement.Settings settings,
            java.util.function.UnaryOperator<NDArray> features, Progress progress) {
        requireLatent("reference glyphs");
        if (references.isEmpty()) {
            throw new IllegalArgumentException("no reference glyphs");
        }
        int px = sizePx();
        int n = references.size();
        int[] cps = references.stream().mapToInt(GlyphImage::codePoint).toArray();
        GlyphImage[] src = sources(cps);
        float[] sourcePixels = new float[n * px * px];
        float[] targetPixels = new float[n * px * px];
        for (int k = 0; k < n; k++) {
            GlyphImage g = references.get(k);
            if (src[k] == null || !canWrite(cps[k])) {
                throw new IllegalArgumentException("the pack's source font has no glyph for U+"
                        + Integer.toHexString(cps[k]).toUpperCase(java.util.Locale.ROOT));
            }
            if (g.sizePx() != px) {
                throw new IllegalArgumentException("glyph is " + g.sizePx() + " px, the pack's " + px);
            }
            toSigned(src[k].pixels(), sourcePixels, k * px * px);
            toSigned(g.pixels(), targetPixels, k * px * px);
        }
        progress.start("refining the style", settings.steps());
        try (NDManager sub = manager.newSubManager()) {
            Shape shape = new Shape(n, 1, px, px);
            forwardPasses += settings.steps() + 1;
            return model.refineLatent(sub.create(sourcePixels, shape), sub.create(targetPixels, shape), starts, settings,
                    features, progress);
        } finally {
            progress.close();
        }
    }

    /** The encoder's μ of each glyph image (BicycleGAN packs), framed as in {@link #encodeStyle}. */
    public synchronized float[][] encodeEach(List<GlyphImage> glyphs) {
        requireLatent("glyph images");
        int px = sizePx();
        int nz = latentSize();
        float[][] out = new float[glyphs.size()][];
        for (int from = 0; from < glyphs.size(); from += BATCH) {
            int n = Math.min(BATCH, glyphs.size() - from);
            float[] pixels = new float[n * px * px];
            for (int k = 0; k < n; k++) {
                GlyphImage g = glyphs.get(from + k);
                if (g.sizePx() != px) {
                    throw new IllegalArgumentException("glyph is " + g.sizePx() + " px, the pack's " + px);
                }
                toSigned(g.pixels(), pixels, k * px * px);
            }
            try (NDManager sub = manager.newSubManager()) {
                float[] mu = model.encodeMean(sub.create(pixels, new Shape(n, 1, px, px))).toFloatArray();
                for (int k = 0; k < n; k++) {
                    out[from + k] = java.util.Arrays.copyOfRange(mu, k * nz, (k + 1) * nz);
                }
            }
        }
        return out;
    }

    /**
     * The latent code of a random style: N(0, s^2) values fixed by the seed (the same seed gives
     * the same style in every call and on every machine), s = {@link #zScale()}. BicycleGAN packs
     * only.
     */
    public float[] latentForSeed(long seed) {
        requireLatent("a random style");
        float[] z = model.latentForSeed(seed);
        for (int i = 0; i < z.length; i++) {
            z[i] *= (float) zScale;
        }
        return z;
    }

    /**
     * The spread s of random styles, z ~ N(0, s^2): the manifest's {@code sampling.z_scale} (1 for
     * packs without one) unless {@link #useZScale} changed it. Below 1 is truncation: styles
     * nearer the average one, whose characters stay readable more often, at the cost of variety.
     */
    public double zScale() {
        return zScale;
    }

    /** Draws this pack's random styles at spread {@code s} from now on (a command line's {@code --z-scale}). */
    public void useZScale(double s) {
        requireLatent("a z scale");
        PackManifest.checkZScale(s, "--z-scale");
        this.zScale = s;
    }

    private void requireLatent(String what) {
        if (!hasLatentSpace()) {
            throw new FontganException(where, "a " + kind() + " pack has no latent space to take " + what
                    + " (that needs a bicycle pack)");
        }
    }

    /** The generator's own eval forward pass, without folding (to check the folded one against). */
    NDArray forwardUnfolded(NDArray source, NDArray styleWeights) {
        NDArray vectors = styleWeights.matMul(model.styleTable().toDevice(styleWeights.getDevice(), false));
        return model.forwardUnfolded(source, vectors);
    }

    /** Whether {@link #forward} runs a folded generator (BN folded into convs, phase-split upsampling). */
    public boolean folded() {
        return model.folded();
    }

    @Override
    public void close() {
        try {
            model.close();
        } finally {
            manager.close();
        }
    }

    @Override
    public String toString() {
        return "StylePack[" + where + ", " + kind() + ", " + styles().size() + " styles]";
    }
}
