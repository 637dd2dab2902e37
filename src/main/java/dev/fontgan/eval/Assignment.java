package dev.fontgan.eval;

import java.util.Arrays;

/**
 * Best one-to-one assignment (Hungarian method with row/column potentials, O(n^3)): rows to
 * distinct columns maximizing the summed weight. Used to map InfoGAN's code values to distinct
 * characters, so a generator that draws one character for two codes is not rewarded twice.
 */
public final class Assignment {
    private Assignment() {}

    /**
     * @param weight non-negative weights [rows][columns] (rectangular allowed; missing cells act as 0)
     * @return for each row the column it is assigned to, or -1 when there are more rows than columns
     */
    public static int[] maximize(int[][] weight) {
        int rows = weight.length;
        int cols = 0;
        int max = 0;
        for (int[] r : weight) {
            cols = Math.max(cols, r.length);
            for (int v : r) {
                max = Math.max(max, v);
            }
        }
        int n = Math.max(rows, cols);
        // minimize cost = max - weight on a square matrix padded with zero-weight cells
        long[][] cost = new long[n + 1][n + 1];
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= n; j++) {
                int w = i <= rows && j <= weight[i - 1].length ? weight[i - 1][j - 1] : 0;
                cost[i][j] = max - w;
            }
        }
        long[] u = new long[n + 1];
        long[] v = new long[n + 1];
        int[] rowOfColumn = new int[n + 1]; // 1-based; column 0 is the virtual start
        int[] previous = new int[n + 1];
        for (int i = 1; i <= n; i++) {
            rowOfColumn[0] = i;
            int column = 0;
            long[] least = new long[n + 1];
            Arrays.fill(least, Long.MAX_VALUE);
            boolean[] used = new boolean[n + 1];
            do {
                used[column] = true;
                int row = rowOfColumn[column];
                long delta = Long.MAX_VALUE;
                int next = -1;
                for (int j = 1; j <= n; j++) {
                    if (!used[j]) {
                        long reduced = cost[row][j] - u[row] - v[j];
                        if (reduced < least[j]) {
                            least[j] = reduced;
                            previous[j] = column;
                        }
                        if (least[j] < delta) {
                            delta = least[j];
                            next = j;
                        }
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (used[j]) {
                        u[rowOfColumn[j]] += delta;
                        v[j] -= delta;
                    } else {
                        least[j] -= delta;
                    }
                }
                column = next;
            } while (rowOfColumn[column] != 0);
            do { // flip the augmenting path back to the start
                int before = previous[column];
                rowOfColumn[column] = rowOfColumn[before];
                column = before;
            } while (column != 0);
        }
        int[] out = new int[rows];
        Arrays.fill(out, -1);
        for (int j = 1; j <= n; j++) {
            int row = rowOfColumn[j];
            if (row >= 1 && row <= rows && j <= cols) {
                out[row - 1] = j - 1;
            }
        }
        return out;
    }
}
