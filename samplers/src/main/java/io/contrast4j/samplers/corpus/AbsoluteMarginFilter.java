package io.contrast4j.samplers.corpus;

import io.contrast4j.autograd.registry.CatalogInfo;

import java.util.Map;

/**
 * S201 filter · absolute margin to the positive (NV-Retriever <i>TopK-MarginPos</i>; ST {@code absolute_margin}).
 * Keeps n iff s(q,n) ≤ s(q,p) − margin. Default margin 0.05 (NV-Retriever's TopK-MarginPos setting).
 */
public final class AbsoluteMarginFilter implements FalseNegativeFilter {
    public static final CatalogInfo INFO = new CatalogInfo("S201", "Positive-aware hard-negative mining: absolute margin filter", "corpus-mining", "T1",
            "Moreira et al. 2024, NV-Retriever (TopK-MarginPos); ST mine_hard_negatives absolute_margin", "keep n iff s(q,n) <= s(q,p) − margin");
    public static final double DEFAULT_MARGIN = 0.05;
    private final double margin;

    public AbsoluteMarginFilter(double margin) {
        this.margin = FalseNegativeFilter.finite("absolute_margin", margin);
    }

    public double margin() {
        return margin;
    }

    @Override
    public boolean[] keep(QueryCandidates c) {
        double bound = c.positiveScore() - margin;
        boolean[] k = new boolean[c.size()];
        for (int r = 0; r < k.length; r++) k[r] = c.scores()[r] <= bound;
        return k;
    }

    @Override
    public String name() {
        return "absolute_margin";
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("absolute_margin", String.valueOf(margin));
    }
}
