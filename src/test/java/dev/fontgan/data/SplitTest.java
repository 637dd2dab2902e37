package dev.fontgan.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitTest {
    @Test
    void sameSeedSameSplitAndProportionsHold() {
        Map<Split, Integer> counts = new EnumMap<>(Split.class);
        int differ = 0;
        int n = 20902; // the CJK Unified Ideographs block
        for (int cp = 0x4E00; cp < 0x4E00 + n; cp++) {
            Split s = Split.of(cp, 42);
            assertEquals(s, Split.of(cp, 42));
            counts.merge(s, 1, Integer::sum);
            if (Split.of(cp, 43) != s) {
                differ++;
            }
        }
        assertEquals(0.10, counts.get(Split.TEST) / (double) n, 0.01);
        assertEquals(0.05, counts.get(Split.VAL) / (double) n, 0.01);
        assertEquals(0.85, counts.get(Split.TRAIN) / (double) n, 0.015);
        assertTrue(differ > n / 10, "another seed splits differently: " + differ);
    }

    @Test
    void smallCharsetsStillGetTestCharacters() {
        int test = 0;
        for (int cp = 'A'; cp <= 'z'; cp++) {
            test += Split.of(cp, 1) == Split.TEST ? 1 : 0;
        }
        assertTrue(test >= 1 && test <= 14, "test characters among 58: " + test);
    }
}
