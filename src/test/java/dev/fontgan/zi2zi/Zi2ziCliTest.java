package dev.fontgan.zi2zi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fontgan.Json;
import dev.fontgan.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Zi2ziCliTest {
    @TempDir
    Path tmp;

    private String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void trainWritesRunFolderAndResumeContinuesTheCurve() throws Exception {
        Path runDir = tmp.resolve("run");
        String[] r = run("train", "zi2zi", "--data", "synthetic:2:10:16", "--arch", "tiny", "--batch", "4",
                "--steps", "3", "--out", runDir.toString(), "--log-every", "1", "--sample-every", "3",
                "--checkpoint-every", "2", "--quiet");
        assertEquals("0", r[0], r[2]);
        assertTrue(Files.exists(runDir.resolve("config.json")));
        assertTrue(Files.exists(runDir.resolve("samples/step-000003.png")));
        assertTrue(Files.exists(runDir.resolve("checkpoints/step-00000003.ckpt")));
        r = run("train", "zi2zi", "--data", "synthetic:2:10:16", "--arch", "tiny", "--batch", "4", "--steps", "5",
                "--out", runDir.toString(), "--log-every", "1", "--resume", "--quiet");
        assertEquals("0", r[0], r[2]);
        List<String> lines = Files.readAllLines(runDir.resolve("metrics.jsonl"));
        assertEquals(5, lines.size());
        for (int i = 0; i < 5; i++) {
            assertEquals((long) i + 1, Json.parseObject(lines.get(i), "metrics").get("step"));
        }
        // without --resume an existing run is refused with one line
        r = run("train", "zi2zi", "--data", "synthetic:2:10:16", "--arch", "tiny", "--steps", "1",
                "--out", runDir.toString(), "--quiet");
        assertEquals("1", r[0]);
        assertTrue(r[2].startsWith("error: " + runDir + ": already holds a run"), r[2]);
    }

    @Test
    void corruptCheckpointGivesOneLineError() throws Exception {
        Path runDir = tmp.resolve("bad");
        Files.createDirectories(runDir.resolve("checkpoints"));
        Files.write(runDir.resolve("checkpoints/step-00000002.ckpt"), new byte[] {1, 2, 3, 4});
        String[] r = run("train", "zi2zi", "--data", "synthetic:2:10:16", "--arch", "tiny", "--steps", "3",
                "--out", runDir.toString(), "--resume", "--quiet");
        assertEquals("1", r[0]);
        assertTrue(r[2].startsWith("error: ") && r[2].contains("step-00000002.ckpt"), r[2]);
        assertEquals(1, r[2].strip().lines().count(), r[2]);
    }

    @Test
    void badArchIsAUsageError() {
        String[] r = run("train", "zi2zi", "--data", "synthetic:2:10:16", "--arch", "huge", "--steps", "1",
                "--out", tmp.resolve("x").toString(), "--quiet");
        assertEquals("1", r[0]);
        assertTrue(r[2].startsWith("error: --arch: unknown architecture"), r[2]);
    }
}
