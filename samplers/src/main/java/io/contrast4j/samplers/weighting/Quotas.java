package io.contrast4j.samplers.weighting;

import io.contrast4j.autograd.Rng;

/** Shared helpers of the selection schemes: capped proportional integer quotas, softmax and weighted draws. */
final class Quotas {
    private Quotas() {
    }

    /**
     * Integer quotas summing to min(total, Σcap) with q_j ≤ cap_j, proportional to share_j (≥ 0): water-filling (groups
     * that hit their cap are fixed, the rest re-share), then largest remainders (ties to the lower index).
     */
    static int[] capped(double[] share, int[] cap, int total) {
        int m = share.length;
        int[] q = new int[m];
        boolean[] fixed = new boolean[m];
        long capSum = 0;
        for (int c : cap) capSum += c;
        int left = (int) Math.min(total, capSum);
        while (left > 0) {
            double s = 0;
            for (int j = 0; j < m; j++) if (!fixed[j]) s += share[j];
            boolean any = false;
            for (int j = 0; j < m; j++) {
                if (fixed[j]) continue;
                double want = s > 0 ? share[j] / s * left : 0;
                if (q[j] + want >= cap[j]) {
                    left -= cap[j] - q[j];
                    q[j] = cap[j];
                    fixed[j] = true;
                    any = true;
                }
            }
            if (any) continue;
            double[] want = new double[m];
            int given = 0;
            for (int j = 0; j < m; j++) {
                if (fixed[j]) continue;
                want[j] = s > 0 ? share[j] / s * left : 0;
                int f = (int) Math.floor(want[j]);
                q[j] += f;
                given += f;
                want[j] -= f;
            }
            int rest = left - given;
            while (rest > 0) {
                int best = -1;
                for (int j = 0; j < m; j++) if (!fixed[j] && q[j] < cap[j] && (best < 0 || want[j] > want[best])) best = j;
                if (best < 0) break;
                q[best]++;
                want[best] = -1;
                rest--;
            }
            if (rest > 0 && s == 0) {
                for (int j = 0; j < m && rest > 0; j++) while (q[j] < cap[j] && rest > 0) { q[j]++; rest--; }
            }
            left = 0;
        }
        return q;
    }

    static double[] softmax(double[] x, double tau) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) max = Math.max(max, v / tau);
        double[] out = new double[x.length];
        double s = 0;
        for (int i = 0; i < x.length; i++) s += out[i] = Math.exp(x[i] / tau - max);
        for (int i = 0; i < x.length; i++) out[i] /= s;
        return out;
    }

    /** k distinct indices from [0, w.length) drawn sequentially ∝ w (without replacement); k ≤ #positive weights. */
    static int[] weightedWithoutReplacement(double[] w, int k, Rng rng) {
        double[] v = w.clone();
        int[] out = new int[k];
        for (int t = 0; t < k; t++) {
            double s = 0;
            for (double x : v) s += x;
            double u = rng.nextDouble() * s;
            int pick = -1;
            for (int i = 0; i < v.length; i++) {
                if (v[i] <= 0) continue;
                pick = i;
                u -= v[i];
                if (u < 0) break;
            }
            out[t] = pick;
            v[pick] = 0;
        }
        return out;
    }

    static double positive(String id, String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(id + ": parameter '" + name + "' must be > 0, got " + v);
        return v;
    }

    static double unit(String id, String name, double v) {
        if (!(v > 0 && v <= 1)) throw new IllegalArgumentException(id + ": parameter '" + name + "' must be in (0, 1], got " + v);
        return v;
    }

    static int[] groupsOf(String id, int[] assignments) {
        if (assignments == null || assignments.length == 0) throw new IllegalArgumentException(id + ": assignments must not be empty");
        int k = 0;
        for (int i = 0; i < assignments.length; i++) {
            if (assignments[i] < 0) throw new IllegalArgumentException(id + ": assignments[" + i + "] must be >= 0, got " + assignments[i]);
            k = Math.max(k, assignments[i] + 1);
        }
        int[] sizes = new int[k];
        for (int a : assignments) sizes[a]++;
        return sizes;
    }

    static int[][] members(int[] assignments, int k) {
        int[] sizes = new int[k];
        for (int a : assignments) sizes[a]++;
        int[][] m = new int[k][];
        for (int c = 0; c < k; c++) m[c] = new int[sizes[c]];
        int[] f = new int[k];
        for (int i = 0; i < assignments.length; i++) m[assignments[i]][f[assignments[i]]++] = i;
        return m;
    }
}
