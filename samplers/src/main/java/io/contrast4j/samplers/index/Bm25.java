package io.contrast4j.samplers.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Okapi BM25 lexical index (Robertson &amp; Zaragoza, <i>The Probabilistic Relevance Framework: BM25 and
 * Beyond</i>, 2009) over tokenised documents: a retriever, a hard-negative miner and a stand-in teacher.
 *
 * <p>score(q, d) = Σ_{t∈q} idf_t · f_td·(k₁+1) / (f_td + k₁·(1 − b + b·|d|/avgdl)),
 * idf_t = ln(1 + (N − n_t + 0.5)/(n_t + 0.5)) (the always-positive Lucene idf). Query terms count with their
 * multiplicity (a term written twice counts twice). Differences to Lucene/Anserini: lengths are exact (Lucene
 * stores them lossily) and the constant factor (k₁+1) is kept (Lucene ≥ 8 drops it; this scales every score and
 * leaves rankings unchanged).
 *
 * <p>Catalog: S202. Defaults k₁ = 0.9, b = 0.4 (Anserini's defaults; CATALOG.md lists k₁ 0.9–1.2, b 0.75 as the
 * classical range: pass them explicitly for that). Searches return only documents that share at least one term with
 * the query, best first, ties by lower id. Immutable and thread-safe after construction.
 */
public final class Bm25 {
    public static final double DEFAULT_K1 = 0.9;
    public static final double DEFAULT_B = 0.4;

    private final Function<String, List<String>> tokenizer;
    private final double k1;
    private final double b;
    private final int n;
    private final double avgdl;
    private final int[] docLength;
    /** k₁·(1 − b + b·|d|/avgdl) per document. */
    private final double[] norm;
    private final Map<String, Postings> index;

    private record Postings(int[] docs, int[] tfs) {
    }

    /** Index with {@link SimpleTokenizer} and the default k₁ = 0.9, b = 0.4. */
    public Bm25(List<String> docs) {
        this(docs, SimpleTokenizer.INSTANCE, DEFAULT_K1, DEFAULT_B);
    }

    /**
     * @param docs      documents; document id = position in the list
     * @param tokenizer text to tokens (also used for queries)
     * @param k1        term-frequency saturation ≥ 0
     * @param b         length normalisation in [0, 1]
     */
    public Bm25(List<String> docs, Function<String, List<String>> tokenizer, double k1, double b) {
        if (docs == null || docs.isEmpty()) throw new IllegalArgumentException("docs must contain at least one document");
        if (tokenizer == null) throw new IllegalArgumentException("tokenizer must not be null");
        if (!(k1 >= 0) || Double.isInfinite(k1)) throw new IllegalArgumentException("k1 must be finite and >= 0, got " + k1);
        if (!(b >= 0 && b <= 1)) throw new IllegalArgumentException("b must be in [0, 1], got " + b);
        this.tokenizer = tokenizer;
        this.k1 = k1;
        this.b = b;
        this.n = docs.size();
        this.docLength = new int[n];
        Map<String, List<int[]>> building = new HashMap<>();
        long totalLength = 0;
        for (int d = 0; d < n; d++) {
            String doc = docs.get(d);
            if (doc == null) throw new IllegalArgumentException("docs[" + d + "] is null");
            List<String> tokens = tokenizer.apply(doc);
            docLength[d] = tokens.size();
            totalLength += tokens.size();
            Map<String, Integer> tf = new HashMap<>();
            for (String t : tokens) tf.merge(t, 1, Integer::sum);
            for (Map.Entry<String, Integer> e : tf.entrySet()) {
                building.computeIfAbsent(e.getKey(), key -> new ArrayList<>()).add(new int[]{d, e.getValue()});
            }
        }
        this.avgdl = (double) totalLength / n;
        this.norm = new double[n];
        for (int d = 0; d < n; d++) {
            double rel = avgdl > 0 ? docLength[d] / avgdl : 0;
            norm[d] = k1 * (1 - b + b * rel);
        }
        this.index = new HashMap<>(building.size() * 2);
        for (Map.Entry<String, List<int[]>> e : building.entrySet()) {
            List<int[]> list = e.getValue(); // in ascending doc order by construction
            int[] ds = new int[list.size()], tfs = new int[list.size()];
            for (int i = 0; i < ds.length; i++) {
                ds[i] = list.get(i)[0];
                tfs[i] = list.get(i)[1];
            }
            index.put(e.getKey(), new Postings(ds, tfs));
        }
    }

    /** Number of documents N. */
    public int size() {
        return n;
    }

    public double k1() {
        return k1;
    }

    public double b() {
        return b;
    }

    /** Mean document length in tokens. */
    public double averageLength() {
        return avgdl;
    }

    /** Number of documents containing the (already tokenised) term. */
    public int documentFrequency(String term) {
        Postings p = index.get(term);
        return p == null ? 0 : p.docs.length;
    }

    /** idf of an (already tokenised) term: ln(1 + (N − n_t + 0.5)/(n_t + 0.5)). */
    public double idf(String term) {
        int df = documentFrequency(term);
        return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    }

    /** BM25 score of document {@code docId} for {@code query}. */
    public double score(String query, int docId) {
        checkDoc(docId, "docId");
        double s = 0;
        for (Map.Entry<String, Integer> e : queryTerms(query).entrySet()) {
            Postings p = index.get(e.getKey());
            if (p == null) continue;
            int pos = Arrays.binarySearch(p.docs, docId);
            if (pos < 0) continue;
            s += idf(e.getKey()) * e.getValue() * termTf(p.tfs[pos], docId);
        }
        return s;
    }

    /** BM25 scores of every document for {@code query} (length N, 0 where no term matches). */
    public double[] scoreAll(String query) {
        double[] acc = new double[n];
        for (Map.Entry<String, Integer> e : queryTerms(query).entrySet()) {
            Postings p = index.get(e.getKey());
            if (p == null) continue;
            double idf = idf(e.getKey()) * e.getValue();
            for (int i = 0; i < p.docs.length; i++) acc[p.docs[i]] += idf * termTf(p.tfs[i], p.docs[i]);
        }
        return acc;
    }

    /** Top-k documents for one query (a single row), nothing excluded. */
    public TopK search(String query, int k) {
        return search(query, k, null);
    }

    /** Top-k documents for one query (a single row), never returning ids in {@code excluded} (may be null). */
    public TopK search(String query, int k, int[] excluded) {
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
        if (query == null) throw new IllegalArgumentException("query must not be null");
        boolean[] skip = new boolean[n];
        if (excluded != null) {
            for (int id : excluded) {
                checkDoc(id, "excluded id");
                skip[id] = true;
            }
        }
        double[] s = scoreAll(query);
        TopKBuffer buf = new TopKBuffer(Math.min(k, n));
        for (int d = 0; d < n; d++) {
            if (s[d] > 0 && !skip[d] && s[d] > buf.threshold()) buf.offer(s[d], d);
        }
        int[] ids = Arrays.copyOf(buf.ids, buf.count);
        float[] scores = new float[buf.count];
        for (int r = 0; r < buf.count; r++) scores[r] = (float) buf.keys[r];
        return new TopK(new int[][]{ids}, new float[][]{scores});
    }

    /** Top-k for many queries; {@code exclude[q]} (may be null, rows may be null) lists ids never returned for query q. */
    public TopK search(List<String> queries, int k, int[][] exclude) {
        if (queries == null) throw new IllegalArgumentException("queries must not be null");
        if (exclude != null && exclude.length != queries.size()) {
            throw new IllegalArgumentException("exclude has " + exclude.length + " rows but there are " + queries.size() + " queries");
        }
        int[][] ids = new int[queries.size()][];
        float[][] scores = new float[queries.size()][];
        for (int q = 0; q < queries.size(); q++) {
            TopK one = search(queries.get(q), k, exclude == null ? null : exclude[q]);
            ids[q] = one.ids()[0];
            scores[q] = one.scores()[0];
        }
        return new TopK(ids, scores);
    }

    private double termTf(int tf, int doc) {
        return tf * (k1 + 1) / (tf + norm[doc]);
    }

    private Map<String, Integer> queryTerms(String query) {
        Objects.requireNonNull(query, "query");
        Map<String, Integer> counts = new HashMap<>();
        for (String t : tokenizer.apply(query)) counts.merge(t, 1, Integer::sum);
        return counts;
    }

    private void checkDoc(int id, String name) {
        if (id < 0 || id >= n) throw new IllegalArgumentException(name + " " + id + " outside [0, " + n + ")");
    }
}
