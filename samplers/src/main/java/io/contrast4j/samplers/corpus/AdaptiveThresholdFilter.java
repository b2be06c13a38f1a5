package io.contrast4j.samplers.corpus;

import io.contrast4j.autograd.registry.CatalogInfo;

import java.util.Map;

/**
 * S216 · Adaptive per-query threshold from candidate statistics (ATSS, Zhang et al. 2020, <i>Bridging the Gap
 * Between Anchor-based and Anchor-free Detection via Adaptive Training Sample Selection</i>; port to retrieval).
 * Per row, t = mean + std (population) of the scores of its top-{@code k} candidates; candidates with s(q,n) ≥ t are
 * dropped as likely false negatives. Default k = 9 (ATSS). A row with one candidate keeps it unless it scores ≥ t
 * (t = its own score, so it is dropped: a lone candidate carries no statistics; use k ≥ 2 rows).
 */
public final class AdaptiveThresholdFilter implements FalseNegativeFilter {
    public static final CatalogInfo INFO = new CatalogInfo("S216", "Adaptive per-query thresholds from candidate statistics (ATSS-style)", "corpus-mining", "T2",
            "Zhang et al. 2020, Bridging the Gap Between Anchor-based and Anchor-free Detection via ATSS",
            "t_q = mean + std of the top-k candidate scores; drop n iff s(q,n) >= t_q");
    private final int k;

    public AdaptiveThresholdFilter(int k) {
        if (k < 1) throw new IllegalArgumentException("parameter 'k' must be >= 1, got " + k);
        this.k = k;
    }

    /** The threshold of one row (mean + std of the first min(k, size) scores); +∞ for an empty row. */
    public double threshold(double[] rankedScores) {
        int m = Math.min(k, rankedScores.length);
        if (m == 0) return Double.POSITIVE_INFINITY;
        double mean = 0;
        for (int i = 0; i < m; i++) mean += rankedScores[i];
        mean /= m;
        double var = 0;
        for (int i = 0; i < m; i++) var += (rankedScores[i] - mean) * (rankedScores[i] - mean);
        return mean + Math.sqrt(var / m);
    }

    @Override
    public boolean[] keep(QueryCandidates c) {
        double t = threshold(c.scores());
        boolean[] keep = new boolean[c.size()];
        for (int r = 0; r < keep.length; r++) keep[r] = c.scores()[r] < t;
        return keep;
    }

    @Override
    public String name() {
        return "adaptive_threshold";
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("k", String.valueOf(k));
    }
}
