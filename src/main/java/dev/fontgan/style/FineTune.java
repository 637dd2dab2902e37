package dev.fontgan.style;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.fontgan.AtomicFile;
import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.Progress;
import dev.fontgan.TorchRuntime;
import dev.fontgan.data.GlyphDataset;
import dev.fontgan.data.PairedGlyphs;
import dev.fontgan.data.Split;
import dev.fontgan.eval.InkImages;
import dev.fontgan.eval.Metrics;
import dev.fontgan.font.FontCatalog;
import dev.fontgan.font.FontFile;
import dev.fontgan.gan.Checkpoints;
import dev.fontgan.gan.RunDirectory;
import dev.fontgan.gan.StopSignal;
import dev.fontgan.glyph.GlyphImage;
import dev.fontgan.glyph.GlyphRasterizer;
import dev.fontgan.glyph.Normalization;
import dev.fontgan.glyph.SampleImages;
import dev.fontgan.zi2zi.TuningPairs;
import dev.fontgan.zi2zi.Zi2ziArch;
import dev.fontgan.zi2zi.Zi2ziConfig;
import dev.fontgan.zi2zi.Zi2ziGeneratorSpec;
import dev.fontgan.zi2zi.Zi2ziModel;
import dev.fontgan.zi2zi.Zi2ziTrainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fine-tunes a trained zi2zi model (a run folder or a style pack) into a new run folder.
 *
 * <ul>
 *   <li>{@link Mode#STYLES}: zi2zi's second stage: training continues on some of the model's
 *       styles only, from a glyph dataset that has them by name, with the encoder frozen.
 *   <li>{@link Mode#FONT}: a new font becomes a new style: one style slot is added (embedding row
 *       and discriminator category initialised from the nearest existing style by an L1 probe, or
 *       the mean), pairs are made on the fly from the model's source font and K glyphs of the new
 *       font (TRAIN-split characters of the model's charset, chosen by seed), and the model is
 *       fine-tuned on them.
 *   <li>{@link Mode#SAMPLES}: as FONT with the targets read from pictures of handwriting
 *       ({@link SampleImages}).
 * </ul>
 *
 * <p>The output is a normal zi2zi run folder (config, metrics, samples, checkpoints, resumable)
 * plus {@value #TEMPLATE}: a style pack of the model before fine-tuning with the final style list,
 * from which {@link #exportBytes} (and so {@code fontgan export}) makes the fine-tuned pack, and
 * {@value #REPORT}: L1 and SSIM on the training glyphs and on held-out (TEST split) characters,
 * before and after.
 */
public final class FineTune {
    /** A fine-tune run's pack of the model before training, with the final style list. */
    public static final String TEMPLATE = "template.fgstyle";
    /** Before/after numbers of a fine-tune run. */
    public static final String REPORT = "finetune.json";
    public static final int DEFAULT_MAX_CHARS = 100;
    /** Held-out characters scored per run (the first ones in charset order). */
    static final int MAX_HELD_OUT = 200;
    /** Training glyphs scored before and after (the first ones; --styles runs have thousands). */
    static final int MAX_SCORED_TRAIN = 400;
    /** Training glyphs used to find the nearest existing style. */
    static final int PROBE_GLYPHS = 64;
    private static final int EVAL_BATCH = 64;

    private FineTune() {}

    public enum Mode { STYLES, FONT, SAMPLES }

    /** How a new style slot starts. */
    public enum Init {
        /** Copy the existing style whose output is closest (L1) to the new glyphs. */
        NEAREST,
        /** The mean of all existing styles. */
        MEAN;

        public static Init parse(String s) {
            for (Init i : values()) {
                if (i.name().equalsIgnoreCase(s.trim())) {
                    return i;
                }
            }
            throw new FontganException("--init", "expected nearest or mean, got '" + s + "'");
        }
    }

    /**
     * What to fine-tune.
     *
     * @param styles STYLES mode: names of the model's styles to continue training
     * @param data STYLES mode: a glyph dataset holding those styles by name
     * @param font FONT mode: the new font (a path, maybe {@code file.ttc#N})
     * @param samples SAMPLES mode: a folder of character pictures
     * @param maxChars FONT/SAMPLES: at most this many training glyphs
     * @param name FONT/SAMPLES: the new style's name, or null for the font's short name / the folder's name
     * @param regime which weights learn and when to stop
     */
    public record Request(Path from, List<String> styles, Path data, String font, Path samples, int maxChars,
            String name, long steps, Path out, boolean resume, boolean unfreezeEncoder, Init init, int batchSize,
            float learningRate, long seed, int sampleEvery, int checkpointEvery, int logEvery, Regime regime) {
        public Mode mode() {
            int given = (styles != null && !styles.isEmpty() ? 1 : 0) + (font != null ? 1 : 0) + (samples != null ? 1 : 0);
            if (given != 1) {
                throw new FontganException("--styles/--font/--samples", "give exactly one of them");
            }
            return styles != null && !styles.isEmpty() ? Mode.STYLES : font != null ? Mode.FONT : Mode.SAMPLES;
        }
    }

    /**
     * How a fine-tune learns, beyond the optimizer.
     *
     * @param decoderLevels outermost decoder levels that learn; -1: all; 0: only the style embedding (and, with
     *     an unfrozen encoder, the encoder)
     * @param dropout the decoder's training dropout rate
     * @param valChars FONT/SAMPLES: of the K glyphs, this many are not trained on but validate (0: none)
     * @param valEvery iterations between validations
     * @param patience validations without a gain before stopping early (0: never); the best validated
     *     generator becomes the run's final weights either way
     * @param replay FONT/SAMPLES: a glyph dataset of the model's source font and (some of) its styles, or
     *     null: {@code replayPairs} of its training pairs train along with the new glyphs (rehearsal),
     *     so the shared decoder keeps serving every character instead of memorising the K
     * @param replayPairs how many replayed pairs; the new glyphs are repeated to be about half of each epoch
     * @param shift training pairs move by up to this many pixels each way ({@link TuningPairs#withShift})
     */
    public record Regime(int decoderLevels, float dropout, int valChars, int valEvery, int patience, Path replay,
            int replayPairs, int shift) {
        /** The whole decoder learns at zi2zi's dropout, no validation (the behaviour before regimes). */
        public static final Regime DEFAULT = new Regime(-1, 0.5f, 0, 50, 0, null, 0, 0);

        public Regime {
            if (!(dropout >= 0 && dropout < 1)) {
                throw new FontganException("--dropout", "must be in [0, 1)");
            }
            if (valChars < 0 || valEvery < 1 || patience < 0) {
                throw new FontganException("--val-chars/--val-every/--patience", "must not be negative (--val-every >= 1)");
            }
            if (shift < 0 || shift > 8) {
                throw new FontganException("--shift", "must be between 0 and 8 pixels");
            }
            if (replay != null && (replayPairs < 1 || replayPairs > 1_000_000)) {
                throw new FontganException("--replay-pairs", "must be between 1 and 1000000 with --replay");
            }
        }

        Map<String, Object> toJson() {
            return Json.obj("decoder_levels", decoderLevels, "dropout", (double) dropout, "val_chars", valChars,
                    "val_every", valEvery, "patience", patience, "replay", replay == null ? null : replay.toString(),
                    "replay_pairs", replay == null ? 0 : replayPairs, "shift", shift);
        }
    }

    /** What a fine-tune did; {@code report} is what {@value #REPORT} holds. */
    public record Result(Path run, Mode mode, List<String> tunedStyles, long startStep, long endStep,
            Zi2ziTrainer.StepLosses last, boolean stopped, Map<String, Object> report) {}

    /** A trained model to start from: its pack entries (manifest, generator, font) and, from runs, D. */
    record Base(String where, byte[] pack, Map<String, byte[]> entries, PackManifest manifest, byte[] discriminator) {
        byte[] generator() {
            return entries.get(StylePack.GENERATOR_ENTRY);
        }

        byte[] font() {
            return entries.get(manifest.source().file());
        }

        byte[] license() {
            return manifest.source().licenseFile() == null ? null : entries.get(manifest.source().licenseFile());
        }

        long splitSeed() {
            return manifest.training().get("split_seed") instanceof Number n ? n.longValue() : 1L;
        }

        /** A run folder or a pack file. */
        static Base open(Path from) {
            if (Files.isDirectory(from)) {
                Path newest = new RunDirectory(from, 1).checkpoints().newest()
                        .orElseThrow(() -> new FontganException(from, "run has no checkpoint yet"));
                byte[] pack = runPack(from);
                byte[] d = Checkpoints.read(newest).get("discriminator.params");
                return of(pack, from.toString(), d);
            }
            if (!Files.isRegularFile(from)) {
                throw new FontganException(from, "no such run folder or style pack");
            }
            try {
                if (Files.size(from) > StylePack.MAX_PACK_BYTES) {
                    throw new FontganException(from, "too large for a style pack");
                }
                return of(Files.readAllBytes(from), from.toString(), null);
            } catch (IOException e) {
                throw new FontganException(from, "cannot read: " + AtomicFile.describe(e), e);
            }
        }

        /** Checks the pack (it must load) and keeps its entries. */
        static Base of(byte[] pack, String where, byte[] discriminator) {
            try (StylePack check = StylePack.read(pack, where)) {
                if (check.hasLatentSpace()) {
                    throw new FontganException(where, "fine-tuning adds a style slot to a zi2zi model; a bicycle pack "
                            + "needs none: render --reference IMG... takes a style from pictures");
                }
                return new Base(where, pack, StylePack.unzip(pack, where), check.manifest(), discriminator);
            }
        }
    }

    /** The pack of a run's newest checkpoint: a fine-tune run's template with new weights, or an export. */
    static byte[] runPack(Path run) {
        if (Files.isRegularFile(run.resolve(TEMPLATE))) {
            return exportBytes(run).pack();
        }
        try {
            Path temp = Files.createTempFile("fontgan-base-", ".fgstyle");
            try {
                PackExport.export(run, temp, null, null);
                return Files.readAllBytes(temp);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new FontganException(run, "cannot export the run to start from it: " + AtomicFile.describe(e), e);
        }
    }

    /** A fine-tune run's pack and the checkpoint it came from. */
    public record Exported(byte[] pack, Path checkpoint, int styles) {}

    /**
     * The style pack of a fine-tune run's newest checkpoint: the template's manifest (its style
     * list includes any new style) and source font with the checkpoint's generator.
     *
     * @param metrics evaluation numbers for the manifest, or null
     */
    public static Exported exportBytes(Path runDir, Map<String, Object> metrics) {
        Path templateFile = runDir.resolve(TEMPLATE);
        byte[] template = readPack(templateFile);
        Map<String, byte[]> entries = StylePack.unzip(template, templateFile.toString());
        PackManifest m = PackManifest.parse(new String(entries.get(StylePack.MANIFEST_ENTRY), StandardCharsets.UTF_8),
                templateFile.toString());
        Path checkpoint = new RunDirectory(runDir, 1).checkpoints().newest()
                .orElseThrow(() -> new FontganException(runDir, "run has no checkpoint yet"));
        byte[] params = Checkpoints.part(Checkpoints.read(checkpoint), "generator.params", checkpoint);
        Map<String, Object> training = new LinkedHashMap<>(m.training());
        training.put("run", runDir.toAbsolutePath().normalize().toString());
        training.put("checkpoint", checkpoint.getFileName().toString());
        training.put("step", Checkpoints.stepOf(checkpoint));
        PackManifest tuned = new PackManifest(m.kind(), m.arch(), m.generator(), m.sizePx(), m.normalization(),
                m.source(), m.styles(), m.charsetSpec(), m.codePoints(), metrics == null ? m.metrics() : metrics,
                training, PackExport.createdBy(), m.zScale());
        byte[] license = m.source().licenseFile() == null ? null : entries.get(m.source().licenseFile());
        byte[] pack = StylePack.zip(tuned, params, entries.get(m.source().file()), license);
        try (StylePack check = StylePack.read(pack, checkpoint.toString())) {
            return new Exported(pack, checkpoint, check.styles().size());
        }
    }

    static Exported exportBytes(Path runDir) {
        return exportBytes(runDir, null);
    }

    private static byte[] readPack(Path file) {
        try {
            if (Files.size(file) > StylePack.MAX_PACK_BYTES) {
                throw new FontganException(file, "too large for a style pack");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new FontganException(file, "cannot read: " + AtomicFile.describe(e), e);
        }
    }

    /** Runs a fine-tune into {@code request.out()}. */
    public static Result run(Request r, Progress progress, StopSignal stop) {
        Mode mode = r.mode();
        if (r.steps() < 1) {
            throw new FontganException("--steps", "must be at least 1");
        }
        if (mode != Mode.STYLES && (r.maxChars() < 1 || r.maxChars() > 100_000)) {
            throw new FontganException("--max-chars", "must be between 1 and 100000");
        }
        Regime regime = r.regime() == null ? Regime.DEFAULT : r.regime();
        if (mode == Mode.STYLES && regime.valChars() > 0) {
            throw new FontganException("--val-chars", "validates a new style; --styles runs score the TEST split");
        }
        if (mode != Mode.STYLES && regime.valChars() > 0 && regime.valChars() >= r.maxChars()) {
            throw new FontganException("--val-chars", "must be below --max-chars (" + r.maxChars() + "): the rest trains");
        }
        if (mode == Mode.STYLES && regime.replay() != null) {
            throw new FontganException("--replay", "rehearses the model's styles while a new one learns; --styles "
                    + "runs train on those styles' data already");
        }
        if (mode == Mode.STYLES && r.data() == null) {
            throw new FontganException("--data", "--styles needs --data DATA (a glyph dataset holding those styles)");
        }
        TorchRuntime.configure();
        RunDirectory run = new RunDirectory(r.out(), 3);
        Path template = r.out().resolve(TEMPLATE);
        boolean resuming = r.resume() && run.checkpoints().newest().isPresent();
        if (r.resume() && !Files.isRegularFile(template) && run.exists()) {
            throw new FontganException(r.out(), "is not a fine-tune run (no " + TEMPLATE + ")");
        }
        if (!r.resume() && run.exists()) {
            throw new FontganException(r.out(), "already holds a run; use --resume to continue it or choose another --out");
        }
        // resuming: the template already has the final style list; else start from --from
        Base base = resuming ? Base.of(readPack(template), template.toString(), null) : Base.open(r.from());
        PackManifest m = base.manifest();
        Zi2ziArch arch = archOf(m, base.where());
        List<String> names = m.styles().stream().map(PackStyle::name).toList();

        Selection sel = switch (mode) {
            case STYLES -> selectStyles(r, base, names);
            case FONT, SAMPLES -> selectNewStyle(r, base, names, mode, resuming);
        };
        boolean grow = sel.newStyle() && !resuming;
        List<String> finalNames = new ArrayList<>(names);
        if (grow) {
            finalNames.add(sel.styleName());
        }
        int tunedId = sel.newStyle() ? finalNames.indexOf(sel.styleName()) : -1;
        List<TuningPairs.Sample> given = sel.withStyle(sel.train(), tunedId);
        // the last valChars of the K validate (the K are in seeded random order, so these are too)
        int valN = Math.min(regime.valChars(), Math.max(0, given.size() - 1));
        List<TuningPairs.Sample> train = given.subList(0, given.size() - valN);
        List<TuningPairs.Sample> validating = given.subList(given.size() - valN, given.size());
        List<TuningPairs.Sample> heldOut = sel.withStyle(sel.heldOut(), tunedId);
        List<TuningPairs.Sample> trainingSet = train;
        if (regime.replay() != null) {
            List<TuningPairs.Sample> replayed = replaySamples(regime.replay(), m, names, regime.replayPairs(), r.seed());
            trainingSet = new ArrayList<>(replayed);
            int copies = Math.max(1, (int) Math.round(replayed.size() / (double) train.size()));
            for (int c = 0; c < copies; c++) {
                trainingSet.addAll(train);
            }
        }
        TuningPairs pairs = new TuningPairs(m.sizePx(), finalNames, trainingSet, heldOut, r.seed())
                .withShift(regime.shift());

        Zi2ziConfig config = Zi2ziConfig.defaults().withArch(arch).withBatchSize(r.batchSize())
                .withLearningRate(r.learningRate(), 0, r.learningRate()).withSeed(r.seed())
                .withSchedule(r.sampleEvery(), r.checkpointEvery(), r.logEvery()).withDropout(regime.dropout());
        Map<String, Object> report = new LinkedHashMap<>();
        Zi2ziModel model = Zi2ziModel.create(arch, names.size(), m.sizePx(), r.seed());
        try {
            model.loadGenerator(base.generator(), base.where());
            if (base.discriminator() != null) {
                model.loadDiscriminator(base.discriminator(), base.where());
            }
            if (grow) {
                int from = -1;
                if (r.init() == Init.NEAREST) {
                    double[] probe = probe(model, train);
                    from = argmin(probe);
                    Map<String, Object> l1s = new LinkedHashMap<>();
                    for (int s = 0; s < probe.length; s++) {
                        l1s.put(names.get(s), probe[s]);
                    }
                    report.put("probe_l1", l1s);
                }
                report.put("init_from", from < 0 ? "mean" : names.get(from));
                Zi2ziModel grown = model.withExtraStyle(from);
                model.close();
                model = grown;
            }
            if (!resuming) {
                PackManifest tm = templateManifest(m, base, sel, finalNames, r);
                AtomicFile.write(template, StylePack.zip(tm, model.saveGenerator(), base.font(), base.license()));
            }
            report.putAll(Json.obj("mode", mode.name().toLowerCase(java.util.Locale.ROOT), "from",
                    r.from() == null ? null : r.from().toString(), "styles", sel.tuned(), "train_chars", train.size(),
                    "held_out_chars", heldOut.size(), "frozen_encoder", !r.unfreezeEncoder(), "steps", r.steps(),
                    "regime", regime.toJson()));
            if (sel.newStyle()) {
                report.put("chars", new String(codePoints(train), 0, train.size()));
                if (!validating.isEmpty()) {
                    report.put("val_chars", new String(codePoints(validating), 0, validating.size()));
                }
            }
            Map<String, Object> before = resuming ? previousBefore(r.out()) : Json.obj(
                    "train", score(model, scored(train)).toJson(), "held_out", heldOut.isEmpty() ? null
                            : score(model, heldOut).toJson());
            report.put("before", before);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }

        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("finetune", Json.obj("mode", mode.name().toLowerCase(java.util.Locale.ROOT), "from",
                r.from() == null ? null : r.from().toAbsolutePath().normalize().toString(), "styles", sel.tuned(),
                "frozen_encoder", !r.unfreezeEncoder(), "train_chars", train.size(), "regime", regime.toJson()));
        if (r.data() != null) {
            extra.put("data", r.data().toString());
        }
        Zi2ziModel owned = model;
        boolean[] taken = {false};
        Zi2ziTrainer.Result result;
        StopSignal signal = stop != null ? stop : new StopSignal();
        FineTuneValidation validation = validating.isEmpty() ? null
                : new FineTuneValidation(validating, heldOut, regime.patience(), signal);
        try {
            result = Zi2ziTrainer.train(() -> {
                taken[0] = true;
                owned.generator().unet().freezeDecoder(regime.decoderLevels());
                Zi2ziTrainer t = new Zi2ziTrainer(config, pairs, owned, !r.unfreezeEncoder());
                return validation == null ? t : t.validateEvery(regime.valEvery(), validation::validate);
            }, config, pairs, r.out(), r.steps(), resuming, extra, progress, signal);
        } finally {
            if (!taken[0]) {
                owned.close();
            }
        }
        if (validation != null) {
            keepBest(run, validation, result.endStep());
            report.put("validation", validation.toJson());
        }

        // score the newest checkpoint as it will be exported
        Path checkpoint = run.checkpoints().newest().orElseThrow();
        try (Zi2ziModel tuned = Zi2ziModel.create(arch, finalNames.size(), m.sizePx(), r.seed())) {
            tuned.loadGenerator(Checkpoints.part(Checkpoints.read(checkpoint), "generator.params", checkpoint),
                    checkpoint.toString());
            report.put("after", Json.obj("step", Checkpoints.stepOf(checkpoint),
                    "train", score(tuned, scored(train)).toJson(),
                    "held_out", heldOut.isEmpty() ? null : score(tuned, heldOut).toJson(),
                    "validation", validating.isEmpty() ? null : score(tuned, validating).toJson()));
        }
        AtomicFile.writeString(r.out().resolve(REPORT), Json.pretty(report));
        boolean stoppedEarly = validation != null && validation.stoppedEarly();
        return new Result(r.out(), mode, sel.tuned(), result.startStep(), result.endStep(), result.last(),
                result.stopped() && !stoppedEarly, report);
    }

    /**
     * Puts the best validated generator into the newest checkpoint (what export and resume read), so
     * the run ends with the weights its validation chose; the optimizer state stays the last one.
     */
    private static void keepBest(RunDirectory run, FineTuneValidation v, long endStep) {
        if (v.bestGenerator() == null || v.bestStep() == endStep) {
            return;
        }
        Path newest = run.checkpoints().newest().orElseThrow();
        Map<String, byte[]> parts = new LinkedHashMap<>(Checkpoints.read(newest));
        parts.put("generator.params", v.bestGenerator());
        run.checkpoints().save(Checkpoints.stepOf(newest), parts);
    }

    /**
     * The chosen training and held-out samples.
     * @param newStyle whether the samples are for a new style (their style ids are set later)
     * @param styleName the new style's name (FONT/SAMPLES)
     * @param tuned the names of the styles trained
     */
    record Selection(boolean newStyle, String styleName, List<String> tuned, List<TuningPairs.Sample> train,
            List<TuningPairs.Sample> heldOut, String family, String role) {
        List<TuningPairs.Sample> withStyle(List<TuningPairs.Sample> samples, int id) {
            if (!newStyle) {
                return samples;
            }
            return samples.stream().map(s -> new TuningPairs.Sample(s.codePoint(), s.source(), s.target(), id))
                    .toList();
        }
    }

    /** A glyph dataset the model can train on: same size, framing and source font. */
    private static GlyphDataset openMatching(Path data, PackManifest m) {
        GlyphDataset ds = GlyphDataset.open(data);
        if (ds.sizePx() != m.sizePx() || ds.normalization() != m.normalization()) {
            throw new FontganException(data, "dataset is " + ds.sizePx() + " px " + ds.normalization().id()
                    + "; the model works at " + m.sizePx() + " px " + m.normalization().id());
        }
        if (!ds.sourceEntry().sha256().equals(m.source().sha256())) {
            throw new FontganException(data, "dataset's source font (" + ds.sourceName()
                    + ") is not the model's source font (" + m.source().name() + ")");
        }
        return ds;
    }

    /** {@code count} training-split pairs (seeded choice) of the model's styles that the dataset has by name. */
    static List<TuningPairs.Sample> replaySamples(Path data, PackManifest m, List<String> names, int count, long seed) {
        GlyphDataset ds = openMatching(data, m);
        int[] modelIds = new int[ds.styleCount()];
        List<Integer> shared = new ArrayList<>();
        for (int d = 0; d < ds.styleCount(); d++) {
            modelIds[d] = names.indexOf(ds.styleNames().get(d));
            if (modelIds[d] >= 0) {
                shared.add(d);
            }
        }
        if (shared.isEmpty()) {
            throw new FontganException(data, "has none of the model's styles to replay (it has: "
                    + String.join(", ", ds.styleNames()) + ")");
        }
        PairedGlyphs pg = new PairedGlyphs(ds, Split.TRAIN, shared.stream().mapToInt(Integer::intValue).toArray());
        int[] order = PairedGlyphs.shuffled(java.util.stream.IntStream.range(0, pg.size()).toArray(),
                seed * 31L + 101);
        int area = pg.sizePx() * pg.sizePx();
        List<TuningPairs.Sample> out = new ArrayList<>();
        for (int i = 0; i < Math.min(count, order.length); i++) {
            int cp = pg.codePoint(order[i]);
            int d = pg.styleId(order[i]);
            byte[] src = new byte[area];
            byte[] tgt = new byte[area];
            ds.sourceStore().copyInto(cp, src, 0);
            ds.targetStore(d).copyInto(cp, tgt, 0);
            out.add(new TuningPairs.Sample(cp, src, tgt, modelIds[d]));
        }
        return out;
    }

    private static Selection selectStyles(Request r, Base base, List<String> names) {
        PackManifest m = base.manifest();
        GlyphDataset ds = openMatching(r.data(), m);
        List<String> tuned = new ArrayList<>();
        int[] dsIds = new int[r.styles().size()];
        int[] modelIds = new int[ds.styleCount()];
        for (int i = 0; i < r.styles().size(); i++) {
            String name = r.styles().get(i).trim();
            int id = names.indexOf(name);
            if (id < 0) {
                throw new FontganException("--styles", "unknown style '" + name + "' (the model has: "
                        + String.join(", ", names) + ")");
            }
            int dsId = ds.styleNames().indexOf(name);
            if (dsId < 0) {
                throw new FontganException(r.data(), "dataset has no style '" + name + "' (it has: "
                        + String.join(", ", ds.styleNames()) + ")");
            }
            if (!tuned.contains(name)) {
                tuned.add(name);
            }
            dsIds[i] = dsId;
            modelIds[dsId] = id;
        }
        int[] distinct = java.util.Arrays.stream(dsIds).distinct().toArray();
        List<TuningPairs.Sample> train = samplesOf(new PairedGlyphs(ds, Split.TRAIN, distinct), modelIds, -1);
        if (train.isEmpty()) {
            throw new FontganException(r.data(), "dataset has no training glyphs of " + String.join(", ", tuned));
        }
        List<TuningPairs.Sample> held = samplesOf(new PairedGlyphs(ds, Split.TEST, distinct), modelIds, MAX_HELD_OUT);
        return new Selection(false, null, tuned, train, held, null, null);
    }

    private static List<TuningPairs.Sample> samplesOf(PairedGlyphs pg, int[] modelIds, int max) {
        int n = max < 0 ? pg.size() : Math.min(max, pg.size());
        List<TuningPairs.Sample> out = new ArrayList<>(n);
        int area = pg.sizePx() * pg.sizePx();
        for (int i = 0; i < n; i++) {
            int cp = pg.codePoint(i);
            int ds = pg.styleId(i);
            byte[] src = new byte[area];
            byte[] tgt = new byte[area];
            pg.dataset().sourceStore().copyInto(cp, src, 0);
            pg.dataset().targetStore(ds).copyInto(cp, tgt, 0);
            out.add(new TuningPairs.Sample(cp, src, tgt, modelIds[ds]));
        }
        return out;
    }

    private static Selection selectNewStyle(Request r, Base base, List<String> names, Mode mode, boolean resuming) {
        PackManifest m = base.manifest();
        Map<Integer, GlyphImage> targets;
        String defaultName;
        String family;
        String where;
        if (mode == Mode.FONT) {
            FontFile font = FontFile.open(r.font());
            where = r.font();
            defaultName = FontCatalog.shortName(font);
            family = font.family();
            int[] charset = m.codePoints();
            GlyphRasterizer rasterizer = new GlyphRasterizer(m.sizePx(), m.normalization());
            targets = new LinkedHashMap<>();
            try (StylePack pack = StylePack.read(base.pack(), base.where())) {
                for (int cp : charset) {
                    if (font.has(cp) && pack.canWrite(cp)) {
                        GlyphImage g = rasterizer.rasterize(font, cp);
                        if (g != null) {
                            targets.put(cp, g);
                        }
                    }
                }
            }
            if (targets.isEmpty()) {
                throw new FontganException(r.font(), "shares no characters with the model's source font "
                        + m.source().name() + " in its charset (" + charset.length + " characters)");
            }
        } else {
            if (m.normalization() != Normalization.INK) {
                throw new FontganException(r.samples(), "pictures can only be framed for INK-normalized models; this"
                        + " one uses " + m.normalization().id());
            }
            where = r.samples().toString();
            targets = new LinkedHashMap<>(SampleImages.read(r.samples(), m.sizePx()));
            Path fn = r.samples().toAbsolutePath().normalize().getFileName();
            defaultName = fn == null ? "handwriting" : fn.toString();
            family = null;
            try (StylePack pack = StylePack.read(base.pack(), base.where())) {
                targets.keySet().removeIf(cp -> !pack.canWrite(cp));
            }
            if (targets.isEmpty()) {
                throw new FontganException(r.samples(), "none of the pictured characters is in the model's source font "
                        + m.source().name());
            }
        }
        String name = r.name() != null ? r.name().trim() : defaultName;
        if (name.isEmpty() || name.contains(",") || name.contains(":")) {
            throw new FontganException("--name", "a style name must be non-empty without ',' or ':'");
        }
        if (resuming) {
            if (!names.get(names.size() - 1).equals(name)) {
                throw new FontganException("--name", "the run being resumed trains style '"
                        + names.get(names.size() - 1) + "', not '" + name + "'");
            }
        } else if (names.contains(name)) {
            throw new FontganException("--name", "the model already has a style '" + name + "'; choose another --name");
        }

        long splitSeed = base.splitSeed();
        List<Integer> pool = new ArrayList<>();
        List<Integer> held = new ArrayList<>();
        for (int cp : targets.keySet()) {
            Split s = Split.of(cp, splitSeed);
            if (s == Split.TRAIN) {
                pool.add(cp);
            } else if (s == Split.TEST) {
                held.add(cp);
            }
        }
        if (pool.isEmpty()) {
            if (mode == Mode.FONT) {
                throw new FontganException(r.font(), "shares no training-split characters with the model's source font");
            }
            pool.addAll(held); // a handful of pictures that all fall in the test split: train on them anyway
            held.clear();
        }
        int[] order = PairedGlyphs.shuffled(pool.stream().mapToInt(Integer::intValue).toArray(), r.seed() * 7_919L + 17);
        int k = Math.min(r.maxChars(), order.length);
        int[] chosen = java.util.Arrays.copyOf(order, k);
        int[] heldCps = held.stream().mapToInt(Integer::intValue).limit(MAX_HELD_OUT).toArray();

        List<TuningPairs.Sample> train;
        List<TuningPairs.Sample> heldOut;
        try (StylePack pack = StylePack.read(base.pack(), base.where())) {
            train = pairsOf(pack, chosen, targets);
            heldOut = pairsOf(pack, heldCps, targets);
        }
        return new Selection(true, name, List.of(name), train, heldOut, family,
                mode == Mode.FONT ? "target" : "handwriting");
    }

    private static List<TuningPairs.Sample> pairsOf(StylePack pack, int[] cps, Map<Integer, GlyphImage> targets) {
        GlyphImage[] sources = pack.sources(cps);
        List<TuningPairs.Sample> out = new ArrayList<>();
        for (int i = 0; i < cps.length; i++) {
            if (sources[i] != null) {
                out.add(new TuningPairs.Sample(cps[i], sources[i].pixels(), targets.get(cps[i]).pixels(), -1));
            }
        }
        return out;
    }

    /** The named architecture with the pack's generator shape (packs of an older default keep theirs). */
    private static Zi2ziArch archOf(PackManifest m, String where) {
        return Zi2ziArch.withGenerator(Zi2ziGeneratorSpec.fromJson(m.generator(), where))
                .orElseThrow(() -> new FontganException(where, "the generator of architecture '" + m.arch()
                        + "' matches none of this fontgan's; it can be used but not fine-tuned"));
    }

    private static PackManifest templateManifest(PackManifest m, Base base, Selection sel, List<String> finalNames,
            Request r) {
        List<PackStyle> styles = new ArrayList<>(m.styles());
        if (sel.newStyle()) {
            styles.add(new PackStyle(sel.styleName(), finalNames.size() - 1, sel.family(), null, sel.role()));
        }
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("finetune_of", base.where());
        training.put("base_training", m.training());
        training.put("split_seed", base.splitSeed());
        training.put("finetune", Json.obj("styles", sel.tuned(), "train_chars", sel.train().size(),
                "frozen_encoder", !r.unfreezeEncoder()));
        return new PackManifest(m.kind(), m.arch(), m.generator(), m.sizePx(), m.normalization(), m.source(), styles,
                m.charsetSpec(), m.codePoints(), new LinkedHashMap<>(), training, PackExport.createdBy(), m.zScale());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> previousBefore(Path out) {
        Path f = out.resolve(REPORT);
        if (Files.isRegularFile(f)) {
            try {
                Object b = Json.parseObject(Files.readString(f), f.toString()).get("before");
                if (b instanceof Map<?, ?> map) {
                    return (Map<String, Object>) map;
                }
            } catch (IOException | FontganException e) {
                // an unreadable old report only loses the "before" numbers
            }
        }
        return null;
    }

    /** Mean L1 of the model's output in each existing style against the new glyphs (first {@link #PROBE_GLYPHS}). */
    static double[] probe(Zi2ziModel model, List<TuningPairs.Sample> train) {
        List<TuningPairs.Sample> some = train.subList(0, Math.min(PROBE_GLYPHS, train.size()));
        double[] l1 = new double[model.styleCount()];
        TuningPairs view = new TuningPairs(model.sizePx(), java.util.Collections.nCopies(model.styleCount(), "s"),
                some.stream().map(s -> new TuningPairs.Sample(s.codePoint(), s.source(), s.target(), 0)).toList(),
                List.of(), 0);
        try (NDManager sub = model.manager().newSubManager()) {
            var b = view.of(view.training().toArray(new TuningPairs.Sample[0]), sub);
            long n = some.size();
            for (int s = 0; s < l1.length; s++) {
                int[] ids = new int[(int) n];
                java.util.Arrays.fill(ids, s);
                NDArray out = model.generate(b.source(), sub.create(ids));
                l1[s] = out.sub(b.target()).abs().mean().getFloat() / 2; // [-1, 1] -> ink [0, 1]
            }
        }
        return l1;
    }

    private static int argmin(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] < v[best]) {
                best = i;
            }
        }
        return best;
    }

    /** L1, RMSE, SSIM, PSNR, ink recall of the model's outputs (eval mode) against the samples' targets. */
    static Metrics.Summary score(Zi2ziModel model, List<TuningPairs.Sample> samples) {
        int area = model.sizePx() * model.sizePx();
        float[] out = new float[samples.size() * area];
        float[] tgt = new float[samples.size() * area];
        TuningPairs view = new TuningPairs(model.sizePx(), java.util.Collections.nCopies(model.styleCount(), "s"),
                samples, List.of(), 0);
        for (int from = 0; from < samples.size(); from += EVAL_BATCH) {
            int to = Math.min(samples.size(), from + EVAL_BATCH);
            try (NDManager sub = model.manager().newSubManager()) {
                var b = view.of(samples.subList(from, to).toArray(new TuningPairs.Sample[0]), sub);
                float[] o = model.generate(b.source(), b.styles()).toFloatArray();
                float[] t = b.target().toFloatArray();
                for (int i = 0; i < o.length; i++) {
                    out[from * area + i] = (o[i] + 1f) / 2f;
                    tgt[from * area + i] = (t[i] + 1f) / 2f;
                }
            }
        }
        return Metrics.compare(InkImages.ofInk(out, samples.size(), model.sizePx()),
                InkImages.ofInk(tgt, samples.size(), model.sizePx())).summary();
    }

    private static List<TuningPairs.Sample> scored(List<TuningPairs.Sample> train) {
        return train.subList(0, Math.min(MAX_SCORED_TRAIN, train.size()));
    }

    private static int[] codePoints(List<TuningPairs.Sample> samples) {
        return samples.stream().mapToInt(TuningPairs.Sample::codePoint).toArray();
    }
}
