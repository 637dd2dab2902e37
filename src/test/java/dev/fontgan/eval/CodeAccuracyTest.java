package dev.fontgan.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class CodeAccuracyTest {
    @Test
    void assignmentFindsTheBestOneToOneMapping() {
        // greedy row by row would give row 0 column 0 (9) and row 1 column 1 (1): 10; best is 8 + 8
        int[][] w = {{9, 8}, {8, 1}};
        assertArrayEquals(new int[] {1, 0}, Assignment.maximize(w));
    }

    @Test
    void assignmentMatchesBruteForceOnRandomSquares() {
        Random r = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + r.nextInt(6);
            int[][] w = new int[n][n];
            for (int[] row : w) {
                for (int j = 0; j < n; j++) {
                    row[j] = r.nextInt(20);
                }
            }
            int[] a = Assignment.maximize(w);
            int got = 0;
            for (int i = 0; i < n; i++) {
                got += w[i][a[i]];
            }
            assertEquals(bestByPermutation(w, 0, new boolean[n]), got, "trial " + trial);
        }
    }

    @Test
    void assignmentLeavesExtraRowsUnassigned() {
        int[] a = Assignment.maximize(new int[][] {{5}, {7}, {1}});
        assertArrayEquals(new int[] {-1, 0, -1}, a);
    }

    @Test
    void oneToOneDoesNotRewardTwoCodesDrawingOneCharacter() {
        // codes 0 and 1 both draw 'a'; code 2 draws 'b'
        int[] codes = {0, 0, 1, 1, 2, 2};
        int[] read = {'a', 'a', 'a', 'a', 'b', 'b'};
        Map<String, Object> m = GanEvaluation.codeAccuracy(codes, read);
        assertEquals(1.0, (double) m.get("acc"), 1e-9);
        assertEquals(4.0 / 6, (double) m.get("acc_one_to_one"), 1e-9);
        assertEquals(2, m.get("distinct_characters"));
    }

    @Test
    void byCodeListsWhatEachCodeWasReadAsMostFrequentFirst() {
        int[] codes = {1, 1, 1, 0, 0, 0};
        int[] read = {'b', 'a', 'a', 'c', 'd', 'c'};
        Map<String, Object> byCode = (Map<String, Object>) GanEvaluation.codeAccuracy(codes, read).get("by_code");
        assertEquals("{0={c=2, d=1}, 1={a=2, b=1}}", byCode.toString());
    }

    @Test
    void byFontScoresEachFontUnderTheRunsOneToOneAssignment() {
        // code 0 -> 'a', code 1 -> 'b' overall; font 1 swaps them in both of its samples
        int[] codes = {0, 0, 0, 1, 1, 1, 0, 1};
        int[] fonts = {0, 0, 0, 0, 0, 0, 1, 1};
        int[] read = {'a', 'a', 'a', 'b', 'b', 'b', 'b', 'a'};
        Map<String, Object> byFont = GanEvaluation.byFont(codes, fonts, read, java.util.List.of("plain", "swapped", "unused"));
        assertEquals("{plain={acc=1.0, total=6}, swapped={acc=0.0, total=2}}", byFont.toString());
        assertEquals(6.0 / 8, (double) GanEvaluation.codeAccuracy(codes, read).get("acc_one_to_one"), 1e-9);
    }

    private static int bestByPermutation(int[][] w, int row, boolean[] used) {
        if (row == w.length) {
            return 0;
        }
        int best = Integer.MIN_VALUE;
        for (int j = 0; j < w.length; j++) {
            if (!used[j]) {
                used[j] = true;
                best = Math.max(best, w[row][j] + bestByPermutation(w, row + 1, used));
                used[j] = false;
            }
        }
        return best;
    }
}
