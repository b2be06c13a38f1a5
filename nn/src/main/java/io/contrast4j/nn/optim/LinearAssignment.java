package io.contrast4j.nn.optim;

/**
 * Exact linear assignment (Hungarian / Kuhn–Munkres with potentials, O(n³)) on a square score matrix:
 * {@link #maximize} returns the permutation π maximising Σ_i S[i][π(i)] (as {@code scipy.optimize.linear_sum_assignment}
 * with {@code maximize=True}). Used by weight matching (O07).
 */
public final class LinearAssignment {
    private LinearAssignment() {
    }

    /** π with π[i] = column assigned to row i, maximising the total score. */
    public static int[] maximize(double[][] score) {
        int n = score.length;
        double[][] cost = new double[n][];
        for (int i = 0; i < n; i++) {
            if (score[i].length != n) throw new IllegalArgumentException("LinearAssignment: score matrix must be square, row " + i + " has " + score[i].length + " entries for " + n + " rows");
            cost[i] = new double[n];
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(score[i][j])) throw new IllegalArgumentException("LinearAssignment: score[" + i + "][" + j + "] is " + score[i][j]);
                cost[i][j] = -score[i][j];
            }
        }
        return minimize(cost);
    }

    /** π minimising Σ_i C[i][π(i)] (C square and finite). */
    public static int[] minimize(double[][] c) {
        int n = c.length;
        double[] u = new double[n + 1], v = new double[n + 1];
        int[] p = new int[n + 1], way = new int[n + 1]; // p[j] = row matched to column j (1-based), 0 = free
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            double[] minv = new double[n + 1];
            boolean[] used = new boolean[n + 1];
            java.util.Arrays.fill(minv, Double.POSITIVE_INFINITY);
            do {
                used[j0] = true;
                int i0 = p[j0], j1 = 0;
                double delta = Double.POSITIVE_INFINITY;
                for (int j = 1; j <= n; j++) {
                    if (used[j]) continue;
                    double cur = c[i0 - 1][j - 1] - u[i0] - v[j];
                    if (cur < minv[j]) {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if (minv[j] < delta) {
                        delta = minv[j];
                        j1 = j;
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else minv[j] -= delta;
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] assign = new int[n];
        for (int j = 1; j <= n; j++) assign[p[j] - 1] = j - 1;
        return assign;
    }
}
