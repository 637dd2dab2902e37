package dev.fontgan.gan;

import dev.fontgan.AtomicFile;
import dev.fontgan.FontganException;
import dev.fontgan.Json;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A training run's folder: {@code config.json}, {@code metrics.jsonl} (one JSON object per logged
 * step), {@code samples/step-NNNNNN.png} and {@code checkpoints/}.
 */
public final class RunDirectory {
    private final Path dir;
    private final Checkpoints checkpoints;

    public RunDirectory(Path dir, int keepCheckpoints) {
        this.dir = dir;
        this.checkpoints = new Checkpoints(dir.resolve("checkpoints"), keepCheckpoints);
    }

    public Path dir() {
        return dir;
    }

    public Checkpoints checkpoints() {
        return checkpoints;
    }

    public Path configFile() {
        return dir.resolve("config.json");
    }

    public Path metricsFile() {
        return dir.resolve("metrics.jsonl");
    }

    /** True when the folder already holds a run (a config or a checkpoint). */
    public boolean exists() {
        return Files.exists(configFile()) || checkpoints.newest().isPresent();
    }

    public void writeConfig(Map<String, Object> config) {
        AtomicFile.writeString(configFile(), Json.pretty(config));
    }

    public Map<String, Object> readConfig() {
        try {
            return Json.parseObject(Files.readString(configFile()), configFile().toString());
        } catch (IOException e) {
            throw new FontganException(configFile(), "cannot read run config: " + AtomicFile.describe(e));
        }
    }

    /** Appends one metrics line (flushed, so a crash loses at most the line being written). */
    public void appendMetrics(Map<String, Object> line) {
        try {
            Files.createDirectories(dir);
            try (Writer w = Files.newBufferedWriter(metricsFile(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                w.write(Json.write(line));
                w.write('\n');
            }
        } catch (IOException e) {
            throw new FontganException(metricsFile(), "cannot append metrics: " + AtomicFile.describe(e));
        }
    }

    /** Drops metrics lines logged after {@code step} (on resume, so the curve has no duplicates). */
    public void truncateMetricsAfter(long step) {
        Path f = metricsFile();
        if (!Files.exists(f)) {
            return;
        }
        try {
            List<String> kept = new ArrayList<>();
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    Object s = Json.parseObject(line, f.toString()).get("step");
                    if (s instanceof Number n && n.longValue() > step) {
                        continue;
                    }
                } catch (FontganException e) {
                    continue; // a half-written last line from a crash
                }
                kept.add(line);
            }
            AtomicFile.writeString(f, kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
        } catch (IOException e) {
            throw new FontganException(f, "cannot read metrics: " + AtomicFile.describe(e));
        }
    }

    /** Writes {@code samples/step-NNNNNN.png}. */
    public Path writeSample(long step, BufferedImage image) {
        Path f = dir.resolve("samples").resolve(String.format("step-%06d.png", step));
        AtomicFile.write(f, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer");
            }
        });
        return f;
    }
}
