import dev.fontgan.Json;
import dev.fontgan.ocr.LmdbWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether building an LMDB database holds memory per line: writes a finished set's images and labels
 * (from its manifest.jsonl) ROUNDS times over into one new database through LmdbWriter, printing
 * anonymous and file-backed RSS and the Java heap every 20,000 lines. Run as a single source file
 * against the built jar, with the launcher's JVM flags:
 *
 * <pre>java -Xmx6g -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "target/fontgan.jar:target/lib/*" \
 *     tools/LmdbMemoryProbe.java SET_DIR NEW_DB_DIR ROUNDS</pre>
 */
public final class LmdbMemoryProbe {
    private LmdbMemoryProbe() {}

    public static void main(String[] args) throws Exception {
        Path set = Path.of(args[0]);
        Path db = Path.of(args[1]);
        int rounds = Integer.parseInt(args[2]);
        List<String[]> rows = new ArrayList<>();
        long bytes = 0;
        for (String line : Files.readAllLines(set.resolve("manifest.jsonl"))) {
            Map<String, Object> r = Json.parseObject(line, "manifest");
            rows.add(new String[] {(String) r.get("path"), (String) r.get("text")});
            bytes += Files.size(set.resolve((String) r.get("path"))) + ((String) r.get("text")).length();
        }
        long n = 0;
        long t0 = System.nanoTime();
        try (LmdbWriter w = new LmdbWriter(db, LmdbWriter.mapSizeFor((long) rows.size() * rounds, bytes * rounds))) {
            for (int k = 0; k < rounds; k++) {
                for (String[] r : rows) {
                    w.add(Files.readAllBytes(set.resolve(r[0])), r[1]);
                    if (++n % 20_000 == 0) {
                        System.out.printf("%d lines %.1f s %s heap %d MB%n", n, (System.nanoTime() - t0) / 1e9, rss(),
                                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
                    }
                }
            }
            w.finish();
            System.out.println("map growths " + w.growths());
        }
        System.out.printf("done: %d lines in %.1f s, after close %s%n", n, (System.nanoTime() - t0) / 1e9, rss());
    }

    private static String rss() throws Exception {
        StringBuilder s = new StringBuilder();
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("RssAnon") || l.startsWith("RssFile")) {
                s.append(l.replaceAll("\\s+", " ")).append("; ");
            }
        }
        return s.toString();
    }
}
