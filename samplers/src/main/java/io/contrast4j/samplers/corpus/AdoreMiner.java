package io.contrast4j.samplers.corpus;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;
import io.contrast4j.samplers.index.KnnIndex;
import io.contrast4j.samplers.index.TopK;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * S204 · ADORE: dynamic query-side hard negatives with a frozen document index (Zhan et al. 2021, <i>Optimizing
 * Dense Retrieval Model Training with Hard Negatives</i>; repo jingtaozhan/DRhard). The document encoder and its
 * index (S200) are frozen; at every step the trainer calls {@link #step} with a callback that embeds the batch's
 * queries with the current query encoder; the top-{@code top_k} documents are retrieved, relevant documents not
 * retrieved are appended after them (rank top_k + 1, + 2, ...), and every (relevant, non-relevant) pair gets the
 * ΔMRR weight |1/r_i − 1/r_j| with 1/r := 0 beyond {@code metric_cut} (the L207 scheme), to be used in a pairwise
 * logistic loss (L206) on q·d. Ranks and weights are constants of the step (GC: frozen).
 * Defaults: top_k 200, metric_cut 10 (MRR@10, as in DRhard's MS MARCO runs).
 */
public final class AdoreMiner implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S204", "ADORE: dynamic query-side hard negatives with a frozen document index", "corpus-mining", "T1",
            "Zhan et al. 2021, Optimizing Dense Retrieval Model Training with Hard Negatives (jingtaozhan/DRhard)",
            "per step: retrieve top-k for the current q; pairs (rel i, non-rel j) weighted |1/r_i − 1/r_j| (0 beyond metric_cut)");

    /** One (relevant, non-relevant) pair of a row: positions into {@link Batch#docs()}[row] and its ΔMRR weight. */
    public record Pair(int relevant, int nonRelevant, double weight) {
    }

    /**
     * Result of one step: per row the retrieved documents followed by appended non-retrieved relevant ones, their
     * 1-based ranks, relevance flags, and the weighted pairs.
     */
    public record Batch(int[][] docs, int[][] ranks, boolean[][] relevant, List<List<Pair>> pairs) {
    }

    private final KnnIndex index;
    private final int topK;
    private final int metricCut;

    public AdoreMiner(KnnIndex frozenIndex, int topK, int metricCut) {
        if (frozenIndex == null) throw new IllegalArgumentException("parameter 'index' must not be null");
        if (topK < 1) throw new IllegalArgumentException("parameter 'top_k' must be >= 1, got " + topK);
        if (metricCut < 1) throw new IllegalArgumentException("parameter 'metric_cut' must be >= 1, got " + metricCut);
        this.index = frozenIndex;
        this.topK = topK;
        this.metricCut = metricCut;
    }

    public AdoreMiner(KnnIndex frozenIndex) {
        this(frozenIndex, 200, 10);
    }

    /** The trainer's per-step call: embeds the batch queries with the callback and retrieves. */
    public Batch step(int step, Supplier<float[][]> embedQueries, int[][] positives) {
        if (step < 0) throw new IllegalArgumentException("step must be >= 0, got " + step);
        if (embedQueries == null) throw new IllegalArgumentException("parameter 'embedQueries' must not be null");
        return retrieve(embedQueries.get(), positives);
    }

    /** Retrieval and pair weights for the given query embeddings ({@code positives[q]}: relevant ids of row q). */
    public Batch retrieve(float[][] queries, int[][] positives) {
        if (queries == null || positives == null || queries.length != positives.length) {
            throw new IllegalArgumentException("queries and positives must have the same number of rows");
        }
        int b = queries.length;
        TopK top = b == 0 ? new TopK(new int[0][], new float[0][]) : index.search(queries, Math.min(topK, index.size()), (int[][]) null);
        int[][] docs = new int[b][];
        int[][] ranks = new int[b][];
        boolean[][] rel = new boolean[b][];
        List<List<Pair>> pairs = new ArrayList<>(b);
        for (int q = 0; q < b; q++) {
            if (positives[q] == null || positives[q].length == 0) throw new IllegalArgumentException("positives[" + q + "] must hold at least one id");
            int[] pos = positives[q].clone();
            Arrays.sort(pos);
            int[] got = top.ids()[q];
            List<Integer> extra = new ArrayList<>();
            for (int p : pos) {
                if (p < 0 || p >= index.size()) throw new IllegalArgumentException("positives[" + q + "] holds id " + p + " out of range [0, " + index.size() + ")");
                boolean found = false;
                for (int g : got) if (g == p) { found = true; break; }
                if (!found && !extra.contains(p)) extra.add(p);
            }
            int n = got.length + extra.size();
            docs[q] = new int[n];
            ranks[q] = new int[n];
            rel[q] = new boolean[n];
            for (int i = 0; i < n; i++) {
                docs[q][i] = i < got.length ? got[i] : extra.get(i - got.length);
                ranks[q][i] = i + 1;
                rel[q][i] = Arrays.binarySearch(pos, docs[q][i]) >= 0;
            }
            List<Pair> ps = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (!rel[q][i]) continue;
                for (int j = 0; j < n; j++) {
                    if (rel[q][j]) continue;
                    double w = Math.abs(recip(ranks[q][i]) - recip(ranks[q][j]));
                    if (w > 0) ps.add(new Pair(i, j, w));
                }
            }
            pairs.add(ps);
        }
        return new Batch(docs, ranks, rel, pairs);
    }

    private double recip(int rank) {
        return rank <= metricCut ? 1.0 / rank : 0;
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("top_k", String.valueOf(topK));
        m.put("metric_cut", String.valueOf(metricCut));
        return m;
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats("queries", "B x D", "current query embeddings"), Input.ints("positives", "B x *", "relevant doc ids"));
    }
}
