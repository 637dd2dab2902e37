package dev.fontgan.style;

import dev.fontgan.AtomicFile;
import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.bicycle.BicycleArch;
import dev.fontgan.data.GlyphDataset;
import dev.fontgan.data.Split;
import dev.fontgan.font.FontFile;
import dev.fontgan.font.ShippedFiles;
import dev.fontgan.gan.Checkpoints;
import dev.fontgan.gan.RunDirectory;
import dev.fontgan.zi2zi.Zi2ziArch;
import dev.fontgan.zi2zi.Zi2ziGeneratorSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a training run into a style pack: the newest checkpoint's generator, the run's dataset
 * for the source font, style names and charset, the font catalog for licenses. The weights are
 * loaded into a freshly built generator before anything is written, so a pack that is written
 * always loads.
 */
public final class PackExport {
    private static final long MAX_LICENSE_BYTES = 1L << 20;

    private PackExport() {}

    /** What was written. */
    public record Result(Path pack, long step, int styles, long bytes) {}

    /**
     * Exports {@code runDir} to {@code out}.
     *
     * @param dataOverride the run's dataset when it has moved since training, or null
     * @param metricsFile an {@code eval --json} output to copy into the manifest, or null (then
     *     {@code RUN/eval.json} is used when present)
     */
    public static Result export(Path runDir, Path out, Path dataOverride, Path metricsFile) {
        RunDirectory run = new RunDirectory(runDir, 1);
        if (!Files.isDirectory(runDir)) {
            throw new FontganException(runDir, "no such run folder");
        }
        if (!Files.isRegularFile(run.configFile())) {
            throw new FontganException(runDir, "not a training run (no config.json)");
        }
        Map<String, Object> config = run.readConfig();
        String where = run.configFile().toString();
        String kind = String.valueOf(config.get("kind"));
        if (!StylePack.ZI2ZI.equals(kind) && !StylePack.BICYCLE.equals(kind)) {
            throw new FontganException(where, "only zi2zi and bicycle runs can be exported (kind is " + kind + ")");
        }
        boolean bicycle = StylePack.BICYCLE.equals(kind);
        if (!bicycle && Files.isRegularFile(runDir.resolve(FineTune.TEMPLATE))) { // a fine-tune run carries its pack's frame
            FineTune.Exported e = FineTune.exportBytes(runDir, metrics(metricsFile != null ? metricsFile
                    : runDir.resolve("eval.json"), metricsFile != null));
            AtomicFile.write(out, e.pack());
            return new Result(out, Checkpoints.stepOf(e.checkpoint()), e.styles(), e.pack().length);
        }
        Path checkpoint = run.checkpoints().newest()
                .orElseThrow(() -> new FontganException(runDir, "run has no checkpoint yet"));
        Map<String, byte[]> parts = Checkpoints.read(checkpoint);
        byte[] params = Checkpoints.part(parts, "generator.params", checkpoint);
        Map<String, Object> state = Json.parseObject(
                new String(Checkpoints.part(parts, "state.json", checkpoint), StandardCharsets.UTF_8),
                checkpoint.toString());
        String arch = String.valueOf(state.getOrDefault("arch", config.get("arch")));
        Map<String, Object> generatorJson;
        if (bicycle) {
            BicycleArch a = bicycleArch(state, config, where);
            arch = a.toString();
            generatorJson = a.toJson();
        } else {
            Zi2ziGeneratorSpec spec = config.get("generator") instanceof Map<?, ?> g
                    ? Zi2ziGeneratorSpec.fromJson(cast(g), where) : Zi2ziGeneratorSpec.of(Zi2ziArch.parse(arch));
            generatorJson = spec.toJson();
        }

        Path dataDir = dataOverride != null ? dataOverride : dataPath(config, where);
        GlyphDataset data = GlyphDataset.open(dataDir);
        List<String> runStyles = strings(config.get("styles"));
        if (!runStyles.isEmpty() && !runStyles.equals(data.styleNames())) {
            throw new FontganException(dataDir, "dataset styles " + data.styleNames() + " differ from the run's "
                    + runStyles);
        }
        if (config.get("size_px") instanceof Number px && px.intValue() != data.sizePx()) {
            throw new FontganException(dataDir, "dataset is " + data.sizePx() + " px, the run trained at " + px);
        }

        GlyphDataset.FontEntry srcEntry = data.sourceEntry();
        FontFile source = openFont(srcEntry.path(), dataDir);
        if (!source.sha256().equals(srcEntry.sha256())) {
            throw new FontganException(source.path(), "source font changed since the dataset was built (SHA-256 differs)");
        }
        byte[] fontBytes = readBytes(source.path(), 256L << 20);
        Map<String, Object> srcCatalog = catalogEntry(source.path());
        String fontEntry = "font/" + source.path().getFileName();
        byte[] license = null;
        String licenseEntry = null;
        if (srcCatalog.get("license_file") instanceof String lf) {
            Path lic = Path.of(lf);
            if (Files.isRegularFile(lic)) {
                license = readBytes(lic, MAX_LICENSE_BYTES);
                licenseEntry = "font/" + lic.getFileName();
                if (licenseEntry.equals(fontEntry)) {
                    licenseEntry = "font/LICENSE.txt";
                }
            }
        }
        PackManifest.SourceFont sf = new PackManifest.SourceFont(srcEntry.name(),
                srcCatalog.get("family") instanceof String f ? f : source.family(), fontEntry,
                source.member(), source.sha256(), (String) srcCatalog.get("license"), licenseEntry);

        List<PackStyle> styles = new ArrayList<>();
        List<GlyphDataset.FontEntry> targets = data.targetEntries();
        for (int i = 0; i < targets.size(); i++) {
            GlyphDataset.FontEntry t = targets.get(i);
            Map<String, Object> cat = catalogOf(t.path(), dataDir);
            String family = cat.get("family") instanceof String f ? f : t.family(); // the catalog knows subsets' real family
            styles.add(new PackStyle(t.name(), i, family, (String) cat.get("license"), (String) cat.get("role")));
        }

        Set<Integer> inSplits = new HashSet<>();
        for (Split s : Split.values()) {
            for (int cp : data.codePoints(s)) {
                inSplits.add(cp);
            }
        }
        int[] chars = java.util.Arrays.stream(data.sourceStore().codePoints()).filter(inSplits::contains).toArray();

        Map<String, Object> training = Json.obj("run", runDir.toAbsolutePath().normalize().toString(),
                "checkpoint", checkpoint.getFileName().toString(), "step", Checkpoints.stepOf(checkpoint),
                "data", dataDir.toAbsolutePath().normalize().toString(), "split_seed", data.seed());
        if (config.get("init") instanceof String init) {
            training.put("init", init); // the pack the run started from: its own training came before "step"
        }
        Map<String, Object> metrics = metrics(metricsFile != null ? metricsFile : runDir.resolve("eval.json"),
                metricsFile != null);
        Map<String, byte[]> weights = new LinkedHashMap<>();
        weights.put(StylePack.GENERATOR_ENTRY, params);
        if (bicycle) {
            byte[] encoder = Checkpoints.part(parts, StylePack.ENCODER_ENTRY, checkpoint);
            params = BatchNormCalibration.recalibrated(BicycleArch.fromJson(generatorJson, where), params, encoder, data,
                    checkpoint.toString());
            weights.put(StylePack.GENERATOR_ENTRY, params);
            training.put("batch_norm", "generator running statistics re-estimated on " + BatchNormCalibration.BATCHES
                    + " batches of " + BatchNormCalibration.BATCH + " training pairs (encoded and random z alternating)");
            weights.put(StylePack.ENCODER_ENTRY, encoder);
            float[][] z = StyleLatents.ofTrainingGlyphs(BicycleArch.fromJson(generatorJson, where), params, encoder,
                    data, checkpoint.toString());
            training.put("style_z", "mean encoder mu of up to " + StyleLatents.MAX_GLYPHS_PER_STYLE
                    + " training glyphs per style");
            for (int i = 0; i < styles.size(); i++) {
                styles.set(i, styles.get(i).withZ(z[i]));
            }
        }
        PackManifest manifest = new PackManifest(kind, arch, generatorJson, data.sizePx(), data.normalization(), sf,
                styles, data.charsetSpec(), chars, metrics, training, createdBy());

        // build the generator from what the manifest says and load the weights: refuse before writing
        byte[] pack = StylePack.zip(manifest, weights, fontBytes, license);
        try (StylePack check = StylePack.read(pack, checkpoint.toString())) {
            if (check.styles().size() != styles.size()) {
                throw new IllegalStateException("style count changed on the way");
            }
        }
        AtomicFile.write(out, pack);
        try {
            return new Result(out, Checkpoints.stepOf(checkpoint), styles.size(), Files.size(out));
        } catch (IOException e) {
            throw new FontganException(out, "cannot read back: " + AtomicFile.describe(e), e);
        }
    }

    /**
     * A bicycle pack with its generator's batch-norm running statistics re-estimated as
     * {@link #export} does (for packs exported before it did): same training pairs of {@code data},
     * same seed. Encoder, named styles' codes (they come from the encoder alone), font and the
     * rest of the manifest are carried over; the manifest records the re-estimate.
     */
    public static byte[] recalibratedPack(byte[] pack, GlyphDataset data, String where) {
        Map<String, byte[]> entries = StylePack.unzip(pack, where);
        byte[] manifestBytes = entries.get(StylePack.MANIFEST_ENTRY);
        if (manifestBytes == null) {
            throw new FontganException(where, "not a style pack (no " + StylePack.MANIFEST_ENTRY + ")");
        }
        PackManifest m = PackManifest.parse(new String(manifestBytes, java.nio.charset.StandardCharsets.UTF_8),
                where + ": " + StylePack.MANIFEST_ENTRY);
        if (!StylePack.BICYCLE.equals(m.kind())) {
            throw new FontganException(where, "only a bicycle pack has batch-norm statistics to re-estimate (this one is "
                    + m.kind() + ")");
        }
        if (m.sizePx() != data.sizePx() || m.normalization() != data.normalization()) {
            throw new FontganException(data.dir(), "glyphs are " + data.sizePx() + " px framed "
                    + data.normalization().id() + "; the pack " + where + " was trained on " + m.sizePx() + " px framed "
                    + m.normalization().id());
        }
        byte[] generator = entries.get(StylePack.GENERATOR_ENTRY);
        byte[] encoder = entries.get(StylePack.ENCODER_ENTRY);
        if (generator == null || encoder == null) {
            throw new FontganException(where, "a bicycle pack needs " + StylePack.GENERATOR_ENTRY + " and "
                    + StylePack.ENCODER_ENTRY);
        }
        Map<String, byte[]> weights = new LinkedHashMap<>();
        weights.put(StylePack.GENERATOR_ENTRY, BatchNormCalibration.recalibrated(
                BicycleArch.fromJson(m.generator(), where), generator, encoder, data, where));
        weights.put(StylePack.ENCODER_ENTRY, encoder);
        Map<String, Object> training = new LinkedHashMap<>(m.training());
        training.put("batch_norm", "generator running statistics re-estimated on " + BatchNormCalibration.BATCHES
                + " batches of " + BatchNormCalibration.BATCH + " training pairs of "
                + data.dir().toAbsolutePath().normalize() + " (encoded and random z alternating), after export");
        String license = m.source().licenseFile();
        byte[] out = StylePack.zip(m.withTraining(training), weights, entries.get(m.source().file()),
                license == null ? null : entries.get(license));
        StylePack.read(out, where).close(); // refuse before anyone writes it
        return out;
    }

    /** A bicycle run's networks: the arch object of the checkpoint's state or the run's config, or a named size. */
    private static BicycleArch bicycleArch(Map<String, Object> state, Map<String, Object> config, String where) {
        for (Object o : java.util.Arrays.asList(state.get("arch"), config.get("arch"), config.get("generator"))) {
            if (o instanceof Map<?, ?> m) {
                return BicycleArch.fromJson(cast(m), where);
            }
        }
        if (state.getOrDefault("arch", config.get("arch")) instanceof String name) {
            return BicycleArch.named(name);
        }
        throw new FontganException(where, "the run names no BicycleGAN architecture");
    }

    /** The eval numbers worth keeping in a manifest: the mean row, per-style rows and baselines. */
    private static Map<String, Object> metrics(Path file, boolean required) {
        if (!Files.isRegularFile(file)) {
            if (required) {
                throw new FontganException(file, "no such file (expected the output of fontgan eval --json)");
            }
            return new LinkedHashMap<>();
        }
        Map<String, Object> eval;
        try {
            eval = Json.parseObject(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new FontganException(file, "cannot read: " + AtomicFile.describe(e), e);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : List.of("split", "count", "mean", "styles", "baselines", "classifier")) {
            if (eval.containsKey(k)) {
                m.put(k, eval.get(k));
            }
        }
        if (m.isEmpty()) {
            throw new FontganException(file, "not an evaluation (no \"mean\" or \"styles\")");
        }
        return m;
    }

    private static Path dataPath(Map<String, Object> config, String where) {
        if (!(config.get("data") instanceof String d) || d.startsWith("synthetic:")) {
            throw new FontganException(where, "the run was not trained on a glyph dataset; give --data DATA");
        }
        return Path.of(d);
    }

    /** A dataset's font spec: as written, else relative to the dataset or the installation. */
    private static FontFile openFont(String spec, Path dataDir) {
        String file = spec.contains("#") && !Files.exists(Path.of(spec)) ? spec.substring(0, spec.lastIndexOf('#')) : spec;
        String member = file.equals(spec) ? "" : spec.substring(file.length());
        for (Path p : List.of(Path.of(file), dataDir.resolve(file), ShippedFiles.resolve(file))) {
            if (Files.isRegularFile(p)) {
                return FontFile.open(p + member);
            }
        }
        throw new FontganException(spec, "font of the dataset not found (needed to put it into the pack)");
    }

    private static Map<String, Object> catalogOf(String spec, Path dataDir) {
        try {
            return catalogEntry(openFont(spec, dataDir).path());
        } catch (FontganException e) {
            return new LinkedHashMap<>(); // a target font that moved only costs its license line
        }
    }

    /** The font's entry of the nearest {@code catalog.json} (up to three folders up), or empty. */
    static Map<String, Object> catalogEntry(Path font) {
        Path file = font.toAbsolutePath().normalize();
        Path dir = file.getParent();
        for (int up = 0; up < 3 && dir != null; up++, dir = dir.getParent()) {
            Path catalog = dir.resolve("catalog.json");
            if (!Files.isRegularFile(catalog)) {
                continue;
            }
            try {
                Object fonts = Json.parseObject(Files.readString(catalog), catalog.toString()).get("fonts");
                if (fonts instanceof List<?> list) {
                    for (Object o : list) {
                        if (o instanceof Map<?, ?> m && m.get("file") instanceof String f
                                && dir.resolve(f).toAbsolutePath().normalize().equals(file)) {
                            Map<String, Object> e = new LinkedHashMap<>(cast(m));
                            if (e.get("license_file") instanceof String lf) {
                                e.put("license_file", dir.resolve(lf).toString()); // absolute from here on
                            }
                            return e;
                        }
                    }
                }
            } catch (IOException | FontganException e) {
                return new LinkedHashMap<>();
            }
        }
        return new LinkedHashMap<>();
    }

    private static byte[] readBytes(Path p, long max) {
        try {
            if (Files.size(p) > max) {
                throw new FontganException(p, "file too large (" + Files.size(p) + " bytes)");
            }
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new FontganException(p, "cannot read: " + AtomicFile.describe(e), e);
        }
    }

    private static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            for (Object x : l) {
                out.add(String.valueOf(x));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    static String createdBy() {
        String v = StylePack.class.getPackage().getImplementationVersion();
        return "fontgan " + (v == null ? "dev" : v);
    }
}
