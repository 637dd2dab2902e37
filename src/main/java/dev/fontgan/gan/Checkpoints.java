package dev.fontgan.gan;

import dev.fontgan.AtomicFile;
import dev.fontgan.FontganException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The checkpoints of a run: {@code checkpoints/step-NNNNNNNN.ckpt}, each a zip of named parts
 * (generator and discriminator weights, optimizer states, a JSON state), written atomically,
 * the newest {@code keep} kept.
 */
public final class Checkpoints {
    /** Refuse checkpoint files (and parts) larger than this. */
    public static final long MAX_BYTES = 2L << 30;
    private static final Pattern NAME = Pattern.compile("step-(\\d+)\\.ckpt");

    private final Path dir;
    private final int keep;

    public Checkpoints(Path dir, int keep) {
        this.dir = dir;
        this.keep = Math.max(1, keep);
    }

    public Path dir() {
        return dir;
    }

    /** Writes one checkpoint atomically and deletes the oldest beyond {@code keep}. */
    public Path save(long step, Map<String, byte[]> parts) {
        Path file = dir.resolve(String.format("step-%08d.ckpt", step));
        AtomicFile.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (Map.Entry<String, byte[]> e : parts.entrySet()) {
                // stored, not deflated: float weights barely compress and deflating stalls Ctrl-C saves
                ZipEntry entry = new ZipEntry(e.getKey());
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(e.getValue());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(e.getValue().length);
                entry.setCompressedSize(e.getValue().length);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
            zip.finish();
        });
        List<Path> all = list();
        for (int i = 0; i < all.size() - keep; i++) {
            try {
                Files.deleteIfExists(all.get(i));
            } catch (IOException ignored) {
                // an old checkpoint left behind is harmless
            }
        }
        return file;
    }

    /** Checkpoint files, oldest first. */
    public List<Path> list() {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).forEach(files::add);
        } catch (IOException e) {
            throw new FontganException(dir, "cannot list checkpoints: " + AtomicFile.describe(e));
        }
        files.sort((a, b) -> Long.compare(stepOf(a), stepOf(b)));
        return files;
    }

    public Optional<Path> newest() {
        List<Path> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The step number in a checkpoint file name. */
    public static long stepOf(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new FontganException(file, "not a checkpoint file name (step-NNNNNNNN.ckpt)");
        }
        return Long.parseLong(m.group(1));
    }

    /** Reads every part of a checkpoint, refusing oversized or broken files. */
    public static Map<String, byte[]> read(Path file) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new FontganException(file, "checkpoint is larger than " + (MAX_BYTES >> 20) + " MB");
            }
            try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
                ZipEntry e;
                while ((e = zip.getNextEntry()) != null) {
                    byte[] data = zip.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_BYTES));
                    if (zip.read() != -1) {
                        throw new FontganException(file, "checkpoint part " + e.getName() + " is too large");
                    }
                    parts.put(e.getName(), data);
                }
            }
        } catch (IOException e) {
            throw new FontganException(file, "checkpoint is unreadable or corrupted: " + AtomicFile.describe(e));
        }
        if (parts.isEmpty()) {
            throw new FontganException(file, "checkpoint is empty or not a zip file");
        }
        return parts;
    }

    /** A required part of a checkpoint. */
    public static byte[] part(Map<String, byte[]> parts, String name, Path file) {
        byte[] p = parts.get(name);
        if (p == null) {
            throw new FontganException(file, "checkpoint has no " + name);
        }
        return p;
    }
}
