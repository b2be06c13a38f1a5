package io.contrast4j.samplers.weighting;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * S409 · Diversity-centric selection with iterative cluster re-weighting (Yu et al. 2024, <i>Diversify and Conquer:
 * Diversity-Centric Data Selection with Iterative Refinement</i>). Given k-means cluster assignments (S016): round 0
 * spends the budget uniformly over clusters; after each round the trainer reports a mean score per cluster (stand-in
 * scorer: loss drop or accuracy on sampled instances; orig. reward model / LLM judge), cluster weights become
 * w_c = softmax(score_c / τ), and the next selection draws budget·w_c instances from cluster c (capped at its size,
 * surplus re-shared) uniformly without replacement. Formula not verified against the paper: follows CATALOG.md
 * ([K?]). Defaults: τ = 1. Deterministic for a seed.
 */
public final class DiversifyAndConquer implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S409", "Diversity-centric selection with iterative cluster re-weighting (Diversify & Conquer)", "reweighting", "T2",
            "Yu et al. 2024, Diversify and Conquer: Diversity-Centric Data Selection with Iterative Refinement",
            "uniform budget per k-means cluster; w_c = softmax(mean score_c / τ); resample ∝ w_c");
    private final double tau;
    private final int[][] members;
    private double[] weights;

    public DiversifyAndConquer(int[] assignments, double tau) {
        this.tau = Quotas.positive("S409", "tau", tau);
        int[] sizes = Quotas.groupsOf("S409", assignments);
        this.members = Quotas.members(assignments, sizes.length);
        this.weights = new double[sizes.length];
        Arrays.fill(weights, 1.0 / sizes.length);
    }

    /** A registry description (no data). */
    public DiversifyAndConquer() {
        this(new int[]{0}, 1);
    }

    /** Current cluster weights (uniform before the first {@link #reweight}). */
    public double[] clusterWeights() {
        return weights.clone();
    }

    /** w_c = softmax(score_c / τ) from the per-cluster mean scores of the last round. */
    public double[] reweight(double[] clusterScores) {
        if (clusterScores.length != members.length) throw new IllegalArgumentException("S409: clusterScores must hold " + members.length + " values, got " + clusterScores.length);
        SampleWeighter.checkFinite("S409", clusterScores);
        weights = Quotas.softmax(clusterScores, tau);
        return weights.clone();
    }

    /** Selects {@code budget} indices (ascending): quota budget·w_c per cluster, capped, uniform inside a cluster. */
    public int[] select(int budget, Rng rng) {
        if (budget < 1) throw new IllegalArgumentException("S409: parameter 'budget' must be >= 1, got " + budget);
        int[] cap = new int[members.length];
        for (int c = 0; c < cap.length; c++) cap[c] = members[c].length;
        int[] q = Quotas.capped(weights, cap, budget);
        int total = 0;
        for (int v : q) total += v;
        int[] out = new int[total];
        int f = 0;
        for (int c = 0; c < members.length; c++) {
            int[] m = members[c].clone();
            rng.shuffle(m);
            for (int k = 0; k < q[c]; k++) out[f++] = m[k];
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
        return Map.of("tau", String.valueOf(tau));
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.ints("assignments", "N", "k-means cluster of every sample"), Input.floats("cluster_scores", "K", "mean score per cluster"));
    }
}
