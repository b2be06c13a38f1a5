package io.contrast4j.samplers.corpus;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * S207 · Multi-source negative pools and configurable strategies (<i>Towards Robust Ranker for Text
 * Retrieval</i> (R²anker); <i>ECtHR-PCR: A Dataset for Precedent Understanding and Prior Case Retrieval in the European
 * Court of Human Rights</i>). The pool of a query is the union of the top-k of several retrievers (BM25 S202 and one or
 * more dense S200 sources): it mixes diverse out-of-distribution noise with hard negatives, to train a ranker with
 * listwise CE (L210, 1 positive + n negatives). Strategies:
 * <ul>
 *   <li>{@code union}: round-robin over the sources' rankings (rank 0 of every source in source order, then rank 1, …),
 *       duplicates kept at their first position, cut at k;</li>
 *   <li>{@code single}: one source's top-k (ECtHR "BM25-top" / "dense-top");</li>
 *   <li>{@code random}: k documents uniformly without replacement from the corpus (ECtHR control; difficulty-based
 *       negatives did not help there [A]), from a generator derived from (seed, query row) only.</li>
 * </ul>
 * Candidate scores and {@link #score} always come from the {@code scorer} source (index {@code scorer} in the list),
 * so the positive-aware filters of S201 compare like with like. Defaults: strategy union, scorer 0, seed 0.
 * Formula not verified against the paper: follows CATALOG.md ([K]); the round-robin order is this library's choice.
 */
public final class MultiSourceCandidateSource implements CandidateSource, Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S207", "Multi-source negative pools and configurable strategies", "corpus-mining", "T2",
            "Towards Robust Ranker for Text Retrieval (R²anker); ECtHR-PCR (strategies random / BM25-top / dense-top)",
            "pool(q) = ∪_s top-k_s(q) (round-robin by rank), or one source's top-k, or k uniform documents");

    /** How the pool is formed. */
    public enum Strategy { UNION, SINGLE, RANDOM }

    private final List<CandidateSource> sources;
    private final Strategy strategy;
    private final int scorer;
    private final long seed;

    /**
     * @param sources  retrievers over the same query rows and corpus
     * @param strategy pool strategy
     * @param scorer   index of the source whose scores are reported (and, for SINGLE, whose ranking is used)
     * @param seed     seed of the RANDOM strategy
     */
    public MultiSourceCandidateSource(List<CandidateSource> sources, Strategy strategy, int scorer, long seed) {
        if (sources == null || sources.isEmpty()) throw new IllegalArgumentException("parameter 'sources' must hold at least one source");
        for (int i = 0; i < sources.size(); i++) if (sources.get(i) == null) throw new IllegalArgumentException("sources[" + i + "] is null");
        if (strategy == null) throw new IllegalArgumentException("parameter 'strategy' must not be null");
        if (scorer < 0 || scorer >= sources.size()) throw new IllegalArgumentException("parameter 'scorer' must be in [0, " + sources.size() + "), got " + scorer);
        CandidateSource first = sources.get(0);
        for (int i = 1; i < sources.size(); i++) {
            if (sources.get(i).numQueries() != first.numQueries() || sources.get(i).corpusSize() != first.corpusSize()) {
                throw new IllegalArgumentException("sources[" + i + "] has " + sources.get(i).numQueries() + " queries x " + sources.get(i).corpusSize()
                        + " documents, sources[0] has " + first.numQueries() + " x " + first.corpusSize());
            }
        }
        this.sources = List.copyOf(sources);
        this.strategy = strategy;
        this.scorer = scorer;
        this.seed = seed;
    }

    /** Union of all sources, scored by the first. */
    public static MultiSourceCandidateSource union(List<CandidateSource> sources) {
        return new MultiSourceCandidateSource(sources, Strategy.UNION, 0, 0);
    }

    /** Strategy by name: union, single (alias bm25_top / dense_top with the matching scorer index), random. */
    public static Strategy strategy(String name) {
        return switch (name) {
            case "union" -> Strategy.UNION;
            case "single", "bm25_top", "dense_top" -> Strategy.SINGLE;
            case "random" -> Strategy.RANDOM;
            default -> throw new IllegalArgumentException("parameter 'strategy' must be union, single or random, got '" + name + "'");
        };
    }

    public Strategy strategy() {
        return strategy;
    }

    @Override
    public int numQueries() {
        return sources.get(0).numQueries();
    }

    @Override
    public int corpusSize() {
        return sources.get(0).corpusSize();
    }

    @Override
    public Ranked candidates(int from, int to, int k, int[][] exclude) {
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
        CandidateSource.checkRange(from, to, numQueries());
        int nq = to - from;
        if (exclude != null && exclude.length != nq) throw new IllegalArgumentException("exclude has " + exclude.length + " rows, expected " + nq);
        int[][] ids = new int[nq][];
        switch (strategy) {
            case SINGLE -> {
                Ranked r = sources.get(scorer).candidates(from, to, k, exclude);
                for (int q = 0; q < nq; q++) ids[q] = r.ids()[q];
            }
            case UNION -> {
                Ranked[] per = new Ranked[sources.size()];
                for (int s = 0; s < per.length; s++) per[s] = sources.get(s).candidates(from, to, k, exclude);
                for (int q = 0; q < nq; q++) ids[q] = roundRobin(per, q, k);
            }
            case RANDOM -> {
                for (int q = 0; q < nq; q++) ids[q] = uniform(from + q, k, exclude == null ? null : exclude[q]);
            }
        }
        double[][] scores = new double[nq][];
        for (int q = 0; q < nq; q++) {
            scores[q] = new double[ids[q].length];
            for (int r = 0; r < ids[q].length; r++) scores[q][r] = score(from + q, ids[q][r]);
        }
        return new Ranked(ids, scores);
    }

    private static int[] roundRobin(Ranked[] per, int q, int k) {
        int[] out = new int[k];
        int n = 0;
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        int longest = 0;
        for (Ranked r : per) longest = Math.max(longest, r.ids()[q].length);
        for (int rank = 0; rank < longest && n < k; rank++) {
            for (int s = 0; s < per.length && n < k; s++) {
                int[] row = per[s].ids()[q];
                if (rank < row.length && seen.add(row[rank])) out[n++] = row[rank];
            }
        }
        return Arrays.copyOf(out, n);
    }

    private int[] uniform(int row, int k, int[] exclude) {
        int n = corpusSize();
        boolean[] banned = new boolean[n];
        if (exclude != null) for (int id : exclude) if (id >= 0 && id < n) banned[id] = true;
        int[] pool = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) if (!banned[i]) pool[m++] = i;
        int take = Math.min(k, m);
        Rng rng = new Rng(seed * 0x9E3779B97F4A7C15L ^ (row + 1L) * 0xC2B2AE3D27D4EB4FL);
        for (int i = 0; i < take; i++) {
            int j = i + rng.nextInt(m - i);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        return Arrays.copyOf(pool, take);
    }

    @Override
    public double score(int query, int doc) {
        return sources.get(scorer).score(query, doc);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("strategy", strategy.name().toLowerCase(java.util.Locale.ROOT));
        m.put("scorer", String.valueOf(scorer));
        m.put("sources", String.valueOf(sources.size()));
        m.put("seed", String.valueOf(seed));
        return m;
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.ints("queries", "Q", "query rows shared by all sources"),
                Input.ints("exclude", "Q x *", "ids never returned per query (its positives)").asOptional());
    }
}
