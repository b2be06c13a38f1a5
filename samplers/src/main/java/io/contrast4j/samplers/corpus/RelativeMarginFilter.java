package io.contrast4j.samplers.corpus;

import io.contrast4j.autograd.registry.CatalogInfo;

import java.util.Map;

/**
 * S201 filter · relative margin to the positive: NV-Retriever <i>TopK-PercPos</i> (Moreira et al. 2024, the best
 * of its positive-aware methods) and ST {@code relative_margin}. Keeps n iff s(q,n) ≤ s(q,p)·(1 − relative_margin),
 * e.g. ≤ 95% of the positive's score for the default 0.05 (NV-Retriever's recommended setting).
 */
public final class RelativeMarginFilter implements FalseNegativeFilter {
    public static final CatalogInfo INFO = new CatalogInfo("S201", "Positive-aware hard-negative mining: relative margin filter (TopK-PercPos)", "corpus-mining", "T1",
            "Moreira et al. 2024, NV-Retriever (TopK-PercPos); ST mine_hard_negatives relative_margin", "keep n iff s(q,n) <= s(q,p)·(1 − relative_margin)");
    public static final double DEFAULT_RELATIVE_MARGIN = 0.05;
    private final double relativeMargin;

    public RelativeMarginFilter(double relativeMargin) {
        FalseNegativeFilter.finite("relative_margin", relativeMargin);
        if (relativeMargin < 0 || relativeMargin >= 1) {
            throw new IllegalArgumentException("parameter 'relative_margin' must be in [0, 1), got " + relativeMargin);
        }
        this.relativeMargin = relativeMargin;
    }

    public double relativeMargin() {
        return relativeMargin;
    }

    @Override
    public boolean[] keep(QueryCandidates c) {
        double bound = c.positiveScore() * (1 - relativeMargin);
        boolean[] k = new boolean[c.size()];
        for (int r = 0; r < k.length; r++) k[r] = c.scores()[r] <= bound;
        return k;
    }

    @Override
    public String name() {
        return "relative_margin";
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("relative_margin", String.valueOf(relativeMargin));
    }
}
