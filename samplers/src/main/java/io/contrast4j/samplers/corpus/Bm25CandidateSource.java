package io.contrast4j.samplers.corpus;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;
import io.contrast4j.samplers.index.Bm25;
import io.contrast4j.samplers.index.TopK;

import java.util.List;
import java.util.Map;

/**
 * S202 · BM25 lexical retriever / miner / teacher (Robertson &amp; Zaragoza 2009; BM25 negatives of
 * <i>Don't Retrieve, Generate</i>, R²anker pools, DUQGen). score(q,d) = Σ_{t∈q} idf_t·f_td(k₁+1)/(f_td + k₁(1−b+b|d|/avgdl)),
 * computed by {@link Bm25}; candidates are the top-k documents sharing a term with the query, positives excluded.
 * Defaults are those of the {@link Bm25} index passed in (k₁ = 0.9, b = 0.4 Anserini; pass k₁=1.2, b=0.75 for the
 * classical setting). BM25 scores are ≥ 0, so the relative-margin filter works on them as on similarities.
 */
public final class Bm25CandidateSource implements CandidateSource, Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S202", "BM25 lexical retriever / miner / teacher", "corpus-mining", "T1",
            "Robertson & Zaragoza 2009, The Probabilistic Relevance Framework: BM25 and Beyond",
            "s(q,d) = Σ_t idf_t·f_td(k1+1)/(f_td + k1(1−b+b|d|/avgdl))");

    private final Bm25 bm25;
    private final List<String> queries;

    public Bm25CandidateSource(Bm25 bm25, List<String> queries) {
        if (bm25 == null) throw new IllegalArgumentException("bm25 must not be null");
        if (queries == null) throw new IllegalArgumentException("queries must not be null");
        for (int q = 0; q < queries.size(); q++) if (queries.get(q) == null) throw new IllegalArgumentException("queries[" + q + "] is null");
        this.bm25 = bm25;
        this.queries = List.copyOf(queries);
    }

    /** Builds the BM25 index over {@code corpus} (default tokenizer and k₁, b). */
    public static Bm25CandidateSource of(List<String> corpus, List<String> queries) {
        return new Bm25CandidateSource(new Bm25(corpus), queries);
    }

    public Bm25 bm25() {
        return bm25;
    }

    @Override
    public int numQueries() {
        return queries.size();
    }

    @Override
    public int corpusSize() {
        return bm25.size();
    }

    @Override
    public Ranked candidates(int from, int to, int k, int[][] exclude) {
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
        CandidateSource.checkRange(from, to, queries.size());
        List<String> sub = queries.subList(from, to);
        TopK top = bm25.search(sub, k, exclude);
        double[][] scores = new double[sub.size()][];
        for (int q = 0; q < sub.size(); q++) {
            int[] ids = top.ids()[q];
            scores[q] = new double[ids.length];
            for (int r = 0; r < ids.length; r++) scores[q][r] = bm25.score(sub.get(q), ids[r]);
        }
        return new Ranked(top.ids(), scores);
    }

    @Override
    public double score(int query, int doc) {
        if (query < 0 || query >= queries.size()) throw new IllegalArgumentException("query " + query + " out of range [0, " + queries.size() + ")");
        return bm25.score(queries.get(query), doc);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("k1", String.valueOf(Bm25.DEFAULT_K1), "b", String.valueOf(Bm25.DEFAULT_B));
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.ints("queries", "Q", "query texts"), Input.ints("corpus", "N", "document texts"));
    }
}
