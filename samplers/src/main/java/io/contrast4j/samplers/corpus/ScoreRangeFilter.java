package io.contrast4j.samplers.corpus;

import io.contrast4j.autograd.registry.CatalogInfo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * S201 filter · absolute score window (ST {@code mine_hard_negatives} {@code min_score}/{@code max_score};
 * NV-Retriever <i>TopK-Abs</i> = {@code max_score}). Keeps n iff min_score ≤ s(q,n) ≤ max_score.
 * Defaults: no bounds (−∞, +∞); NV-Retriever TopK-Abs uses max_score 0.7, the ST example 0.8.
 */
public final class ScoreRangeFilter implements FalseNegativeFilter {
    public static final CatalogInfo INFO = new CatalogInfo("S201", "Positive-aware hard-negative mining: score range filter", "corpus-mining", "T1",
            "NV-Retriever (TopK-Abs); ST mine_hard_negatives min_score/max_score", "keep n iff min_score <= s(q,n) <= max_score");
    private final double min;
    private final double max;

    public ScoreRangeFilter(double minScore, double maxScore) {
        if (Double.isNaN(minScore)) throw new IllegalArgumentException("parameter 'min_score' is NaN");
        if (Double.isNaN(maxScore)) throw new IllegalArgumentException("parameter 'max_score' is NaN");
        if (minScore > maxScore) throw new IllegalArgumentException("parameter 'min_score' (" + minScore + ") must be <= 'max_score' (" + maxScore + ")");
        this.min = minScore;
        this.max = maxScore;
    }

    public static ScoreRangeFilter max(double maxScore) {
        return new ScoreRangeFilter(Double.NEGATIVE_INFINITY, maxScore);
    }

    @Override
    public boolean[] keep(QueryCandidates c) {
        boolean[] k = new boolean[c.size()];
        for (int r = 0; r < k.length; r++) k[r] = c.scores()[r] >= min && c.scores()[r] <= max;
        return k;
    }

    @Override
    public String name() {
        return "score_range";
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("min_score", String.valueOf(min));
        m.put("max_score", String.valueOf(max));
        return m;
    }
}
