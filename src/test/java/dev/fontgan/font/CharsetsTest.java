package dev.fontgan.font;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fontgan.FontganException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CharsetsTest {
    @TempDir Path tmp;

    @Test
    void literalStringGivesDistinctCodePointsInOrder() {
        assertArrayEquals("你好wo".codePoints().toArray(), Charsets.resolve("你好 wo你"));
        assertArrayEquals(new int[] {0x20000, 'a'}, Charsets.resolve("\uD840\uDC00a"));
    }

    @Test
    void filesAndNamedCharsetsResolve() throws Exception {
        Path dir = tmp.resolve("corpus/charsets");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("tiny.txt"), "\uFEFF一\n二\r\n三\n二\n");
        Files.writeString(dir.resolve("more.txt"), "三\n四\n");
        String old = System.getProperty("fontgan.home");
        System.setProperty("fontgan.home", tmp.toString());
        try {
            assertArrayEquals("一二三".codePoints().toArray(), Charsets.resolve("tiny"));
            assertArrayEquals("一二三".codePoints().toArray(), Charsets.resolve(dir.resolve("tiny.txt").toString()));
            assertArrayEquals("一二三四".codePoints().toArray(), Charsets.resolve("tiny+more"), "union of named sets");
            assertArrayEquals("a+b".codePoints().toArray(), Charsets.resolve("a+b"), "a literal with + stays literal");
        } finally {
            if (old == null) {
                System.clearProperty("fontgan.home");
            } else {
                System.setProperty("fontgan.home", old);
            }
        }
    }

    @Test
    void invalidUtf8NamesTheFile() throws Exception {
        Path bad = tmp.resolve("bad.txt");
        Files.write(bad, new byte[] {(byte) 0xE4, (byte) 0xB8, (byte) 0xAD, '\n', (byte) 0xFF, (byte) 0xFE, '\n'});
        FontganException e = assertThrows(FontganException.class, () -> Charsets.resolve(bad.toString()));
        assertEquals(bad.toString(), e.where());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
        assertThrows(FontganException.class, () -> Charsets.resolve(tmp.resolve("none.txt").toString()));
        assertThrows(FontganException.class, () -> Charsets.resolve(tmp.toString()));
    }

    @Test
    void gb2312LevelOneIsBuiltIn() {
        int[] cps = Charsets.gb2312Level1();
        assertEquals(3755, cps.length);
        assertEquals('啊', cps[0]);
        assertEquals('座', cps[cps.length - 1]);
    }
}
