package dev.fontgan.ocr;

import dev.fontgan.Progress;
import java.nio.file.Path;

/**
 * The exporter in its own JVM, for {@link DatasetKillTest} to kill: {@code KillChild CORPUS OUT COUNT SHARD}.
 * Not a test; its spec is {@link DatasetKillTest#spec}.
 */
public final class KillChild {
    public static void main(String[] args) throws Exception {
        DatasetSpec spec = DatasetKillTest.spec(Path.of(args[0]), Long.parseLong(args[2]));
        new DatasetExporter(spec, Path.of(args[1]), Integer.parseInt(args[3])).run(2, Progress.NONE, -1);
    }
}
