package dev.fontgan.eval;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.fontgan.AtomicFile;
import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.TorchRuntime;
import dev.fontgan.glyph.Normalization;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The project's own glyph classifier: a small CNN that tells which character (content) and which
 * font (style) a glyph image shows, and whose penultimate layer is the feature space of
 * glyph-FID. Images of another size are resampled to {@link #sizePx()} first.
 *
 * <p>Stored as a zip: {@code manifest.json} (format, version, image size, normalization,
 * architecture, code points, style names, training facts) and {@code classifier.params} (DJL's
 * parameter format). Loading checks every shape against the manifest and refuses a mismatch.
 */
public final class GlyphClassifier implements AutoCloseable {
    public static final String FORMAT = "fontgan-glyph-classifier";
    public static final int VERSION = 1;
    /** Where the shipped classifier lives on the class path. */
    public static final String DEFAULT_RESOURCE = "/dev/fontgan/eval/glyph-classifier.zip";
    static final String MANIFEST_ENTRY = "manifest.json";
    static final String PARAMS_ENTRY = "classifier.params";
    /** Larger classifier files are refused before reading. */
    static final long MAX_FILE_BYTES = 128L << 20;
    private static final int BATCH = 256;

    private final Model model;
    private final ClassifierNet net;
    private final int sizePx;
    private final Normalization normalization;
    private final int[] codePoints;
    private final List<String> styleNames;
    private final HeldOutPairs heldOut;
    private final Map<Integer, Integer> contentIndex = new HashMap<>();
    private final Map<String, Integer> styleIndex = new HashMap<>();
    private Map<String, Object> training = new LinkedHashMap<>();

    private GlyphClassifier(ClassifierArch arch, int sizePx, Normalization normalization, int[] codePoints,
            List<String> styleNames, HeldOutPairs heldOut) {
        if (sizePx % (1 << ClassifierNet.STAGES) != 0 || sizePx < 16 || sizePx > 256) {
            throw new FontganException("--size", "classifier image size must be a multiple of 16 in 16..256, got "
                    + sizePx);
        }
        if (codePoints.length == 0 || styleNames.isEmpty()) {
            throw new IllegalArgumentException("a classifier needs at least one character and one style");
        }
        TorchRuntime.configure();
        this.sizePx = sizePx;
        this.normalization = normalization;
        this.codePoints = codePoints.clone();
        this.styleNames = List.copyOf(styleNames);
        this.heldOut = heldOut;
        for (int i = 0; i < codePoints.length; i++) {
            if (contentIndex.putIfAbsent(codePoints[i], i) != null) {
                throw new IllegalArgumentException("duplicate code point U+" + Integer.toHexString(codePoints[i]));
            }
        }
        for (int i = 0; i < styleNames.size(); i++) {
            if (styleIndex.putIfAbsent(styleNames.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate style name " + styleNames.get(i));
            }
        }
        this.net = new ClassifierNet(arch, codePoints.length, styleNames.size());
        net.setInitializer(new ai.djl.training.initializer.XavierInitializer(), Parameter.Type.WEIGHT);
        this.model = Model.newInstance("glyph-classifier");
        model.setBlock(net);
    }

    /** A new, untrained classifier; its parameters are initialized by the trainer. */
    static GlyphClassifier create(ClassifierArch arch, int sizePx, Normalization normalization, int[] codePoints,
            List<String> styleNames, HeldOutPairs heldOut) {
        return new GlyphClassifier(arch, sizePx, normalization, codePoints, styleNames, heldOut);
    }

    /** Initializes fresh parameters (seeded by the engine's global seed); training does this itself. */
    void initializeParameters() {
        net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, sizePx, sizePx));
    }

    Model model() {
        return model;
    }

    ClassifierNet net() {
        return net;
    }

    /** Input image side in pixels. */
    public int sizePx() {
        return sizePx;
    }

    /** How the training glyphs were placed; inputs should be normalized the same way. */
    public Normalization normalization() {
        return normalization;
    }

    public ClassifierArch arch() {
        return net.arch();
    }

    /** The content classes: code point of each class index. */
    public int[] codePoints() {
        return codePoints.clone();
    }

    /** The style classes: font name of each class index. */
    public List<String> styleNames() {
        return styleNames;
    }

    /** The (font, character) pairs kept out of training. */
    public HeldOutPairs heldOut() {
        return heldOut;
    }

    /** Facts about the training run, as stored in the manifest. */
    public Map<String, Object> training() {
        return training;
    }

    void setTraining(Map<String, Object> facts) {
        this.training = new LinkedHashMap<>(facts);
    }

    /** Width of the feature vectors. */
    public int featureDims() {
        return net.arch().embedDim();
    }

    /** Content class of a code point, or -1. */
    public int contentClass(int codePoint) {
        return contentIndex.getOrDefault(codePoint, -1);
    }

    /** Style class of a font name, or -1. */
    public int styleClass(String name) {
        return styleIndex.getOrDefault(name, -1);
    }

    /** The classifier's outputs for a batch of glyphs. */
    public record Predictions(int[] contentClass, int[] codePoint, int[] styleClass, float[][] features) {
        public int count() {
            return contentClass.length;
        }
    }

    /**
     * Classifies glyphs in batches.
     *
     * @param glyphs (N, 1, H, H) in [-1, 1]; any H (resampled to {@link #sizePx()})
     */
    public Predictions predict(NDArray glyphs) {
        return predict(InkImages.ofSigned(glyphs));
    }

    /** Classifies glyphs in batches; any size (resampled to {@link #sizePx()}). */
    public Predictions predict(InkImages images) {
        return predict(images, null);
    }

    /**
     * Classifies glyphs whose character is known to be one of {@code among} (a closed set, as a
     * class-conditional GAN's classes): the content answer is the best-scoring character of that
     * set, so a '0' is never "wrong" for looking like an 'O' the set does not contain.
     * @param among the candidate code points (ones the classifier does not know are ignored); null for every class
     */
    public Predictions predict(NDArray glyphs, int[] among) {
        return predict(InkImages.ofSigned(glyphs), among);
    }

    private Predictions predict(InkImages images, int[] among) {
        float[] mask = among == null ? null : contentMask(among);
        InkImages in = images.resized(sizePx);
        int n = in.count();
        int[] content = new int[n];
        int[] cps = new int[n];
        int[] style = new int[n];
        float[][] features = new float[n][];
        int dims = featureDims();
        for (int from = 0; from < n; from += BATCH) {
            int to = Math.min(n, from + BATCH);
            try (NDManager sub = model.getNDManager().newSubManager()) {
                NDList out = forward(in.slice(from, to).toSigned(sub), false, sub);
                NDArray logits = mask == null ? out.get(0) : out.get(0).add(sub.create(mask));
                long[] c = logits.argMax(1).toLongArray();
                long[] s = out.get(1).argMax(1).toLongArray();
                float[] f = out.get(2).toFloatArray();
                for (int i = from; i < to; i++) {
                    content[i] = (int) c[i - from];
                    cps[i] = codePoints[content[i]];
                    style[i] = (int) s[i - from];
                    features[i] = java.util.Arrays.copyOfRange(f, (i - from) * dims, (i - from + 1) * dims);
                }
            }
        }
        return new Predictions(content, cps, style, features);
    }

    /** 0 for the content classes of {@code among}, -infinity for the rest (added to the logits). */
    private float[] contentMask(int[] among) {
        float[] mask = new float[codePoints.length];
        java.util.Arrays.fill(mask, Float.NEGATIVE_INFINITY);
        for (int cp : among) {
            int k = contentClass(cp);
            if (k >= 0) { // unknown characters cannot be answered; accuracy skips them
                mask[k] = 0f;
            }
        }
        return mask;
    }

    /** Feature vectors (the embedding before the heads) for glyph-FID; any size. */
    public float[][] features(InkImages images) {
        return predict(images).features();
    }

    /**
     * Features for a training loss (BicycleGAN's feature loss): eval mode, differentiable with
     * respect to the glyphs, and this classifier's weights frozen from now on so a generator's
     * backward pass leaves them alone. Results attach to the input's manager.
     * The operator takes (N, 1, S, S) in [-1, 1] with S = {@link #sizePx()} and gives (N, {@link #featureDims()}).
     */
    public java.util.function.UnaryOperator<NDArray> lossFeatures() {
        dev.fontgan.nn.Weights.freezeLearned(net, true);
        return glyphs -> {
            Shape s = glyphs.getShape();
            if (s.dimension() != 4 || s.get(1) != 1 || s.get(2) != sizePx || s.get(3) != sizePx) {
                throw new IllegalArgumentException("glyphs must be (N, 1, " + sizePx + ", " + sizePx + "), got " + s);
            }
            return forward(glyphs, false, glyphs.getManager()).get(2);
        };
    }

    /**
     * Runs the network.
     *
     * @param glyphs (N, 1, S, S) in [-1, 1] with S = {@link #sizePx()}
     * @return content logits (N, K_content), style logits (N, K_style), features (N, E)
     */
    NDList forward(NDArray glyphs, boolean training, NDManager manager) {
        return net.forward(new ParameterStore(manager, false), new NDList(glyphs), training);
    }

    /** Share of predictions whose character is the expected one; code points the classifier does not know are skipped. */
    public Accuracy contentAccuracy(Predictions p, int[] expectedCodePoints) {
        check(p.count(), expectedCodePoints.length);
        int correct = 0;
        int total = 0;
        int skipped = 0;
        for (int i = 0; i < p.count(); i++) {
            int want = contentClass(expectedCodePoints[i]);
            if (want < 0) {
                skipped++;
                continue;
            }
            total++;
            correct += p.contentClass()[i] == want ? 1 : 0;
        }
        return new Accuracy(correct, total, skipped);
    }

    /** Share of predictions whose font is the expected one; style names the classifier does not know are skipped. */
    public Accuracy styleAccuracy(Predictions p, String[] expectedStyles) {
        check(p.count(), expectedStyles.length);
        int correct = 0;
        int total = 0;
        int skipped = 0;
        for (int i = 0; i < p.count(); i++) {
            int want = styleClass(expectedStyles[i]);
            if (want < 0) {
                skipped++;
                continue;
            }
            total++;
            correct += p.styleClass()[i] == want ? 1 : 0;
        }
        return new Accuracy(correct, total, skipped);
    }

    private static void check(int predictions, int labels) {
        if (predictions != labels) {
            throw new IllegalArgumentException(predictions + " predictions but " + labels + " labels");
        }
    }

    /** The manifest as stored. */
    Map<String, Object> manifest() {
        List<Object> cps = new ArrayList<>();
        for (int cp : codePoints) {
            cps.add(cp);
        }
        return Json.obj("format", FORMAT, "version", VERSION, "size_px", sizePx,
                "normalization", normalization.id(), "arch", net.arch().toJson(),
                "held_out", Json.obj("seed", heldOut.seed(), "fraction", heldOut.fraction()),
                "styles", new ArrayList<Object>(styleNames),
                "code_points", cps,
                "chars", new String(codePoints, 0, codePoints.length),
                "training", training);
    }

    /** Writes the classifier atomically (a zip of manifest and parameters). */
    public void save(Path file) {
        byte[] params;
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                DataOutputStream out = new DataOutputStream(bytes)) {
            net.saveParameters(out);
            out.flush();
            params = bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize parameters", e);
        }
        byte[] manifest = Json.pretty(manifest()).getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry(MANIFEST_ENTRY));
            zip.write(manifest);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(PARAMS_ENTRY));
            zip.write(params);
            zip.closeEntry();
            zip.finish();
        });
    }

    /** Loads a classifier file, checking format, version and every parameter shape. */
    public static GlyphClassifier load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new FontganException(file, Files.isDirectory(file) ? "is a directory, expected a classifier file"
                    : "no such classifier file");
        }
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new FontganException(file, "too large for a glyph classifier (" + Files.size(file) + " bytes)");
            }
            try (InputStream in = Files.newInputStream(file)) {
                return load(in, file.toString());
            }
        } catch (IOException e) {
            throw new FontganException(file, "cannot read: " + AtomicFile.describe(e), e);
        }
    }

    /** The classifier shipped inside the jar. */
    public static GlyphClassifier loadDefault() {
        String where = "classpath:" + DEFAULT_RESOURCE;
        try (InputStream in = GlyphClassifier.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new FontganException(where, "no glyph classifier is shipped in this build "
                        + "(train one with tools/train-classifier.sh or pass --model)");
            }
            return load(in, where);
        } catch (IOException e) {
            throw new FontganException(where, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads a classifier zip from a stream; {@code where} names it in errors. */
    static GlyphClassifier load(InputStream in, String where) throws IOException {
        byte[] manifestBytes = null;
        byte[] params = null;
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(MANIFEST_ENTRY)) {
                    manifestBytes = readCapped(zip, 16L << 20, where);
                } else if (e.getName().equals(PARAMS_ENTRY)) {
                    params = readCapped(zip, MAX_FILE_BYTES, where);
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new FontganException(where, "not a glyph classifier (bad zip: " + e.getMessage() + ")");
        }
        if (manifestBytes == null || params == null) {
            throw new FontganException(where, "not a glyph classifier (needs " + MANIFEST_ENTRY + " and "
                    + PARAMS_ENTRY + ")");
        }
        Map<String, Object> m = Json.parseObject(new String(manifestBytes, StandardCharsets.UTF_8), where);
        GlyphClassifier c = fromManifest(m, where);
        try {
            c.loadParameters(params, where);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private static byte[] readCapped(InputStream in, long cap, String where) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        for (int n = in.read(buf); n > 0; n = in.read(buf)) {
            total += n;
            if (total > cap) {
                throw new FontganException(where, "zip entry larger than " + cap + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static GlyphClassifier fromManifest(Map<String, Object> m, String where) {
        if (!FORMAT.equals(m.get("format"))) {
            throw new FontganException(where, "not a glyph classifier (format " + m.get("format") + ")");
        }
        int version = integer(m, "version", where);
        if (version != VERSION) {
            throw new FontganException(where, "classifier format version " + version + " (this build reads "
                    + VERSION + ")");
        }
        int size = integer(m, "size_px", where);
        if (!(m.get("arch") instanceof Map<?, ?> archMap) || !"cnn4s".equals(archMap.get("name"))) {
            throw new FontganException(where, "unknown classifier architecture " + m.get("arch"));
        }
        ClassifierArch arch;
        Normalization normalization;
        HeldOutPairs split;
        try {
            arch = new ClassifierArch(integer((Map<String, Object>) archMap, "width", where),
                    integer((Map<String, Object>) archMap, "embed_dim", where));
            normalization = Normalization.parse(String.valueOf(m.get("normalization")));
            Map<String, Object> h = m.get("held_out") instanceof Map<?, ?> hm ? (Map<String, Object>) hm
                    : Json.obj("seed", 0L, "fraction", 0.0);
            split = new HeldOutPairs(((Number) h.get("seed")).longValue(), ((Number) h.get("fraction")).doubleValue());
        } catch (RuntimeException e) {
            throw new FontganException(where, "bad manifest: " + e.getMessage());
        }
        if (!(m.get("code_points") instanceof List<?> cpList) || !(m.get("styles") instanceof List<?> styleList)) {
            throw new FontganException(where, "bad manifest: needs code_points and styles");
        }
        int[] cps = new int[cpList.size()];
        for (int i = 0; i < cps.length; i++) {
            if (!(cpList.get(i) instanceof Number n) || n.longValue() < 0 || n.longValue() > Character.MAX_CODE_POINT) {
                throw new FontganException(where, "bad manifest: code point " + cpList.get(i));
            }
            cps[i] = n.intValue();
        }
        List<String> styles = new ArrayList<>();
        for (Object o : styleList) {
            styles.add(String.valueOf(o));
        }
        GlyphClassifier c;
        try {
            c = new GlyphClassifier(arch, size, normalization, cps, styles, split);
        } catch (IllegalArgumentException | FontganException e) {
            throw new FontganException(where, "bad manifest: " + e.getMessage());
        }
        if (m.get("training") instanceof Map<?, ?> t) {
            c.training = new LinkedHashMap<>((Map<String, Object>) t);
        }
        return c;
    }

    private static int integer(Map<String, Object> m, String key, String where) {
        if (!(m.get(key) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new FontganException(where, "bad manifest: " + key + " must be an integer");
        }
        return n.intValue();
    }

    /** Builds the parameters with their expected shapes, reads the stored ones and compares. */
    private void loadParameters(byte[] params, String where) {
        Shape input = new Shape(1, 1, sizePx, sizePx);
        net.initialize(model.getNDManager(), DataType.FLOAT32, input);
        Map<String, Shape> expected = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : net.getParameters()) {
            expected.put(p.getKey(), p.getValue().getArray().getShape());
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(params))) {
            net.loadParameters(model.getNDManager(), in);
        } catch (IOException | MalformedModelException e) {
            throw new FontganException(where, "corrupt classifier weights (" + e.getMessage() + ")");
        } catch (Throwable e) {
            // the reader trusts stored lengths: garbage can surface as any runtime error or OOM
            throw new FontganException(where, "corrupt classifier weights (" + e.getClass().getSimpleName() + ")");
        }
        for (Pair<String, Parameter> p : net.getParameters()) {
            Shape want = expected.get(p.getKey());
            Shape got = p.getValue().getArray().getShape();
            if (!got.equals(want)) {
                throw new FontganException(where, "weights do not match the manifest: " + p.getKey() + " is " + got
                        + ", expected " + want);
            }
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
