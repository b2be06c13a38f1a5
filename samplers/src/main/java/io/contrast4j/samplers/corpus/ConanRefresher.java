package io.contrast4j.samplers.corpus;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * S205 · Conan dynamic hard-negative refresh (<i>Conan-embedding: General Text Embedding with More and Better
 * Negative Samples</i>). Each sample holds a mined pool of candidates (best first, with their mining scores) and a
 * current hard negative. Every {@code period} steps the current negative is re-scored with the current model; if
 * score_now × {@code factor} &lt; score_initial it is no longer hard and is replaced by the next candidate of the pool
 * (whose initial score is its mining score). The catalog's [K?] absolute condition (score &lt; 0.8) is not applied.
 * Defaults: period 100, factor 1.15. Rule from a secondary summary [V-sec], as CATALOG.md states.
 */
public final class ConanRefresher implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S205", "Conan dynamic hard-negative refresh", "corpus-mining", "T1",
            "Li et al. 2024, Conan-embedding: General Text Embedding with More and Better Negative Samples",
            "every period steps: if s_now(q,n)·factor < s_init(q,n), n ← next candidate of the pool");

    private final int[][] pools;
    private final double[][] initial;
    private final int[] pointer;
    private final int period;
    private final double factor;

    /** Pools and their mining scores, e.g. {@code MinedNegatives.ids()} / {@code scores()} mined with many negatives. */
    public ConanRefresher(int[][] pools, double[][] initialScores, int period, double factor) {
        if (pools == null || initialScores == null || pools.length != initialScores.length) {
            throw new IllegalArgumentException("pools and initialScores must have the same number of rows");
        }
        if (period < 1) throw new IllegalArgumentException("parameter 'period' must be >= 1, got " + period);
        if (!(factor > 0) || Double.isInfinite(factor)) throw new IllegalArgumentException("parameter 'factor' must be > 0, got " + factor);
        for (int i = 0; i < pools.length; i++) {
            if (pools[i] == null || initialScores[i] == null || pools[i].length != initialScores[i].length) {
                throw new IllegalArgumentException("pools[" + i + "] and initialScores[" + i + "] must have equal length");
            }
        }
        this.pools = pools;
        this.initial = initialScores;
        this.pointer = new int[pools.length];
        this.period = period;
        this.factor = factor;
    }

    public ConanRefresher(MinedNegatives mined) {
        this(mined.ids(), mined.scores(), 100, 1.15);
    }

    /** The current hard negative of sample {@code i}, or −1 when its pool is empty. */
    public int current(int i) {
        return pools[i].length == 0 ? -1 : pools[i][pointer[i]];
    }

    /** Current negatives of all samples. */
    public int[] currentAll() {
        int[] out = new int[pools.length];
        for (int i = 0; i < out.length; i++) out[i] = current(i);
        return out;
    }

    /**
     * Called by the trainer every step: at steps period, 2·period, ... re-scores each current negative with
     * {@code currentModel} (row = sample index) and advances stale ones. Returns how many were replaced.
     */
    public int onStep(int step, PairScorer currentModel) {
        if (step <= 0 || step % period != 0) return 0;
        if (currentModel == null) throw new IllegalArgumentException("parameter 'currentModel' must not be null");
        int replaced = 0;
        for (int i = 0; i < pools.length; i++) {
            if (pools[i].length == 0 || pointer[i] >= pools[i].length - 1) continue;
            double now = currentModel.score(i, pools[i][pointer[i]]);
            if (now * factor < initial[i][pointer[i]]) {
                pointer[i]++;
                replaced++;
            }
        }
        return replaced;
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("period", String.valueOf(period));
        m.put("factor", String.valueOf(factor));
        return m;
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.ints("pools", "N x P", "mined candidate pool per sample"), Input.floats("initial_scores", "N x P", "mining scores"));
    }
}
