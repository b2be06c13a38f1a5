package io.contrast4j.samplers.corpus;

import io.contrast4j.autograd.linalg.SymmetricEigen;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * S219 · CUR-approximated cross-encoder k-NN (Yadav et al. 2022, <i>Efficient Nearest Neighbor Search for
 * Cross-Encoder Models using Matrix Factorization</i>, ANNCUR) as a {@link CandidateSource}: offline
 * R = CE(anchor queries, all items) (k_q x N); at query time c = CE(q, anchor items) (k_i values) and
 * ŝ = c · pinv(R[:, anchor items]) · R; the top-{@code rerank} items by ŝ (excluded ids skipped) are re-scored exactly
 * with the cross-encoder and the best k returned. pinv(U) = V Λ⁺ Vᵀ Uᵀ from the Jacobi eigen-decomposition of UᵀU (autograd.linalg.SymmetricEigen)
 * (eigenvalues ≤ rcond·λ_max treated as 0); M = pinv(U)·R is precomputed, so a query costs k_i CE calls, one
 * k_i x N product and {@code rerank} CE calls. Use: mine negatives with a cross-encoder teacher on a small corpus
 * (S201 over this source). Defaults: rerank 100 (at least k), rcond 1e-12. Deterministic; {@link #randomAnchors}
 * draws anchor items from a seed.
 */
public final class AnnCurSource implements CandidateSource, Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S219", "CUR-approximated cross-encoder k-NN (ANNCUR)", "corpus-mining", "T2",
            "Yadav et al. 2022, Efficient Nearest Neighbor Search for Cross-Encoder Models using Matrix Factorization",
            "ŝ(q) = CE(q, anchor items)·pinv(CE(anchor queries, anchor items))·CE(anchor queries, items); exact CE re-rank of the top");

    private final PairScorer crossEncoder;
    private final int numQueries;
    private final int[] anchorItems;
    private final double[][] m;
    private final int n;
    private final int rerank;

    /**
     * @param anchorScores R: CE scores of the anchor queries against all N items (k_q x N)
     * @param anchorItems  the k_i anchor item ids (distinct, in [0, N))
     * @param crossEncoder CE(query row, item) for the query rows this source answers
     * @param numQueries   number of query rows
     * @param rerank       number of items re-scored exactly per query (≥ 1; at least k is used)
     * @param rcond        relative eigenvalue cut-off of the pseudo-inverse (≥ 0)
     */
    public AnnCurSource(double[][] anchorScores, int[] anchorItems, PairScorer crossEncoder, int numQueries, int rerank, double rcond) {
        if (anchorScores == null || anchorScores.length == 0) throw new IllegalArgumentException("parameter 'anchor_scores' must have at least one row");
        if (crossEncoder == null) throw new IllegalArgumentException("parameter 'cross_encoder' must not be null");
        if (numQueries < 0) throw new IllegalArgumentException("parameter 'num_queries' must be >= 0, got " + numQueries);
        if (rerank < 1) throw new IllegalArgumentException("parameter 'rerank' must be >= 1, got " + rerank);
        if (!(rcond >= 0) || Double.isInfinite(rcond)) throw new IllegalArgumentException("parameter 'rcond' must be finite and >= 0, got " + rcond);
        int kq = anchorScores.length;
        this.n = anchorScores[0] == null ? 0 : anchorScores[0].length;
        if (n == 0) throw new IllegalArgumentException("anchor_scores[0] must hold one score per item");
        for (int a = 0; a < kq; a++) {
            if (anchorScores[a] == null || anchorScores[a].length != n) throw new IllegalArgumentException("anchor_scores[" + a + "] must have " + n + " scores");
            for (int j = 0; j < n; j++) if (!Double.isFinite(anchorScores[a][j])) throw new IllegalArgumentException("anchor_scores[" + a + "][" + j + "] is not finite");
        }
        if (anchorItems == null || anchorItems.length == 0) throw new IllegalArgumentException("parameter 'anchor_items' must hold at least one id");
        boolean[] seen = new boolean[n];
        for (int id : anchorItems) {
            if (id < 0 || id >= n) throw new IllegalArgumentException("anchor item " + id + " out of range [0, " + n + ")");
            if (seen[id]) throw new IllegalArgumentException("anchor item " + id + " is repeated");
            seen[id] = true;
        }
        int ki = anchorItems.length;
        double[][] u = new double[kq][ki];
        for (int a = 0; a < kq; a++) for (int j = 0; j < ki; j++) u[a][j] = anchorScores[a][anchorItems[j]];
        double[][] pinv = pinv(u, rcond);
        this.m = new double[ki][n];
        for (int i = 0; i < ki; i++) {
            for (int a = 0; a < kq; a++) {
                double w = pinv[i][a];
                if (w == 0) continue;
                double[] row = anchorScores[a];
                for (int j = 0; j < n; j++) m[i][j] += w * row[j];
            }
        }
        this.anchorItems = anchorItems.clone();
        this.crossEncoder = crossEncoder;
        this.numQueries = numQueries;
        this.rerank = rerank;
    }

    public AnnCurSource(double[][] anchorScores, int[] anchorItems, PairScorer crossEncoder, int numQueries) {
        this(anchorScores, anchorItems, crossEncoder, numQueries, 100, 1e-12);
    }

    /** {@code count} distinct anchor items of {@code [0, n)} drawn uniformly from {@code seed}, sorted. */
    public static int[] randomAnchors(int n, int count, long seed) {
        if (count < 1 || count > n) throw new IllegalArgumentException("parameter 'count' must be in [1, " + n + "], got " + count);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        Rng rng = new Rng(seed);
        for (int i = 0; i < count; i++) {
            int j = i + rng.nextInt(n - i);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        int[] out = Arrays.copyOf(p, count);
        Arrays.sort(out);
        return out;
    }

    /** Moore–Penrose pseudo-inverse (cols x rows) of a rows x cols matrix via the eigen-decomposition of AᵀA. */
    static double[][] pinv(double[][] a, double rcond) {
        int r = a.length, c = a[0].length;
        double[][] g = new double[c][c];
        for (int i = 0; i < c; i++) for (int j = i; j < c; j++) {
            double s = 0;
            for (int k = 0; k < r; k++) s += a[k][i] * a[k][j];
            g[i][j] = s;
            g[j][i] = s;
        }
        SymmetricEigen eig = SymmetricEigen.of(g);
        double[][] v = eig.vectors();
        double[] lambda = eig.values();
        double max = 0;
        for (int i = 0; i < c; i++) max = Math.max(max, lambda[i]);
        double[] inv = new double[c];
        for (int i = 0; i < c; i++) inv[i] = lambda[i] > rcond * max && lambda[i] > 0 ? 1 / lambda[i] : 0;
        // (AᵀA)⁺ = V Λ⁺ Vᵀ; pinv(A) = (AᵀA)⁺ Aᵀ
        double[][] gp = new double[c][c];
        for (int i = 0; i < c; i++) for (int j = 0; j < c; j++) {
            double s = 0;
            for (int k = 0; k < c; k++) s += v[i][k] * inv[k] * v[j][k];
            gp[i][j] = s;
        }
        double[][] out = new double[c][r];
        for (int i = 0; i < c; i++) for (int k = 0; k < r; k++) {
            double s = 0;
            for (int j = 0; j < c; j++) s += gp[i][j] * a[k][j];
            out[i][k] = s;
        }
        return out;
    }

    /** The CUR approximation ŝ of CE(query, ·) over all items. */
    public double[] approximate(int query) {
        checkQuery(query);
        double[] s = new double[n];
        for (int i = 0; i < anchorItems.length; i++) {
            double c = crossEncoder.score(query, anchorItems[i]);
            double[] row = m[i];
            for (int j = 0; j < n; j++) s[j] += c * row[j];
        }
        return s;
    }

    @Override
    public int numQueries() {
        return numQueries;
    }

    @Override
    public int corpusSize() {
        return n;
    }

    @Override
    public Ranked candidates(int from, int to, int k, int[][] exclude) {
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
        CandidateSource.checkRange(from, to, numQueries);
        int nq = to - from;
        if (exclude != null && exclude.length != nq) throw new IllegalArgumentException("exclude has " + exclude.length + " rows, expected " + nq);
        int[][] ids = new int[nq][];
        double[][] scores = new double[nq][];
        for (int q = 0; q < nq; q++) {
            boolean[] banned = new boolean[n];
            if (exclude != null && exclude[q] != null) for (int e : exclude[q]) if (e >= 0 && e < n) banned[e] = true;
            double[] approx = approximate(from + q);
            int[] top = topIds(approx, banned, Math.max(k, rerank));
            double[] exact = new double[top.length];
            for (int i = 0; i < top.length; i++) exact[i] = crossEncoder.score(from + q, top[i]);
            Integer[] order = new Integer[top.length];
            for (int i = 0; i < order.length; i++) order[i] = i;
            Arrays.sort(order, (a, b) -> exact[a] != exact[b] ? Double.compare(exact[b], exact[a]) : Integer.compare(top[a], top[b]));
            int m2 = Math.min(k, top.length);
            ids[q] = new int[m2];
            scores[q] = new double[m2];
            for (int i = 0; i < m2; i++) {
                ids[q][i] = top[order[i]];
                scores[q][i] = exact[order[i]];
            }
        }
        return new Ranked(ids, scores);
    }

    private static int[] topIds(double[] s, boolean[] banned, int k) {
        Integer[] all = new Integer[s.length];
        int m = 0;
        for (int i = 0; i < s.length; i++) if (!banned[i]) all[m++] = i;
        Integer[] kept = Arrays.copyOf(all, m);
        Arrays.sort(kept, (a, b) -> s[a] != s[b] ? Double.compare(s[b], s[a]) : Integer.compare(a, b));
        int t = Math.min(k, m);
        int[] out = new int[t];
        for (int i = 0; i < t; i++) out[i] = kept[i];
        return out;
    }

    @Override
    public double score(int query, int doc) {
        checkQuery(query);
        if (doc < 0 || doc >= n) throw new IllegalArgumentException("doc " + doc + " out of range [0, " + n + ")");
        return crossEncoder.score(query, doc);
    }

    private void checkQuery(int query) {
        if (query < 0 || query >= numQueries) throw new IllegalArgumentException("query " + query + " out of range [0, " + numQueries + ")");
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("anchor_items", String.valueOf(anchorItems.length));
        d.put("rerank", String.valueOf(rerank));
        return d;
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats("anchor_scores", "Kq x N", "cross-encoder scores of the anchor queries against all items"),
                Input.ints("anchor_items", "Ki", "anchor item ids"));
    }
}
