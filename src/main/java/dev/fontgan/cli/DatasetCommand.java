package dev.fontgan.cli;

import dev.fontgan.FontganException;
import dev.fontgan.ocr.AugmentConfig;
import dev.fontgan.ocr.CharsetText;
import dev.fontgan.ocr.CorpusText;
import dev.fontgan.ocr.DatasetExporter;
import dev.fontgan.ocr.DatasetSpec;
import dev.fontgan.ocr.FontStyles;
import dev.fontgan.ocr.LabelFormat;
import dev.fontgan.ocr.StyleMix;
import dev.fontgan.ocr.StyleResolver;
import dev.fontgan.ocr.TextSource;
import dev.fontgan.ocr.Uncovered;
import dev.fontgan.render.ShippedFonts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "dataset", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = {"Make a synthetic OCR line dataset: images plus PaddleOCR, tesstrain and JSONL labels.",
                "Same seed and options give byte-identical files whatever --workers is; run the same command "
                        + "again after an interruption to resume."},
        subcommands = {DatasetPreviewCommand.class})
final class DatasetCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Option(names = "--corpus", paramLabel = "FILE[=WEIGHT]", description = "Text file, one sentence per line "
            + "(repeatable; lines come from the files by weight).")
    List<String> corpora = new ArrayList<>();

    @Option(names = "--chars", paramLabel = "SPEC", description = "Random strings from a charset (name, file or literal) instead of a corpus.")
    String chars;

    @Option(names = "--char-weights", defaultValue = "uniform", paramLabel = "uniform|zipf|FILE",
            description = "Character frequencies for --chars: uniform, zipf (by the charset's order) or a file of "
                    + "'CHAR WEIGHT' lines (default ${DEFAULT-VALUE}).")
    String charWeights;

    @Option(names = "--sample", defaultValue = "windows", paramLabel = "windows|sentences",
            description = "Corpus lines as windows of min..max words (characters for CJK) anywhere in the text, or "
                    + "as whole sentences of that length (default ${DEFAULT-VALUE}).")
    String sample;

    @Option(names = "--min-len", defaultValue = "3", paramLabel = "N", description = "Shortest line in words (CJK: characters) (default ${DEFAULT-VALUE}).")
    int minLen;

    @Option(names = "--max-len", defaultValue = "10", paramLabel = "N", description = "Longest line (default ${DEFAULT-VALUE}).")
    int maxLen;

    @Option(names = "--count", paramLabel = "N", description = "Number of samples.")
    Long count;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Dataset folder (new, empty, or an unfinished one to resume).")
    Path out;

    @Option(names = "--styles", defaultValue = "fonts:all", paramLabel = "KIND:SEL[=W],...",
            description = "Styles and weights, e.g. fonts:handwriting=0.6,fonts:target=0.4 or fonts:comic+ukai "
                    + "(fonts: a role source|target|handwriting|print, all, catalog names joined by +, or a file; "
                    + "pack:FILE.fgstyle:all|NAME+NAME; bicycle:[FILE.fgstyle:]random|all|NAME+NAME|ref@DIR "
                    + "(ref@DIR: the style of the character pictures in folder DIR); "
                    + "default ${DEFAULT-VALUE}).")
    String styles;

    @Option(names = "--pack", paramLabel = "PACK",
            description = "BicycleGAN style pack for bicycle: styles that name no file, e.g. bicycle:random=0.5 "
                    + "(each line a new random style, its seed recorded as style_seed) or bicycle:all.")
    Path pack;

    @Option(names = "--z-scale", paramLabel = "S",
            description = "bicycle:random styles drawn as z ~ N(0, S^2) (default: the pack's sampling.z_scale).")
    Double zScale;

    @Option(names = "--format", defaultValue = LabelFormat.DEFAULT_SPEC, paramLabel = "paddleocr|tesstrain|jsonl|lmdb|mmocr|all",
            description = "Label formats, comma-separated (default ${DEFAULT-VALUE}): paddleocr (train.txt, val.txt, dict.txt), "
                    + "tesstrain (.gt.txt beside each image), jsonl (manifest.jsonl), lmdb (lmdb/train, lmdb/val: "
                    + "image-%%09d, label-%%09d, num-samples), mmocr (textrecog_train.json, textrecog_val.json); all: every one.")
    String format;

    @Option(names = "--height", defaultValue = "32", paramLabel = "PX", description = "Line image height (default ${DEFAULT-VALUE}).")
    int heightPx;

    @Option(names = "--workers", paramLabel = "W", description = "Threads (default: all cores); does not change the output.")
    Integer workers;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--val", defaultValue = "0.05", paramLabel = "FRACTION", description = "Validation share (default ${DEFAULT-VALUE}).")
    double val;

    @Option(names = "--jpeg", description = "Write JPEG (quality 95) instead of PNG.")
    boolean jpeg;

    @Option(names = "--no-augment", description = "No variation at all: exact typesetting on white.")
    boolean noAugment;

    @Option(names = "--aug", paramLabel = "NAME=P[:LOW:HIGH]", description = "Set one effect's probability (and range); "
            + "repeatable; applied after --no-augment. Effects: jitter, skew, tracking, word-spacing, padding, stroke, "
            + "rotate, perspective, sine, elastic, ink, flat-background, noise-background, paper, ruled, blur, noise, jpeg.")
    List<String> aug = new ArrayList<>();

    @Option(names = "--uncovered", defaultValue = "restyle", paramLabel = "restyle|skip|substitute",
            description = "When the style cannot write a character of the text: another style that can, new text, "
                    + "or a fallback font for that character (default ${DEFAULT-VALUE}). Labels never hold undrawn characters.")
    String uncovered;

    @Override
    public Integer call() {
        if (count == null) {
            throw new FontganException("--count", "required: how many samples to make");
        }
        if (out == null) {
            throw new FontganException("--out", "required: the dataset folder");
        }
        DatasetSpec ds = datasetSpec();
        int w = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        long start = System.nanoTime();
        DatasetExporter.Result r;
        try (var progress = common.progress()) {
            r = new DatasetExporter(ds, out).run(w, progress, -1);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> s = r.summary();
        var o = spec.commandLine().getOut();
        if (r.alreadyComplete()) {
            o.printf(Locale.ROOT, "%s is already complete: %s samples (train %s, val %s)%n", out, s.get("count"),
                    s.get("train"), s.get("val"));
            return 0;
        }
        o.printf(Locale.ROOT, "wrote %s samples to %s (train %s, val %s; %d made now, %d resumed) in %.1f s, %.0f lines/s%n",
                s.get("count"), out, s.get("train"), s.get("val"), r.samplesMade(), r.samplesResumed(), seconds,
                r.samplesMade() / Math.max(seconds, 1e-9));
        @SuppressWarnings("unchecked")
        Map<String, Object> guard = (Map<String, Object>) s.get("coverage_guard");
        o.printf(Locale.ROOT, "coverage guard (%s): %s texts redrawn, %s lines restyled, %s characters substituted, %s dropped%n",
                guard.get("policy"), guard.get("skipped_texts"), guard.get("restyled"), guard.get("substituted_chars"),
                guard.get("dropped_chars"));
        return 0;
    }

    DatasetSpec datasetSpec() {
        ShippedFonts shipped = ShippedFonts.installed();
        TextSource text = textSource();
        Map<String, StyleResolver> resolvers = new LinkedHashMap<>();
        resolvers.put("fonts", new FontStyles(shipped));
        resolvers.put("default", dev.fontgan.ocr.PackStyles.defaultPack());
        resolvers.put("pack", dev.fontgan.ocr.PackStyles.files());
        resolvers.put("bicycle", new dev.fontgan.ocr.BicycleStyles(pack, zScale));
        StyleMix mix = StyleMix.parse(styles, resolvers);
        AugmentConfig a = noAugment ? AugmentConfig.none() : AugmentConfig.defaults();
        for (String flag : aug) {
            a = a.with(flag);
        }
        return new DatasetSpec(text, mix, a, Uncovered.parse(uncovered), shipped, count, seed, heightPx, val,
                LabelFormat.parse(format), jpeg);
    }

    private TextSource textSource() {
        if (chars != null && !corpora.isEmpty()) {
            throw new FontganException("--chars", "give either --corpus or --chars, not both");
        }
        if (chars != null) {
            return CharsetText.of(chars, charWeights, minLen, maxLen);
        }
        if (corpora.isEmpty()) {
            throw new FontganException("--corpus", "required: a text file (or --chars SPEC for random strings)");
        }
        CorpusText.Mode mode = switch (sample.toLowerCase(Locale.ROOT)) {
            case "windows" -> CorpusText.Mode.WINDOWS;
            case "sentences" -> CorpusText.Mode.SENTENCES;
            default -> throw new FontganException("--sample", "expected windows or sentences, got '" + sample + "'");
        };
        List<TextSource> sources = new ArrayList<>();
        double[] weights = new double[corpora.size()];
        for (int i = 0; i < corpora.size(); i++) {
            String c = corpora.get(i);
            int eq = c.lastIndexOf('=');
            weights[i] = 1;
            if (eq > 0 && !java.nio.file.Files.exists(Path.of(c))) {
                try {
                    weights[i] = Double.parseDouble(c.substring(eq + 1));
                    c = c.substring(0, eq);
                } catch (NumberFormatException e) {
                    throw new FontganException("--corpus", "'" + c + "': expected FILE or FILE=WEIGHT");
                }
                if (!(weights[i] > 0)) {
                    throw new FontganException("--corpus", "'" + corpora.get(i) + "': weight must be above 0");
                }
            }
            sources.add(CorpusText.load(Path.of(c), mode, minLen, maxLen));
        }
        return TextSource.mix(sources, weights);
    }
}
