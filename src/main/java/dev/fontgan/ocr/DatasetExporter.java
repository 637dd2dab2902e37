package dev.fontgan.ocr;

import dev.fontgan.AtomicFile;
import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.Progress;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a dataset: samples are cut into shards (index ranges); a shard's lines are planned from
 * the seed and the index alone, rendered, and their files written straight to their names; when
 * the shard is complete its manifest rows are written atomically to {@code .shards/NNNNN.jsonl},
 * which commits the shard. When every shard is done the label files (and LMDB databases) are
 * assembled from the shard rows in index order, then {@code dataset.json}, which marks the set
 * finished, then {@code .shards} is removed; a kill before {@code dataset.json} redoes that step.
 *
 * <p>So the same spec gives the same bytes whatever the worker count, and a killed run started
 * again skips committed shards and redoes the others from scratch (rewriting every file of the
 * shard, so one a kill cut short is replaced whole), ending with exactly {@code count} samples.
 * Per-sample temporaries and renames are not needed for that and cost two directory updates per
 * file. A shard depends on nothing but the spec and its range: a distributed engine could run
 * shards elsewhere and drop their rows into {@code .shards}.
 */
public final class DatasetExporter {
    /** Samples per shard (and per image folder). */
    public static final int SHARD_SIZE = 500;
    static final String STATE_DIR = ".shards";
    static final String SUMMARY = "dataset.json";
    static final String LMDB_DIR = "lmdb";
    /** Where the LMDB databases are built before they are renamed to {@link #LMDB_DIR}. */
    static final String LMDB_PARTIAL = ".lmdb.partial";
    static final int FORMAT_VERSION = 1;
    private static final int JPEG_QUALITY = 95;

    private final DatasetSpec spec;
    private final Path out;
    private final SamplePlanner planner;
    private final int shardSize;

    public DatasetExporter(DatasetSpec spec, Path out) {
        this(spec, out, SHARD_SIZE);
    }

    /** With another shard size (tests use small shards). */
    DatasetExporter(DatasetSpec spec, Path out, int shardSize) {
        this.spec = spec;
        this.out = out;
        this.shardSize = shardSize;
        this.planner = new SamplePlanner(spec.text(), spec.styles(), spec.augment(), spec.uncovered(), spec.fallbacks(),
                spec.seed(), spec.heightPx());
    }

    public SamplePlanner planner() {
        return planner;
    }

    public long shardCount() {
        return (spec.count() + shardSize - 1) / shardSize;
    }

    /** What happened in one call of {@link #run}. */
    public record Result(Map<String, Object> summary, long samplesMade, long samplesResumed, boolean alreadyComplete) {}

    /**
     * Makes (or finishes) the dataset with {@code workers} threads.
     *
     * @param stopAfterShards stop after this many shards were made in this call, leaving the dataset
     *                        unfinished (a stand-in for a kill, for tests); negative: no limit
     */
    public Result run(int workers, Progress progress, int stopAfterShards) {
        if (workers < 1 || workers > 256) {
            throw new FontganException("--workers", "expected 1..256, got " + workers);
        }
        String options = Json.write(spec.options());
        Path summaryFile = out.resolve(SUMMARY);
        Path state = out.resolve(STATE_DIR);
        if (Files.isRegularFile(summaryFile)) {
            Map<String, Object> summary = Json.parseObject(read(summaryFile), summaryFile.toString());
            if (!options.equals(Json.write(summary.get("options")))) {
                throw new FontganException(out, "holds a finished dataset made with other options; choose another --out");
            }
            deleteTree(state);
            return new Result(summary, 0, spec.count(), true);
        }
        prepare(state, options);

        List<Integer> todo = new ArrayList<>();
        long resumed = 0;
        for (int s = 0; s < shardCount(); s++) {
            if (Files.isRegularFile(shardRows(s))) {
                resumed += shardEnd(s) - shardStart(s);
            } else {
                todo.add(s);
            }
        }
        int limit = stopAfterShards < 0 ? todo.size() : Math.min(stopAfterShards, todo.size());
        progress.start("dataset", spec.count());
        if (resumed > 0) {
            progress.resumeAt(resumed);
        }
        long made = 0;
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, Math.max(1, limit)), r -> {
            Thread t = new Thread(r, "dataset-worker");
            t.setDaemon(true);
            return t;
        });
        ThreadLocal<LineRenderer> renderers = ThreadLocal.withInitial(
                () -> new LineRenderer(spec.styles(), spec.fallbacks()));
        Progress shared = synchronizedProgress(progress);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int k = 0; k < limit; k++) {
                int shard = todo.get(k);
                futures.add(pool.submit(() -> makeShard(shard, renderers.get(), shared)));
            }
            for (Future<Integer> f : futures) {
                made += f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FontganException(out, "interrupted; run the same command again to resume");
        } finally {
            pool.shutdownNow();
        }
        if (limit < todo.size()) {
            progress.close();
            return new Result(null, made, resumed, false);
        }
        progress.status("writing labels");
        Map<String, Object> summary = finish(state, options);
        progress.close();
        return new Result(summary, made, resumed, false);
    }

    private void prepare(Path state, String options) {
        Path optionsFile = state.resolve("options.json");
        if (Files.isRegularFile(optionsFile)) {
            if (!options.equals(read(optionsFile).strip())) {
                throw new FontganException(out, "holds an unfinished dataset made with other options; run the same "
                        + "command to finish it, or choose another --out");
            }
            return;
        }
        if (Files.exists(out)) {
            if (!Files.isDirectory(out)) {
                throw new FontganException(out, "is a file, expected a folder for the dataset");
            }
            try (DirectoryStream<Path> d = Files.newDirectoryStream(out)) {
                if (d.iterator().hasNext()) {
                    throw new FontganException(out, "is not empty and holds no fontgan dataset; choose a new or empty --out");
                }
            } catch (IOException e) {
                throw new FontganException(out, "cannot read: " + AtomicFile.describe(e), e);
            }
        }
        AtomicFile.writeString(optionsFile, options + "\n");
    }

    long shardStart(int shard) {
        return (long) shard * shardSize;
    }

    long shardEnd(int shard) {
        return Math.min(spec.count(), shardStart(shard) + shardSize);
    }

    private Path shardRows(int shard) {
        return out.resolve(STATE_DIR).resolve(String.format("%05d.jsonl", shard));
    }

    /** Image path of a sample, relative to the dataset folder. */
    String imagePath(long index) {
        return "images/" + zeroPadded(index / shardSize, 5) + "/" + zeroPadded(index, 8) + spec.imageExtension();
    }

    /** {@code value} in decimal, left-padded with zeros to {@code digits} (String.format is slow per sample). */
    static String zeroPadded(long value, int digits) {
        String s = Long.toString(value);
        return s.length() >= digits ? s : "0".repeat(digits - s.length()) + s;
    }

    /** Renders, writes and records one shard; returns its sample count. */
    private int makeShard(int shard, LineRenderer renderer, Progress progress) {
        Path dir = out.resolve(String.format("images/%05d", shard));
        removeTemporaries(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new FontganException(dir, "cannot create: " + AtomicFile.describe(e), e);
        }
        StringBuilder rows = new StringBuilder();
        int n = 0;
        for (long i = shardStart(shard); i < shardEnd(shard); i++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new FontganException(out, "interrupted; run the same command again to resume");
            }
            LinePlan plan = planner.plan(i);
            LineImage image = renderer.render(plan);
            String path = imagePath(i);
            writeSampleFile(out.resolve(path), encode(image));
            if (spec.formats().contains(LabelFormat.TESSTRAIN)) {
                String base = path.substring(0, path.length() - spec.imageExtension().length());
                writeSampleFile(out.resolve(base + ".gt.txt"), (plan.text() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            rows.append(Json.write(row(plan, path, image))).append('\n');
            n++;
            progress.advance(1);
        }
        AtomicFile.writeString(shardRows(shard), rows.toString());
        return n;
    }

    /** The image file's bytes: PNG (greyscale when the line is grey), or JPEG at quality 95. */
    public byte[] encode(LineImage image) {
        return spec.jpeg() ? LineRenderer.jpeg(image, JPEG_QUALITY) : LinePng.encode(image);
    }

    /** Whether sample {@code index} belongs to the validation split. */
    public boolean isVal(long index) {
        long h = SamplePlanner.sampleSeed(spec.seed() ^ 0x7A1_5EED_5EEDL, index);
        return (h >>> 11) * 0x1.0p-53 < spec.valFraction();
    }

    Map<String, Object> row(LinePlan plan, String path, LineImage image) {
        Style style = spec.styles().named(plan.style());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", plan.index());
        m.put("path", path);
        m.put("text", plan.text());
        m.put("split", isVal(plan.index()) ? "val" : "train");
        m.put("style", plan.style());
        if (plan.styleSeed() != null) {
            m.put("style_seed", plan.styleSeed());
        }
        m.put("font", style.font());
        m.put("seed", plan.seed());
        m.put("width", image.widthPx());
        m.put("height", image.heightPx());
        m.put("substitute", plan.substitute());
        m.put("aug", plan.aug().toJson());
        m.put("guard", Json.obj("skipped_texts", plan.skippedTexts(), "restyled", plan.restyled(),
                "substituted", plan.substituted(), "dropped", plan.dropped(), "uppercased", plan.uppercased()));
        return m;
    }

    /** The plan a manifest row records (to make its image again). */
    @SuppressWarnings("unchecked")
    public static LinePlan planOf(Map<String, Object> row) {
        String where = "manifest row " + row.get("index");
        Map<String, Object> guard = (Map<String, Object>) row.get("guard");
        return new LinePlan(((Number) row.get("index")).longValue(), ((Number) row.get("seed")).longValue(),
                (String) row.get("text"), (String) row.get("style"), Boolean.TRUE.equals(row.get("substitute")),
                ((Number) row.get("height")).intValue(), Augmentation.fromJson((Map<String, Object>) row.get("aug"), where),
                ((Number) guard.get("skipped_texts")).intValue(), Boolean.TRUE.equals(guard.get("restyled")),
                ((Number) guard.get("substituted")).intValue(), ((Number) guard.get("dropped")).intValue(),
                row.get("style_seed") instanceof Number s ? s.longValue() : null,
                Boolean.TRUE.equals(guard.get("uppercased")));
    }

    /** Assembles the label files from the shard rows, in index order, then the summary. */
    private Map<String, Object> finish(Path state, String options) {
        boolean paddle = spec.formats().contains(LabelFormat.PADDLEOCR);
        TreeSet<Integer> charset = new TreeSet<>();
        Map<String, Long> perStyle = new TreeMap<>();
        long[] counts = new long[7]; // train, val, skipped texts, restyled, substituted, dropped, uppercased
        boolean[] space = {false};
        int shards = (int) shardCount();
        Path trainFile = out.resolve(paddle ? "train.txt" : ".train.txt.unused");
        Path valFile = out.resolve(paddle ? "val.txt" : ".val.txt.unused");
        removeTemporaries(out); // of atomic writes a kill cut short in an earlier finish
        AtomicFile.write(trainFile, train -> AtomicFile.write(valFile, val -> forEachRow(row -> {
            String text = (String) row.get("text");
            boolean isVal = "val".equals(row.get("split"));
            counts[isVal ? 1 : 0]++;
            text.codePoints().filter(cp -> cp != ' ').forEach(charset::add);
            space[0] |= text.indexOf(' ') >= 0;
            perStyle.merge((String) row.get("style"), 1L, Long::sum);
            @SuppressWarnings("unchecked")
            Map<String, Object> guard = (Map<String, Object>) row.get("guard");
            counts[2] += ((Number) guard.get("skipped_texts")).longValue();
            counts[3] += Boolean.TRUE.equals(guard.get("restyled")) ? 1 : 0;
            counts[4] += ((Number) guard.get("substituted")).longValue();
            counts[5] += ((Number) guard.get("dropped")).longValue();
            counts[6] += Boolean.TRUE.equals(guard.get("uppercased")) ? 1 : 0;
            byte[] label = (row.get("path") + "\t" + text + "\n").getBytes(StandardCharsets.UTF_8);
            (isVal ? val : train).write(label);
        })));
        if (!paddle) {
            deleteQuietly(trainFile);
            deleteQuietly(valFile);
        } else {
            StringBuilder dict = new StringBuilder();
            charset.forEach(cp -> dict.appendCodePoint(cp).append('\n'));
            AtomicFile.writeString(out.resolve("dict.txt"), dict.toString());
        }
        if (spec.formats().contains(LabelFormat.JSONL)) {
            AtomicFile.write(out.resolve("manifest.jsonl"), o -> {
                for (int s = 0; s < shards; s++) {
                    Files.copy(shardRows(s), o);
                }
            });
        }
        if (spec.formats().contains(LabelFormat.MMOCR)) {
            AtomicFile.write(out.resolve(MmocrAnnotations.TRAIN), train -> AtomicFile.write(out.resolve(MmocrAnnotations.VAL),
                    val -> {
                        MmocrAnnotations t = new MmocrAnnotations(train);
                        MmocrAnnotations v = new MmocrAnnotations(val);
                        forEachRow(row -> ("val".equals(row.get("split")) ? v : t).add((String) row.get("path"),
                                (String) row.get("text")));
                        t.finish();
                        v.finish();
                    }));
        }
        if (spec.formats().contains(LabelFormat.LMDB)) {
            writeLmdb();
        }
        StringBuilder chars = new StringBuilder();
        charset.forEach(chars::appendCodePoint);
        List<Object> styles = new ArrayList<>();
        for (Object o : spec.styles().describe()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) o);
            m.put("samples", perStyle.getOrDefault((String) m.get("name"), 0L));
            styles.add(m);
        }
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("images", "images/NNNNN/NNNNNNNN" + spec.imageExtension());
        if (paddle) {
            files.put("paddleocr", Json.obj("train", "train.txt", "val", "val.txt", "dict", "dict.txt",
                    "use_space_char", space[0]));
        }
        if (spec.formats().contains(LabelFormat.TESSTRAIN)) {
            files.put("tesstrain", "images/NNNNN/NNNNNNNN.gt.txt beside each image");
        }
        if (spec.formats().contains(LabelFormat.JSONL)) {
            files.put("jsonl", "manifest.jsonl");
        }
        if (spec.formats().contains(LabelFormat.MMOCR)) {
            files.put("mmocr", Json.obj("train", MmocrAnnotations.TRAIN, "val", MmocrAnnotations.VAL));
        }
        if (spec.formats().contains(LabelFormat.LMDB)) {
            files.put("lmdb", Json.obj("train", LMDB_DIR + "/train", "val", LMDB_DIR + "/val",
                    "keys", "image-%09d, label-%09d (from 1), num-samples"));
        }
        Map<String, Object> summary = Json.obj(
                "format_version", FORMAT_VERSION,
                "fontgan_version", version(),
                "count", counts[0] + counts[1], "train", counts[0], "val", counts[1],
                "charset_size", charset.size(), "charset", chars.toString(),
                "styles", styles,
                "coverage_guard", Json.obj("policy", spec.uncovered().id(), "skipped_texts", counts[2],
                        "restyled", counts[3], "substituted_chars", counts[4], "dropped_chars", counts[5],
                        "uppercased_lines", counts[6]),
                "files", files,
                "options", Json.parseObject(options, "options"));
        AtomicFile.writeString(out.resolve(SUMMARY), Json.pretty(summary));
        deleteTree(state);
        return summary;
    }

    /** What a pass over the shard rows does with each. */
    @FunctionalInterface
    private interface RowVisitor {
        void visit(Map<String, Object> row) throws IOException;
    }

    /** Visits the row of every sample in index order, one at a time (memory does not grow with the count). */
    private void forEachRow(RowVisitor visitor) throws IOException {
        for (int s = 0; s < shardCount(); s++) {
            Path rows = shardRows(s);
            try (BufferedReader in = Files.newBufferedReader(rows, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    visitor.visit(Json.parseObject(line, rows.toString()));
                }
            }
        }
    }

    /**
     * Builds {@code lmdb/train} and {@code lmdb/val} from the image files and the shard rows in a hidden
     * folder, then renames it into place: a kill leaves no half database, and the next run (the
     * dataset is unfinished until {@code dataset.json} exists) builds it again from scratch.
     */
    private void writeLmdb() {
        Path partial = out.resolve(LMDB_PARTIAL);
        Path done = out.resolve(LMDB_DIR);
        deleteTree(partial);
        long[] samples = new long[2];
        long[] bytes = new long[2];
        try {
            forEachRow(row -> {
                int split = "val".equals(row.get("split")) ? 1 : 0;
                samples[split]++;
                bytes[split] += Files.size(out.resolve((String) row.get("path")))
                        + ((String) row.get("text")).getBytes(StandardCharsets.UTF_8).length;
            });
            try (LmdbWriter train = new LmdbWriter(partial.resolve("train"), LmdbWriter.mapSizeFor(samples[0], bytes[0]));
                 LmdbWriter val = new LmdbWriter(partial.resolve("val"), LmdbWriter.mapSizeFor(samples[1], bytes[1]))) {
                forEachRow(row -> ("val".equals(row.get("split")) ? val : train).add(
                        Files.readAllBytes(out.resolve((String) row.get("path"))), (String) row.get("text")));
                train.finish();
                val.finish();
            }
            deleteTree(done);
            Files.move(partial, done, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new FontganException(partial, "cannot build the LMDB databases: " + AtomicFile.describe(e), e);
        }
    }

    static String version() {
        String v = DatasetExporter.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static Progress synchronizedProgress(Progress p) {
        return new Progress() {
            @Override public synchronized void start(String task, long total) { p.start(task, total); }
            @Override public synchronized void advance(long amount) { p.advance(amount); }
            @Override public synchronized void status(String text) { p.status(text); }
            @Override public synchronized void close() { p.close(); }
        };
    }

    /**
     * Writes (or overwrites) a file of an uncommitted shard in place. A kill may leave it short,
     * but the shard is then not committed and the next run rewrites all of its files.
     */
    static void writeSampleFile(Path target, byte[] bytes) {
        try {
            Files.write(target, bytes);
        } catch (IOException e) {
            throw new FontganException(target, "cannot write: " + AtomicFile.describe(e), e);
        }
    }

    /** Hidden {@code .NAME.tmp} files that runs of earlier versions (per-sample temporaries) left at a kill. */
    private static void removeTemporaries(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> d = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path p : d) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new FontganException(dir, "cannot clean up: " + AtomicFile.describe(e), e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FontganException(p, "cannot read: " + AtomicFile.describe(e), e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover hidden file does no harm
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new FontganException(dir, "cannot remove: " + AtomicFile.describe(e), e);
        }
    }
}
