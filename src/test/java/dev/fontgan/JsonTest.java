package dev.fontgan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void roundTripsNestedValuesWithUnicodeAndEscapes() {
        Map<String, Object> v = Json.obj("name", "楷书 \"kai\"\n", "n", 3L, "x", 0.25, "ok", true,
                "none", null, "list", List.of(1L, "two", Json.obj("a", List.of())));
        for (String text : List.of(Json.write(v), Json.pretty(v))) {
            assertEquals(v, Json.parse(text, "t"));
        }
    }

    @Test
    void compactOutputIsOneLine() {
        assertEquals("{\"a\":[1,2],\"b\":\"x\\ty\"}", Json.write(Json.obj("a", new int[] {1, 2}, "b", "x\ty")));
    }

    @Test
    void truncatedJsonNamesTheSource() {
        FontganException e = assertThrows(FontganException.class, () -> Json.parse("{\"a\": [1, 2", "m.json"));
        assertTrue(e.line().startsWith("error: m.json: invalid JSON"), e.line());
    }
}
