package io.contrast4j.samplers.corpus;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.List;
import java.util.Map;

/**
 * S213 · Consistency filtering of CoRNStack (Suresh et al. 2024, <i>CoRNStack: High-Quality Contrastive Data for
 * Better Code Ranking</i>): a training pair (q, p) is kept only if p is among the top-{@code k} documents for q under
 * a pretrained embedder (the candidate source). Here the pool is the whole corpus of the source. Default k = 2.
 * Formula not verified against the paper: follows CATALOG.md ([K?]). The curriculum negative sampling half is
 * {@link SoftmaxSelector}.
 */
public final class ConsistencyFilter implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S213", "Consistency filtering + curriculum negative sampling (CoRNStack)", "corpus-mining", "T2",
            "Suresh et al. 2024, CoRNStack: High-Quality Contrastive Data for Better Code Ranking",
            "keep (q,p) iff p ∈ top-k(q); negatives ~ softmax(s(q,d)/τ) over the top-K, τ annealed");
    private final int k;

    public ConsistencyFilter(int k) {
        if (k < 1) throw new IllegalArgumentException("parameter 'k' must be >= 1, got " + k);
        this.k = k;
    }

    /** {@code keep[i]}: whether row i's positive is in its top-k. */
    public boolean[] keepPairs(CandidateSource source, int[] positives) {
        if (positives == null || positives.length != source.numQueries()) {
            throw new IllegalArgumentException("positives must have one id per query row (" + source.numQueries() + ")");
        }
        CandidateSource.Ranked r = source.candidates(k, null);
        boolean[] keep = new boolean[positives.length];
        for (int q = 0; q < keep.length; q++) {
            for (int id : r.ids()[q]) if (id == positives[q]) { keep[q] = true; break; }
        }
        return keep;
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("k", String.valueOf(k));
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats("queries", "Q x D", "query embeddings"), Input.ints("positives", "Q", "positive id per row"));
    }
}
