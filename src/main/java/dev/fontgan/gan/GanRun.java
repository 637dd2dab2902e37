package dev.fontgan.gan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.fontgan.FontganException;
import dev.fontgan.Progress;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * A trained run opened for use: its variant, config and data rebuilt from {@code config.json},
 * the generator loaded from the newest checkpoint (its moving average when kept).
 */
public final class GanRun implements AutoCloseable {
    private final Path dir;
    private final Variant variant;
    private final VariantConfig config;
    private final GanData data;
    private final Players players;
    private final long step;

    private GanRun(Path dir, Variant variant, VariantConfig config, GanData data, Players players, long step) {
        this.dir = dir;
        this.variant = variant;
        this.config = config;
        this.data = data;
        this.players = players;
        this.step = step;
    }

    /** Opens a run folder written by {@link GanTrainer#train}; {@code variants} resolves the name. */
    public static GanRun open(Path dir, Function<String, Variant> variants, Progress progress) {
        RunDirectory run = new RunDirectory(dir, 1);
        if (!Files.isRegularFile(run.configFile())) {
            throw new FontganException(dir, "not a GAN run folder (no config.json)");
        }
        Map<String, Object> cfg = run.readConfig();
        if (!"gan".equals(cfg.get("kind")) || !(cfg.get("variant") instanceof String name)) {
            throw new FontganException(run.configFile(), "not a GAN run config");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> c = (Map<String, Object>) cfg.get("config");
        if (c == null) {
            throw new FontganException(run.configFile(), "run config has no \"config\" object");
        }
        Variant variant = variants.apply(name);
        VariantConfig config = VariantConfig.fromJson(c);
        Path ckpt = run.checkpoints().newest()
                .orElseThrow(() -> new FontganException(dir, "run has no checkpoint yet"));
        GanData data = GanDataSpec.fromJson(cfg.get("data"), run.configFile().toString()).load(variant, progress);
        Players players = variant.build(config);
        try {
            players.loadGeneratorForSampling(Checkpoints.read(ckpt), ckpt);
        } catch (RuntimeException e) {
            players.close();
            throw e;
        }
        return new GanRun(dir, variant, config, data, players, Checkpoints.stepOf(ckpt));
    }

    public Variant variant() {
        return variant;
    }

    public VariantConfig config() {
        return config;
    }

    public GanData data() {
        return data;
    }

    public Players players() {
        return players;
    }

    /** Training steps of the loaded checkpoint. */
    public long step() {
        return step;
    }

    public Path dir() {
        return dir;
    }

    /** The variant's sample grid; {@code onlyClass} >= 0 shows one class (or code value) in a 5 x 5 grid. */
    public BufferedImage grid(int onlyClass, int seed) {
        int groups = variant.codes() != null ? variant.codes().categories()
                : players.conditioning().generatorTakesLabels() ? config.classCount() : 0;
        if (onlyClass >= 0 && onlyClass >= groups) {
            throw new FontganException("--class", groups == 0 ? variant.name() + " is not class-conditional"
                    : "class " + onlyClass + " outside 0.." + (groups - 1));
        }
        return SampleSheet.grid(variant, players, data, onlyClass, seed);
    }

    /**
     * Generated samples with their requested labels (the categorical code for info codes; -1 for
     * unconditional variants), from noise with the given seed.
     * @param images (count, 1, H, W) in [-1, 1], attached to {@code manager}
     * @param styles the font id of each sample for a style-given variant, else null
     */
    public record Samples(NDArray images, int[] labels, int[] styles) {}

    /**
     * Generates {@code count} samples, classes cycling 0..K-1 for conditional variants; a
     * style-given variant draws each sample's font uniformly.
     */
    public Samples generate(int count, int seed, NDManager manager) {
        if (players.conditioning() == Conditioning.IMAGE) {
            throw new IllegalStateException("image-to-image runs generate from sources");
        }
        Engine.getInstance().setRandomSeed(seed);
        NDArray z = manager.randomNormal(new Shape(count, config.latentDim()));
        int[] labels = new int[count];
        java.util.Arrays.fill(labels, -1);
        InfoCodes codes = variant.codes();
        NDArray labelArray = null;
        int[] styles = null;
        if (codes != null) {
            Random r = new Random(seed);
            float[] cont = new float[count * codes.continuous()];
            for (int i = 0; i < count; i++) {
                labels[i] = i % codes.categories();
            }
            for (int i = 0; i < cont.length; i++) {
                cont[i] = r.nextFloat() * 2f - 1f;
            }
            z = z.concat(codes.fixed(labels, cont, manager), 1);
            if (variant.givenStyle()) {
                styles = new int[count];
                for (int i = 0; i < count; i++) {
                    styles[i] = r.nextInt(config.styleCount());
                }
                labelArray = manager.create(styles);
            }
        } else if (players.conditioning().generatorTakesLabels()) {
            for (int i = 0; i < count; i++) {
                labels[i] = i % config.classCount();
            }
            labelArray = manager.create(labels);
        }
        NDArray out = players.sample(z, labelArray);
        out.attach(manager);
        return new Samples(out, labels, styles);
    }

    @Override
    public void close() {
        players.close();
    }
}
