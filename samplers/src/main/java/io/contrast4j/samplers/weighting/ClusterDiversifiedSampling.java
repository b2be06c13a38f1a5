package io.contrast4j.samplers.weighting;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * S411 · Cluster-diversified sampling of documents for synthetic queries, DUQGen (Chandradevan et al. 2024,
 * <i>DUQGen: Effective Unsupervised Domain Adaptation of Neural Rankers by Diversifying Synthetic Query
 * Generation</i>). Given k-means assignments over target-domain documents and each document's similarity to its
 * centroid: the budget is split over clusters ∝ size (or uniformly), capped at the cluster size; inside cluster c
 * documents are drawn without replacement ∝ softmax(sim / τ). One query per chosen document comes from S309 and its
 * negatives from BM25 (S202). Formula not verified against the paper: follows CATALOG.md ([K?]). Defaults: τ = 1,
 * proportional = true. Deterministic for a seed.
 */
public final class ClusterDiversifiedSampling implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S411", "Cluster-diversified sampling of documents for synthetic queries (DUQGen)", "reweighting", "T2",
            "Chandradevan et al. 2024, DUQGen: Effective Unsupervised Domain Adaptation of Neural Rankers by Diversifying Synthetic Query Generation",
            "clusters ∝ size (or uniform); docs in a cluster ∝ softmax(sim to centroid / τ)");
    private final double tau;
    private final boolean proportional;

    public ClusterDiversifiedSampling(double tau, boolean proportional) {
        this.tau = Quotas.positive("S411", "tau", tau);
        this.proportional = proportional;
    }

    public ClusterDiversifiedSampling() {
        this(1, true);
    }

    /** Chosen document indices (ascending), min(budget, N) of them. */
    public int[] select(int[] assignments, double[] simToCentroid, int budget, Rng rng) {
        int[] sizes = Quotas.groupsOf("S411", assignments);
        if (simToCentroid == null || simToCentroid.length != assignments.length) throw new IllegalArgumentException("S411: simToCentroid must have " + assignments.length + " values");
        SampleWeighter.checkFinite("S411", simToCentroid);
        if (budget < 1) throw new IllegalArgumentException("S411: parameter 'budget' must be >= 1, got " + budget);
        int k = sizes.length;
        double[] share = new double[k];
        for (int c = 0; c < k; c++) share[c] = sizes[c] == 0 ? 0 : proportional ? sizes[c] : 1;
        int[] q = Quotas.capped(share, sizes, budget);
        int[][] mem = Quotas.members(assignments, k);
        int total = 0;
        for (int v : q) total += v;
        int[] out = new int[total];
        int f = 0;
        for (int c = 0; c < k; c++) {
            if (q[c] == 0) continue;
            double[] s = new double[mem[c].length];
            for (int t = 0; t < s.length; t++) s[t] = simToCentroid[mem[c][t]];
            double[] w = Quotas.softmax(s, tau);
            for (int t : Quotas.weightedWithoutReplacement(w, q[c], rng)) out[f++] = mem[c][t];
        }
        Arrays.sort(out);
        return out;
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("tau", String.valueOf(tau));
        m.put("proportional", String.valueOf(proportional));
        return m;
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.ints("assignments", "N", "k-means cluster per document"), Input.floats("sim_to_centroid", "N", "similarity to the centroid"));
    }
}
