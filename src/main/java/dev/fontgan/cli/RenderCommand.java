package dev.fontgan.cli;

import dev.fontgan.AtomicFile;
import dev.fontgan.FontganException;
import dev.fontgan.bicycle.LatentRefinement;
import dev.fontgan.font.FontFile;
import dev.fontgan.render.Background;
import dev.fontgan.render.Handwriting;
import dev.fontgan.render.RenderOptions;
import dev.fontgan.render.Renderer;
import dev.fontgan.render.Rendering;
import dev.fontgan.render.ShippedFonts;
import dev.fontgan.style.FontHand;
import dev.fontgan.style.Hand;
import dev.fontgan.style.LatentStyle;
import dev.fontgan.style.PackHand;
import dev.fontgan.style.StyleMix;
import dev.fontgan.style.StylePack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "render", sortOptions = false, sortSynopsis = false, usageHelpAutoWidth = true,
        description = {"Render text in a handwriting style to a PNG.",
                "Without --style, --pack or --font the text is written by the default style pack when this build "
                        + "has one, else with the shipped handwriting font '" + ShippedFonts.DEFAULT_HAND + "' (LXGW WenKai).",
                "Characters the hand cannot write are taken from similar shipped fonts (a Kai font for CJK, "
                        + "a Latin handwriting font otherwise), with a warning."},
        mixinStandardHelpOptions = true)
final class RenderCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "TEXT", description = "Text to write; newlines start new lines. "
            + "Read from --file or stdin when absent.")
    String text;

    @Option(names = "--file", paramLabel = "FILE", description = "Read the text from a UTF-8 file.")
    Path file;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "OUT.png", description = "Output PNG.")
    Path out;

    @Option(names = "--font", paramLabel = "FONT", description = "Write plainly with a font: a file "
            + "(file.ttc#N for a collection member) or a name from fonts/catalog.json, e.g. comic.")
    String font;

    @Option(names = "--style", paramLabel = "NAME", description = "Style of the pack (see `fontgan styles`), or a blend like kai:0.7,wenkai:0.3.")
    String style;

    @Option(names = "--pack", paramLabel = "PACK", description = "A style pack (.fgstyle) to write with.")
    Path pack;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed of the handwriting jitter and paper, "
            + "and of the style with --z random (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--z", paramLabel = "random", description = "With a bicycle pack: write in a new random style, "
            + "the same for every character of the call, chosen by --seed.")
    String z;

    @Option(names = "--z-scale", paramLabel = "S", description = "With --z random: draw the style as z ~ N(0, S^2) "
            + "(default: the pack's sampling.z_scale; smaller is nearer the average style, larger wilder).")
    Double zScale;

    @Option(names = "--reference", arity = "1..*", paramLabel = "IMG",
            description = "With a bicycle pack: write in the style of these pictures, one written character each "
                    + "(PNG or JPEG crops, any size; framed by their ink box as glyphs are).")
    List<Path> references;

    @Option(names = "--refine", paramLabel = "STEPS", defaultValue = "" + LatentRefinement.DEFAULT_STEPS,
            description = "With --reference: then move the style code for this many gradient steps so the pack "
                    + "draws the pictures' characters like the pictures; each name must give its character "
                    + "(永.png, U+6C38.png, klee-永.png). 0: the encoder's averaged code alone (default ${DEFAULT-VALUE}).")
    int refine;

    @Mixin CommonOptions common;

    @Option(names = "--size", defaultValue = "64", paramLabel = "PX", description = "Pixels per em (default ${DEFAULT-VALUE}).")
    int sizePx;

    @Option(names = "--width", defaultValue = "0", paramLabel = "PX",
            description = "Page width to wrap lines at (default: one line per input line).")
    int widthPx;

    @Option(names = "--line-spacing", defaultValue = "1.45", paramLabel = "EM", description = "Baseline distance in em (default ${DEFAULT-VALUE}).")
    double lineSpacingEm;

    @Option(names = "--jitter", defaultValue = "0.5", paramLabel = "0..1",
            description = "Strength of all handwriting jitter; 0 sets type exactly (default ${DEFAULT-VALUE}).")
    double jitter;

    @Option(names = "--baseline-drift", paramLabel = "EM", description = "Largest baseline drift in em (overrides --jitter).")
    Double baselineDriftEm;

    @Option(names = "--size-jitter", paramLabel = "FRACTION", description = "Largest relative glyph size change (overrides --jitter).")
    Double sizeJitter;

    @Option(names = "--rotation", paramLabel = "DEG", description = "Largest glyph rotation in degrees (overrides --jitter).")
    Double rotationDeg;

    @Option(names = "--spacing-jitter", paramLabel = "EM", description = "Largest change of letter spacing in em (overrides --jitter).")
    Double spacingJitterEm;

    @Option(names = "--slant", defaultValue = "0", paramLabel = "DEG", description = "Slant in degrees, positive leans right (default ${DEFAULT-VALUE}).")
    double slantDeg;

    @Option(names = "--ink", defaultValue = "#1d2242", paramLabel = "#RRGGBB", description = "Ink colour (default ${DEFAULT-VALUE}).")
    String ink;

    @Option(names = "--background", defaultValue = "white", paramLabel = "white|transparent|paper",
            description = "Paper: white, transparent or a procedural paper texture (default ${DEFAULT-VALUE}).")
    String background;

    @Option(names = "--sharpen", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Re-sharpen the edges of enlarged generated glyphs (default on).")
    boolean sharpen;

    @Option(names = "--through-images", description = "Draw a --font through 64 px glyph images as a generated "
            + "style is drawn (to compare with the exact outlines).")
    boolean throughImages;

    @Override
    public Integer call() {
        checkOutput(out);
        RenderOptions options = options();
        String input = readText();
        ShippedFonts shipped = ShippedFonts.installed();
        try (Hand hand = hand(shipped)) {
            Rendering r = new Renderer(hand, shipped).render(input, options);
            if (r.warning() != null) {
                spec.commandLine().getErr().println("warning: " + r.warning());
            }
            r.writePng(out);
            spec.commandLine().getOut().println("wrote " + out + " (" + r.widthPx() + " x " + r.heightPx()
                    + " px, " + hand.name() + ")");
        }
        return 0;
    }

    private RenderOptions options() {
        Handwriting h = Handwriting.natural(jitter);
        if (baselineDriftEm != null) {
            h = h.withBaselineDriftEm(baselineDriftEm);
        }
        if (sizeJitter != null) {
            h = h.withSizeJitter(sizeJitter);
        }
        if (rotationDeg != null) {
            h = h.withRotationDeg(rotationDeg);
        }
        if (spacingJitterEm != null) {
            h = h.withSpacingJitterEm(spacingJitterEm);
        }
        h = h.withSlantDeg(slantDeg);
        return new RenderOptions(sizePx, widthPx, lineSpacingEm, h, seed, RenderOptions.parseInk(ink),
                Background.parse(background), sharpen, throughImages);
    }

    private Hand hand(ShippedFonts shipped) {
        if (zScale != null && z == null) {
            throw new FontganException("--z-scale", "only random styles (--z random) have a z scale");
        }
        if (references == null && spec.commandLine().getParseResult().hasMatchedOption("--refine")) {
            throw new FontganException("--refine", "only --reference styles are refined");
        }
        if (z != null || references != null) {
            return latentHand();
        }
        if (style != null || pack != null) {
            if (font != null) {
                throw new FontganException("--font", "give either --font or --style/--pack, not both");
            }
            return packHand(pack != null ? StylePack.load(pack) : StylePack.loadDefault());
        }
        if (font == null && StylePack.hasDefault()) {
            return packHand(StylePack.loadDefault());
        }
        if (font == null) {
            return shipped.defaultHand();
        }
        if (!Files.exists(Path.of(font)) && !font.contains("#")) {
            FontHand named = shipped.hand(font);
            if (named != null) {
                return named;
            }
            if (!font.contains("/") && !font.contains(".")) {
                throw new FontganException("--font", "no font file or shipped font named '" + font
                        + "' (shipped: " + String.join(", ", shipped.names()) + ")");
            }
        }
        FontFile f = FontFile.open(font);
        return new FontHand(f);
    }

    /** A bicycle pack writing a random style or the style of reference pictures; owns the pack. */
    private Hand latentHand() {
        if (font != null || style != null) {
            throw new FontganException(z != null ? "--z" : "--reference", "give one style: --style, --font, --z or "
                    + "--reference");
        }
        if (z != null && references != null) {
            throw new FontganException("--z", "give either --z random or --reference, not both");
        }
        if (z != null && !z.equals("random")) {
            throw new FontganException("--z", "expected 'random' (the style is then chosen by --seed), got '" + z + "'");
        }
        StylePack p = pack != null ? StylePack.load(pack) : StylePack.loadDefault();
        try {
            if (zScale != null) {
                p.useZScale(zScale);
            }
            LatentStyle s;
            if (z != null) {
                s = LatentStyle.random(p, seed);
            } else {
                try (var progress = common.progress()) {
                    s = LatentStyle.fromReferences(p, references, LatentRefinement.settings(refine, "--refine"), progress);
                }
            }
            return s.hand(p, true);
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
    }

    /** The pack writing {@code --style} (a name or a blend), or its first style; owns the pack. */
    private Hand packHand(StylePack p) {
        try {
            StyleMix mix = style != null ? StyleMix.parse(style, "--style") : PackHand.defaultStyle(p);
            return new PackHand(p, mix, true);
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
    }

    private String readText() {
        if (text != null && file != null) {
            throw new FontganException("--file", "give the text as an argument or with --file, not both");
        }
        if (text != null) {
            return text;
        }
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new FontganException(file, Files.isDirectory(file) ? "is a directory" : "no such file");
            }
            try {
                return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new FontganException(file, "cannot read: " + AtomicFile.describe(e), e);
            }
        }
        if (System.console() != null) {
            throw new FontganException("TEXT", "no text: give it as an argument, with --file FILE, or on stdin");
        }
        try {
            return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FontganException("stdin", "cannot read: " + AtomicFile.describe(e), e);
        }
    }

    /** Fails before any work when the output cannot be a PNG file. */
    private static void checkOutput(Path out) {
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        if (dot >= 0 && !name.substring(dot).equals(".png")) {
            throw new FontganException(out, "only PNG output is supported (name it .png)");
        }
        if (Files.isDirectory(out)) {
            throw new FontganException(out, "is a directory, expected a file path");
        }
        Path parent = out.toAbsolutePath().getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent == null || !Files.isDirectory(parent)) {
            throw new FontganException(out, "cannot write: a parent is not a directory");
        }
        if (!Files.isWritable(parent)) {
            throw new FontganException(out, "cannot write: permission denied");
        }
    }
}
