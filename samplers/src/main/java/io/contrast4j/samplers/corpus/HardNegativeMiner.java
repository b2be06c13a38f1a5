package io.contrast4j.samplers.corpus;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.autograd.registry.Registered;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * S201 · Positive-aware hard-negative mining (Moreira et al. 2024, <i>NV-Retriever: Improving text embedding models
 * with effective hard-negative mining</i>; ST {@code mine_hard_negatives}). The pipeline the trainer and
 * {@code c4j mine} run: candidates = ranks [{@code range_min}, {@code range_max}) of a {@link CandidateSource}
 * (dense S200 or BM25 S202; the row's positives are excluded in the search) → a chain of {@link FalseNegativeFilter}s
 * that see s(q,p) (score range, absolute margin, relative margin = TopK-PercPos, guide model, ...) → a
 * {@link NegativeSelector} picks {@code num_negatives} ("top" = hardest survivors, "random", softmax, Soft-NMS).
 *
 * <p>A row is one (query, positive) pair: row i's query is query row i of the source and {@code positives[i]} its
 * positive; {@code exclude[i]} lists every other id never to return for it (the query's other positives). Deterministic
 * for a seed: the selector of row i draws from a generator derived from (seed, i) only, so results do not depend on
 * threads or chunking.
 *
 * <p>Defaults: num_negatives 3, range_min 0, range_max = range_min + 10·num_negatives, no filters, "top", seed 0.
 * NV-Retriever's recommendation: {@code relative_margin=0.05} (≤ 95% of the positive score), ≤ 10 negatives, "top".
 * ST's example: range 10–50, max_score 0.8, relative_margin 0.05, 5 random.
 */
public final class HardNegativeMiner implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S201", "Positive-aware hard-negative mining", "corpus-mining", "T1",
            "Moreira et al. 2024, NV-Retriever: Improving text embedding models with effective hard-negative mining; ST mine_hard_negatives",
            "negatives = select_k{n ∈ ranks[range_min, range_max) : filters(s(q,n), s(q,p)) keep n}");
    public static final Set<String> PARAMS = Set.of("num_negatives", "range_min", "range_max", "min_score", "max_score",
            "absolute_margin", "relative_margin", "sampling_strategy", "seed", "chunk");

    private final int numNegatives;
    private final int rangeMin;
    private final int rangeMax;
    private final List<FalseNegativeFilter> filters;
    private final NegativeSelector selector;
    private final long seed;
    private final int chunk;

    public HardNegativeMiner(int numNegatives, int rangeMin, int rangeMax, List<FalseNegativeFilter> filters,
                             NegativeSelector selector, long seed) {
        this(numNegatives, rangeMin, rangeMax, filters, selector, seed, 1024);
    }

    public HardNegativeMiner(int numNegatives, int rangeMin, int rangeMax, List<FalseNegativeFilter> filters,
                             NegativeSelector selector, long seed, int chunk) {
        if (numNegatives < 1) throw new IllegalArgumentException("parameter 'num_negatives' must be >= 1, got " + numNegatives);
        if (rangeMin < 0) throw new IllegalArgumentException("parameter 'range_min' must be >= 0, got " + rangeMin);
        if (rangeMax <= rangeMin) throw new IllegalArgumentException("parameter 'range_max' (" + rangeMax + ") must be > 'range_min' (" + rangeMin + ")");
        if (filters == null) throw new IllegalArgumentException("parameter 'filters' must not be null");
        for (int i = 0; i < filters.size(); i++) if (filters.get(i) == null) throw new IllegalArgumentException("filters[" + i + "] is null");
        if (selector == null) throw new IllegalArgumentException("parameter 'selector' must not be null");
        if (chunk < 1) throw new IllegalArgumentException("parameter 'chunk' must be >= 1, got " + chunk);
        this.numNegatives = numNegatives;
        this.rangeMin = rangeMin;
        this.rangeMax = rangeMax;
        this.filters = List.copyOf(filters);
        this.selector = selector;
        this.seed = seed;
        this.chunk = chunk;
    }

    /** Defaults: 3 negatives, ranks [0, 30), no filter, "top", seed 0. */
    public HardNegativeMiner() {
        this(3, 0, 30, List.of(), NegativeSelector.TOP, 0);
    }

    /** NV-Retriever's recommended TopK-PercPos: relative margin 0.05, "top", {@code k} negatives from ranks [0, 10k). */
    public static HardNegativeMiner topKPercPos(int k, long seed) {
        return new HardNegativeMiner(k, 0, 10 * k, List.of(new RelativeMarginFilter(RelativeMarginFilter.DEFAULT_RELATIVE_MARGIN)),
                NegativeSelector.TOP, seed);
    }

    /**
     * The ST-style options: {@code num_negatives}, {@code range_min}, {@code range_max}, {@code min_score},
     * {@code max_score}, {@code absolute_margin}, {@code relative_margin}, {@code sampling_strategy} (top | random),
     * {@code seed}, {@code chunk}. Filters are chained in the order score range → absolute → relative margin.
     */
    public static HardNegativeMiner fromParams(Params p) {
        p.checkKnown(PARAMS);
        int k = p.getInt("num_negatives", 3);
        int rmin = p.getInt("range_min", 0);
        int rmax = p.getInt("range_max", rmin + 10 * Math.max(1, k));
        List<FalseNegativeFilter> fs = new ArrayList<>();
        if (p.has("min_score") || p.has("max_score")) {
            fs.add(new ScoreRangeFilter(p.getDouble("min_score", Double.NEGATIVE_INFINITY), p.getDouble("max_score", Double.POSITIVE_INFINITY)));
        }
        if (p.has("absolute_margin")) fs.add(new AbsoluteMarginFilter(p.getDouble("absolute_margin", 0)));
        if (p.has("relative_margin")) fs.add(new RelativeMarginFilter(p.getDouble("relative_margin", 0)));
        String strategy = p.getString("sampling_strategy", "top");
        NegativeSelector sel = switch (strategy) {
            case "top" -> NegativeSelector.TOP;
            case "random" -> NegativeSelector.RANDOM;
            default -> throw new IllegalArgumentException("parameter 'sampling_strategy' must be top or random, got '" + strategy + "'");
        };
        return new HardNegativeMiner(k, rmin, rmax, fs, sel, p.getInt("seed", 0), p.getInt("chunk", 1024));
    }

    /** A copy with another filter chain. */
    public HardNegativeMiner withFilters(List<FalseNegativeFilter> newFilters) {
        return new HardNegativeMiner(numNegatives, rangeMin, rangeMax, newFilters, selector, seed, chunk);
    }

    /** A copy with another selector. */
    public HardNegativeMiner withSelector(NegativeSelector newSelector) {
        return new HardNegativeMiner(numNegatives, rangeMin, rangeMax, filters, newSelector, seed, chunk);
    }

    /** A copy with another seed (e.g. a new one per refresh). */
    public HardNegativeMiner withSeed(long newSeed) {
        return new HardNegativeMiner(numNegatives, rangeMin, rangeMax, filters, selector, newSeed, chunk);
    }

    public long seed() {
        return seed;
    }

    public int numNegatives() {
        return numNegatives;
    }

    public List<FalseNegativeFilter> filters() {
        return filters;
    }

    /** {@link #mine(CandidateSource, int[], int[][], MiningProgress)} without progress. */
    public MinedNegatives mine(CandidateSource source, int[] positives, int[][] exclude) {
        return mine(source, positives, exclude, MiningProgress.NONE);
    }

    /**
     * Mines negatives for every row of {@code source}.
     *
     * @param positives one positive corpus id per row
     * @param exclude   per row, further ids never returned (may be null; rows may be null)
     * @param progress  called after each chunk of rows
     */
    public MinedNegatives mine(CandidateSource source, int[] positives, int[][] exclude, MiningProgress progress) {
        if (source == null) throw new IllegalArgumentException("source must not be null");
        int n = source.numQueries();
        if (positives == null || positives.length != n) {
            throw new IllegalArgumentException("positives must have one id per query row (" + n + "), got " + (positives == null ? "null" : positives.length));
        }
        if (exclude != null && exclude.length != n) throw new IllegalArgumentException("exclude must have " + n + " rows, got " + exclude.length);
        int corpus = source.corpusSize();
        int[][] excl = new int[n][];
        for (int q = 0; q < n; q++) {
            if (positives[q] < 0 || positives[q] >= corpus) throw new IllegalArgumentException("positives[" + q + "] = " + positives[q] + " out of range [0, " + corpus + ")");
            int[] e = exclude == null || exclude[q] == null ? new int[0] : exclude[q];
            for (int id : e) if (id < 0 || id >= corpus) throw new IllegalArgumentException("exclude[" + q + "] holds id " + id + " out of range [0, " + corpus + ")");
            excl[q] = Arrays.copyOf(e, e.length + 1);
            excl[q][e.length] = positives[q];
        }
        int[][] ids = new int[n][];
        double[][] scores = new double[n][];
        double[] pos = new double[n];
        long[][] removed = new long[n][filters.size()];
        long[] seen = new long[n];
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
            CandidateSource.Ranked ranked = source.candidates(from, to, rangeMax, Arrays.copyOfRange(excl, from, to));
            int f0 = from;
            IntStream.range(from, to).parallel().forEach(q -> {
                pos[q] = source.score(q, positives[q]);
                int[] cid = ranked.ids()[q - f0];
                double[] cs = ranked.scores()[q - f0];
                int lo = Math.min(rangeMin, cid.length);
                int[] ranks = new int[cid.length - lo];
                for (int r = 0; r < ranks.length; r++) ranks[r] = lo + r;
                QueryCandidates c = new QueryCandidates(q, positives[q], pos[q], Arrays.copyOfRange(cid, lo, cid.length),
                        Arrays.copyOfRange(cs, lo, cs.length), ranks);
                seen[q] = c.size();
                for (int f = 0; f < filters.size(); f++) {
                    boolean[] keep = filters.get(f).keep(c);
                    if (keep.length != c.size()) {
                        throw new IllegalStateException("filter '" + filters.get(f).name() + "' returned " + keep.length + " flags for " + c.size() + " candidates");
                    }
                    QueryCandidates next = c.keepOnly(keep);
                    removed[q][f] = c.size() - next.size();
                    c = next;
                }
                int[] pick = selector.select(c, numNegatives, rowRng(q));
                ids[q] = new int[pick.length];
                scores[q] = new double[pick.length];
                for (int j = 0; j < pick.length; j++) {
                    ids[q][j] = c.ids()[pick[j]];
                    scores[q][j] = c.scores()[pick[j]];
                }
            });
            progress.progress(to, n);
        }
        Map<String, Long> byFilter = new LinkedHashMap<>();
        long total = 0;
        int rowsShort = 0;
        for (int q = 0; q < n; q++) {
            total += seen[q];
            if (ids[q].length < numNegatives) rowsShort++;
            for (int f = 0; f < filters.size(); f++) byFilter.merge(filters.get(f).name(), removed[q][f], Long::sum);
        }
        return new MinedNegatives(ids, scores, pos, new MiningStats(n, total, byFilter, rowsShort));
    }

    /**
     * The trainer's lexical path: BM25 candidates (S202) over {@code corpus} for {@code queries} → this miner's
     * positive-aware filters → k negatives.
     */
    public MinedNegatives mineBm25(List<String> corpus, List<String> queries, int[] positives, int[][] exclude) {
        return mine(Bm25CandidateSource.of(corpus, queries), positives, exclude);
    }

    private Rng rowRng(int row) {
        return new Rng(seed * 0x9E3779B97F4A7C15L ^ (row + 1L) * 0xC2B2AE3D27D4EB4FL);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("num_negatives", String.valueOf(numNegatives));
        m.put("range_min", String.valueOf(rangeMin));
        m.put("range_max", String.valueOf(rangeMax));
        m.put("sampling_strategy", selector.name());
        m.put("filters", String.join(",", filters.stream().map(FalseNegativeFilter::name).toList()));
        m.put("seed", String.valueOf(seed));
        return m;
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats("queries", "Q x D", "query embeddings (or texts for BM25)"),
                Input.ints("positives", "Q", "positive corpus id per row"),
                Input.ints("exclude", "Q x *", "further ids never returned per row").asOptional());
    }
}
