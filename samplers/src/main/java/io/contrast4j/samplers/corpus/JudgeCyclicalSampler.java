package io.contrast4j.samplers.corpus;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * S209 · Judge-scored global hard negatives with false-negative exclusion and cyclical sampling (Gu et al. 2025,
 * <i>UniME-V2: MLLM-as-a-Judge for Universal Multimodal Embedding Learning</i>, project page garygutc.github.io/UniME-v2).
 * Candidates = the top-{@code pool_size} of a prior embedder (S200, positives excluded); a judge scores every
 * (query, candidate) and (query, positive) pair; a candidate is a false negative and dropped iff
 * judge(q,c) &gt; judge(q,p) − β; the survivors, ordered by judge score (hardest first, ties by retrieval rank), are
 * visited cyclically: epoch e takes positions (e·k + j) mod m, j &lt; k (m survivors; m &lt; k repeats, i.e. pads by
 * duplication). The judge scores are returned as soft labels (L202).
 *
 * <p>Stand-in (T3): the judge is any {@link PairScorer}, e.g. a small cross-encoder's σ(logit) or a stronger frozen
 * bi-encoder (orig. Qwen2.5-VL-7B P("Yes")). Defaults: pool_size 50, β = 0.01, num_negatives 10 (the FN threshold
 * α = s(q,p) − β with β = 0.01 and the padding to 10 follow a secondary summary of the paper, mzph.cn/news/950558;
 * the exact rotation of "cyclical sampling" is not verified against the paper: follows CATALOG.md). No randomness.
 */
public final class JudgeCyclicalSampler implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S209", "Judge-scored global hard negatives with FN exclusion and cyclical sampling (UniME-V2)",
            "corpus-mining", "T3", "Gu et al. 2025, UniME-V2: MLLM-as-a-Judge for Universal Multimodal Embedding Learning",
            "drop c iff judge(q,c) > judge(q,p) − β; epoch e takes survivors (e·k + j) mod m, judge scores as soft labels");

    /**
     * Per row the surviving candidates (hardest first by judge score), their judge scores, and the positive's judge
     * score; {@code dropped[q]} counts the candidates excluded as false negatives.
     */
    public record JudgedPools(int[][] ids, double[][] judgeScores, double[] positiveJudgeScores, int[] dropped) {
        public int rows() {
            return ids.length;
        }
    }

    /** One epoch's picks: per row k corpus ids and their judge scores (soft labels); rows with no survivor are empty. */
    public record EpochNegatives(int[][] ids, double[][] judgeScores) {
    }

    private final PairScorer judge;
    private final int poolSize;
    private final double beta;
    private final int numNegatives;

    public JudgeCyclicalSampler(PairScorer judge, int poolSize, double beta, int numNegatives) {
        if (judge == null) throw new IllegalArgumentException("parameter 'judge' must not be null");
        if (poolSize < 1) throw new IllegalArgumentException("parameter 'pool_size' must be >= 1, got " + poolSize);
        FalseNegativeFilter.finite("beta", beta);
        if (numNegatives < 1) throw new IllegalArgumentException("parameter 'num_negatives' must be >= 1, got " + numNegatives);
        this.judge = judge;
        this.poolSize = poolSize;
        this.beta = beta;
        this.numNegatives = numNegatives;
    }

    /** Defaults: pool 50, β 0.01, 10 negatives. */
    public JudgeCyclicalSampler(PairScorer judge) {
        this(judge, 50, 0.01, 10);
    }

    /** Retrieves, judges and filters once (offline). {@code exclude[q]}: further ids never returned (may be null). */
    public JudgedPools prepare(CandidateSource source, int[] positives, int[][] exclude) {
        if (source == null) throw new IllegalArgumentException("parameter 'source' must not be null");
        int n = source.numQueries();
        if (positives == null || positives.length != n) throw new IllegalArgumentException("positives must have one id per query row (" + n + ")");
        if (exclude != null && exclude.length != n) throw new IllegalArgumentException("exclude must have " + n + " rows, got " + exclude.length);
        int[][] excl = new int[n][];
        for (int q = 0; q < n; q++) {
            if (positives[q] < 0 || positives[q] >= source.corpusSize()) {
                throw new IllegalArgumentException("positives[" + q + "] = " + positives[q] + " out of range [0, " + source.corpusSize() + ")");
            }
            int[] e = exclude == null || exclude[q] == null ? new int[0] : exclude[q];
            excl[q] = Arrays.copyOf(e, e.length + 1);
            excl[q][e.length] = positives[q];
        }
        CandidateSource.Ranked r = source.candidates(poolSize, excl);
        int[][] ids = new int[n][];
        double[][] js = new double[n][];
        double[] jp = new double[n];
        int[] dropped = new int[n];
        for (int q = 0; q < n; q++) {
            jp[q] = judge.score(q, positives[q]);
            int[] c = r.ids()[q];
            double[] s = new double[c.length];
            Integer[] order = new Integer[c.length];
            int m = 0;
            for (int i = 0; i < c.length; i++) {
                s[i] = judge.score(q, c[i]);
                if (!(s[i] > jp[q] - beta)) order[m++] = i;
            }
            dropped[q] = c.length - m;
            Integer[] kept = Arrays.copyOf(order, m);
            Arrays.sort(kept, (a, b) -> s[a] != s[b] ? Double.compare(s[b], s[a]) : Integer.compare(a, b));
            ids[q] = new int[m];
            js[q] = new double[m];
            for (int i = 0; i < m; i++) {
                ids[q][i] = c[kept[i]];
                js[q][i] = s[kept[i]];
            }
        }
        return new JudgedPools(ids, js, jp, dropped);
    }

    /** Epoch {@code epoch}'s k negatives per row: survivors at positions (epoch·k + j) mod m. */
    public EpochNegatives epoch(JudgedPools pools, int epoch) {
        if (pools == null) throw new IllegalArgumentException("parameter 'pools' must not be null");
        if (epoch < 0) throw new IllegalArgumentException("parameter 'epoch' must be >= 0, got " + epoch);
        int n = pools.rows();
        int[][] ids = new int[n][];
        double[][] s = new double[n][];
        for (int q = 0; q < n; q++) {
            int m = pools.ids()[q].length;
            int k = m == 0 ? 0 : numNegatives;
            ids[q] = new int[k];
            s[q] = new double[k];
            long start = (long) epoch * numNegatives;
            for (int j = 0; j < k; j++) {
                int pos = (int) ((start + j) % m);
                ids[q][j] = pools.ids()[q][pos];
                s[q][j] = pools.judgeScores()[q][pos];
            }
        }
        return new EpochNegatives(ids, s);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("pool_size", String.valueOf(poolSize));
        m.put("beta", String.valueOf(beta));
        m.put("num_negatives", String.valueOf(numNegatives));
        return m;
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats("queries", "Q x D", "query rows of the prior embedder"), Input.ints("positives", "Q", "positive id per row"),
                Input.floats("judge_scores", "Q x P", "judge score per (query, candidate), from a PairScorer"));
    }
}
