package io.contrast4j.samplers.weighting;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * S410 · Density-based pruning by concept complexity, DBP (Abbas et al. 2024, <i>Effective pruning of web-scale
 * datasets based on complexity of concept clusters</i>). Given k-means assignments and centroids (S016): d_intra(j) =
 * mean Euclidean distance of cluster j's members to its centroid, d_inter(j) = mean distance of its centroid to the
 * {@code neighbours} nearest other centroids, complexity C_j = d_inter(j)·d_intra(j); quota N_j = keep·softmax(C_j/τ)
 * capped at the cluster size (surplus re-shared); inside a cluster keep the N_j samples farthest from the centroid
 * (prune the most prototypical). Semantic de-duplication beforehand is left to the caller. Defaults: τ = 0.1,
 * neighbours = 1 (formula follows CATALOG.md [K]).
 */
public final class DensityBasedPruning implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S410", "Density-based pruning by concept complexity (DBP)", "reweighting", "T2",
            "Abbas et al. 2024, Effective pruning of web-scale datasets based on complexity of concept clusters",
            "C_j = d_inter(j)·d_intra(j); N_j = N·softmax(C_j/τ) capped; keep the farthest from the centroid");
    private final double tau;
    private final int neighbours;

    public DensityBasedPruning(double tau, int neighbours) {
        this.tau = Quotas.positive("S410", "tau", tau);
        if (neighbours < 1) throw new IllegalArgumentException("S410: parameter 'neighbours' must be >= 1, got " + neighbours);
        this.neighbours = neighbours;
    }

    public DensityBasedPruning() {
        this(0.1, 1);
    }

    /** Complexity C_j per cluster (clusters without members get 0). */
    public double[] complexity(double[][] x, int[] assignments, double[][] centroids) {
        int k = check(x, assignments, centroids);
        double[] intra = new double[k];
        int[] cnt = new int[k];
        for (int i = 0; i < x.length; i++) {
            intra[assignments[i]] += dist(x[i], centroids[assignments[i]]);
            cnt[assignments[i]]++;
        }
        double[] c = new double[k];
        for (int j = 0; j < k; j++) {
            if (cnt[j] == 0) continue;
            double[] d = new double[k - 1];
            int f = 0;
            for (int o = 0; o < k; o++) if (o != j) d[f++] = dist(centroids[j], centroids[o]);
            Arrays.sort(d);
            int nn = Math.min(neighbours, d.length);
            double inter = 0;
            for (int t = 0; t < nn; t++) inter += d[t] / nn;
            c[j] = inter * intra[j] / cnt[j];
        }
        return c;
    }

    /** Indices kept (ascending), {@code keep} of them in total. */
    public int[] prune(double[][] x, int[] assignments, double[][] centroids, int keep) {
        if (keep < 0) throw new IllegalArgumentException("S410: parameter 'keep' must be >= 0, got " + keep);
        double[] c = complexity(x, assignments, centroids);
        int k = c.length;
        int[][] mem = Quotas.members(assignments, k);
        int[] cap = new int[k];
        double[] share = Quotas.softmax(c, tau);
        for (int j = 0; j < k; j++) {
            cap[j] = mem[j].length;
            if (cap[j] == 0) share[j] = 0;
        }
        int[] q = Quotas.capped(share, cap, keep);
        int total = 0;
        for (int v : q) total += v;
        int[] out = new int[total];
        int f = 0;
        for (int j = 0; j < k; j++) {
            Integer[] order = Arrays.stream(mem[j]).boxed().toArray(Integer[]::new);
            final int jj = j;
            Arrays.sort(order, (a, b) -> {
                int cmp = Double.compare(dist(x[b], centroids[jj]), dist(x[a], centroids[jj]));
                return cmp != 0 ? cmp : Integer.compare(a, b);
            });
            for (int t = 0; t < q[j]; t++) out[f++] = order[t];
        }
        Arrays.sort(out);
        return out;
    }

    private static int check(double[][] x, int[] a, double[][] centroids) {
        if (x == null || a == null || x.length != a.length) throw new IllegalArgumentException("S410: x and assignments must have equal length");
        if (centroids == null || centroids.length < 2) throw new IllegalArgumentException("S410: need at least 2 centroids");
        int d = centroids[0].length;
        for (int i = 0; i < x.length; i++) {
            if (a[i] < 0 || a[i] >= centroids.length) throw new IllegalArgumentException("S410: assignments[" + i + "] = " + a[i] + " outside [0, " + centroids.length + ")");
            if (x[i].length != d) throw new IllegalArgumentException("S410: x[" + i + "] has dimension " + x[i].length + ", expected " + d);
        }
        return centroids.length;
    }

    static double dist(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.sqrt(s);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("tau", String.valueOf(tau));
        m.put("neighbours", String.valueOf(neighbours));
        return m;
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats("x", "N x D", "embeddings"), Input.ints("assignments", "N", "k-means clusters"), Input.floats("centroids", "K x D", "centroids"));
    }
}
