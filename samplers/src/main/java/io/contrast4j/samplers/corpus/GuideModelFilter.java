package io.contrast4j.samplers.corpus;

import io.contrast4j.autograd.registry.CatalogInfo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * S201 filter · guide-model (second teacher) false-negative filter: the self-aware / guided form of positive-aware
 * mining (GISTEmbed's guide model; the current model as its own teacher in <i>From Generator to Embedder</i>; also the
 * stand-in for an expensive judge such as a small cross-encoder). With g = the guide's score:
 * drop n if g(q,n) &gt; g(q,p) − margin, or if g(q,n) &gt; max_score. Defaults: margin 0 (GISTEmbed: drop candidates the
 * guide ranks at or above the positive), max_score +∞.
 */
public final class GuideModelFilter implements FalseNegativeFilter {
    public static final CatalogInfo INFO = new CatalogInfo("S201", "Positive-aware hard-negative mining: guide-model filter", "corpus-mining", "T1",
            "GISTEmbed guide model; NV-Retriever positive-aware mining with a second teacher",
            "drop n iff g(q,n) > g(q,p) − margin or g(q,n) > max_score");
    private final PairScorer guide;
    private final double margin;
    private final double maxScore;

    public GuideModelFilter(PairScorer guide, double margin, double maxScore) {
        if (guide == null) throw new IllegalArgumentException("parameter 'guide' must not be null");
        this.guide = guide;
        this.margin = FalseNegativeFilter.finite("margin", margin);
        if (Double.isNaN(maxScore)) throw new IllegalArgumentException("parameter 'max_score' is NaN");
        this.maxScore = maxScore;
    }

    public GuideModelFilter(PairScorer guide) {
        this(guide, 0, Double.POSITIVE_INFINITY);
    }

    @Override
    public boolean[] keep(QueryCandidates c) {
        double gp = guide.score(c.row(), c.positive());
        boolean[] k = new boolean[c.size()];
        for (int r = 0; r < k.length; r++) {
            double g = guide.score(c.row(), c.ids()[r]);
            k[r] = g <= gp - margin && g <= maxScore;
        }
        return k;
    }

    @Override
    public String name() {
        return "guide_model";
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("margin", String.valueOf(margin));
        m.put("max_score", String.valueOf(maxScore));
        return m;
    }
}
