package dev.fontgan.style;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fontgan.FontganException;
import dev.fontgan.Json;
import dev.fontgan.cli.Main;
import dev.fontgan.data.GlyphDataset;
import dev.fontgan.zi2zi.Zi2ziArch;
import dev.fontgan.zi2zi.Zi2ziModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting a zi2zi run from a pack's generator (fontgan train zi2zi --init PACK). */
class PackWarmStartTest {
    @TempDir Path dir;

    @Test
    void sameArchStartsFromThePacksExactWeightsAndTrains() throws Exception {
        Path pack = TinyPacks.pack(dir);
        GlyphDataset data = GlyphDataset.open(dir.resolve("data"));
        byte[] packWeights = StylePack.unzip(Files.readAllBytes(pack), "test").get(StylePack.GENERATOR_ENTRY);
        try (Zi2ziModel m = PackWarmStart.model(pack, Zi2ziArch.TINY, data.styleNames(), data.sizePx(), 99)) {
            assertArrayEquals(packWeights, m.saveGenerator());
        }
        // the CLI: a run that starts from the pack records where it started
        Path run = dir.resolve("warm");
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"train", "zi2zi", "--data", dir.resolve("data").toString(), "--arch", "tiny",
            "--init", pack.toString(), "--steps", "2", "--batch", "4", "--out", run.toString(), "--quiet"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        assertEquals(pack.toString(), Json.parseObject(Files.readString(run.resolve("config.json")), "config").get("init"));
    }

    @Test
    void otherStylesAreRefusedNamingThePack() {
        Path pack = TinyPacks.pack(dir);
        FontganException e = assertThrows(FontganException.class,
                () -> PackWarmStart.model(pack, Zi2ziArch.TINY, List.of("wenkai", "ukai"), 16, 1));
        assertTrue(e.line().contains(pack.toString()) && e.line().contains("differ"), e.line());
    }
}
