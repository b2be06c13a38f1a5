package io.contrast4j.samplers.corpus;

import io.contrast4j.autograd.registry.CatalogInfo;

import java.util.Map;

/**
 * S208 · Two-condition hard-negative selection (<i>Hard Negative Mining for Domain-Specific Retrieval in Enterprise
 * Systems</i>). With cosine distances d = 1 − s, document D is kept as a hard negative iff d(Q,D) &lt; d(Q,PD) and
 * d(Q,D) &lt; d(PD,D) (PD = the positive document), i.e. s(q,n) &gt; s(q,p) and s(q,n) &gt; s(p,n). The paper's
 * ensemble + PCA embedding is whatever the {@link CandidateSource} and {@link DocSimilarity} are built on.
 * No parameters.
 */
public final class TwoConditionFilter implements FalseNegativeFilter {
    public static final CatalogInfo INFO = new CatalogInfo("S208", "Two-condition ensemble hard-negative selection", "corpus-mining", "T2",
            "Hard Negative Mining for Domain-Specific Retrieval in Enterprise Systems",
            "keep D iff d(Q,D) < d(Q,PD) and d(Q,D) < d(PD,D)");
    private final DocSimilarity docs;

    public TwoConditionFilter(DocSimilarity docs) {
        if (docs == null) throw new IllegalArgumentException("parameter 'docs' must not be null");
        this.docs = docs;
    }

    @Override
    public boolean[] keep(QueryCandidates c) {
        boolean[] k = new boolean[c.size()];
        for (int r = 0; r < k.length; r++) {
            double sqn = c.scores()[r];
            k[r] = sqn > c.positiveScore() && sqn > docs.similarity(c.positive(), c.ids()[r]);
        }
        return k;
    }

    @Override
    public String name() {
        return "two_condition";
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of();
    }
}
