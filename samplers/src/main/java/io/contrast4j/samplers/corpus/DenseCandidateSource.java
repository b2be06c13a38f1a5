package io.contrast4j.samplers.corpus;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;
import io.contrast4j.samplers.index.KnnIndex;
import io.contrast4j.samplers.index.Metric;
import io.contrast4j.samplers.index.TopK;

import java.util.List;
import java.util.Map;

/**
 * S200 · Exact k-NN corpus index as a candidate source (ST {@code mine_hard_negatives} exact path, PML
 * {@code CustomKNN}/{@code InferenceModel}). Candidates are the exact cosine / dot top-k of each query embedding
 * over a {@link KnnIndex} (fused Vector API search; positives excluded in the search), re-scored in double precision
 * so that candidate and positive scores are computed the same way.
 * Defaults: cosine similarity. L2 indexes are refused (the positive-aware filters need similarities).
 */
public final class DenseCandidateSource implements CandidateSource, Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S200", "Exact k-NN corpus index (candidate source)", "corpus-mining", "T1",
            "ST mine_hard_negatives exact path; PML CustomKNN / InferenceModel",
            "candidates(q) = top-k_x sim(q, x) over the corpus, excluded ids skipped");

    private final KnnIndex index;
    private float[][] queries;

    /** Source over {@code index} (DOT or COSINE) for the query rows {@code queries} (each of the index's dimension). */
    public DenseCandidateSource(KnnIndex index, float[][] queries) {
        if (index == null) throw new IllegalArgumentException("index must not be null");
        if (!index.metric().higherIsBetter()) throw new IllegalArgumentException("index metric must be DOT or COSINE, got " + index.metric());
        this.index = index;
        setQueries(queries);
    }

    /** Replaces the query embeddings (e.g. after re-embedding the queries with the current model). */
    public void setQueries(float[][] queries) {
        if (queries == null) throw new IllegalArgumentException("queries must not be null");
        for (int q = 0; q < queries.length; q++) {
            if (queries[q] == null || queries[q].length != index.dim()) {
                throw new IllegalArgumentException("queries[" + q + "] must have length " + index.dim());
            }
        }
        this.queries = queries;
    }

    public KnnIndex index() {
        return index;
    }

    public Metric metric() {
        return index.metric();
    }

    @Override
    public int numQueries() {
        return queries.length;
    }

    @Override
    public int corpusSize() {
        return index.size();
    }

    @Override
    public Ranked candidates(int from, int to, int k, int[][] exclude) {
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
        CandidateSource.checkRange(from, to, queries.length);
        int nq = to - from;
        if (nq == 0) return new Ranked(new int[0][], new double[0][]);
        if (exclude != null && exclude.length != nq) throw new IllegalArgumentException("exclude has " + exclude.length + " rows, expected " + nq);
        float[][] sub = java.util.Arrays.copyOfRange(queries, from, to);
        TopK top = index.search(sub, Math.min(k, index.size()), exclude);
        double[][] scores = new double[nq][];
        for (int q = 0; q < nq; q++) {
            int[] ids = top.ids()[q];
            scores[q] = new double[ids.length];
            for (int r = 0; r < ids.length; r++) scores[q][r] = index.score(sub[q], ids[r]);
        }
        return new Ranked(top.ids(), scores);
    }

    @Override
    public double score(int query, int doc) {
        if (query < 0 || query >= queries.length) throw new IllegalArgumentException("query " + query + " out of range [0, " + queries.length + ")");
        return index.score(queries[query], doc);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("metric", "cosine");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats("queries", "Q x D", "query embeddings"), Input.floats("corpus", "N x D", "corpus embeddings"),
                Input.ints("exclude", "Q x *", "ids never returned per query (its positives)").asOptional());
    }
}
