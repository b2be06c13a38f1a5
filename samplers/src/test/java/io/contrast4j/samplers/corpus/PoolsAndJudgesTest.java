package io.contrast4j.samplers.corpus;

import io.contrast4j.autograd.Rng;
import io.contrast4j.samplers.index.KnnIndex;
import io.contrast4j.samplers.index.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** S207 multi-source pools, S209 judge + cyclical sampling, S210 cascade relabelling, S217 CHES. */
class PoolsAndJudgesTest {
    // two retrievers over 6 docs; source A ranks 0 > 1 > 2 > 3 > 4 > 5, source B ranks 5 > 1 > 4 > 0 > ...
    static final MatrixSource A = new MatrixSource(new double[][]{{0.9, 0.8, 0.7, 0.6, 0.5, 0.4}});
    static final MatrixSource B = new MatrixSource(new double[][]{{0.3, 0.8, 0.1, 0.0, 0.6, 0.9}});

    @Test
    void unionInterleavesByRankAndScoresWithTheScorer() {
        MultiSourceCandidateSource u = new MultiSourceCandidateSource(List.of(A, B), MultiSourceCandidateSource.Strategy.UNION, 0, 0);
        CandidateSource.Ranked r = u.candidates(4, new int[][]{{0}});
        // A without 0: 1,2,3,4 ; B without 0: 5,1,4,2 -> rank 0: 1, 5; rank 1: 2, (1 dup); rank 2: 3 -> [1,5,2,3]
        assertArrayEquals(new int[]{1, 5, 2, 3}, r.ids()[0]);
        // scores from source A (scorer 0)
        assertArrayEquals(new double[]{0.8, 0.4, 0.7, 0.6}, r.scores()[0], 1e-12);
        MultiSourceCandidateSource single = new MultiSourceCandidateSource(List.of(A, B), MultiSourceCandidateSource.Strategy.SINGLE, 1, 0);
        assertArrayEquals(new int[]{5, 1}, single.candidates(2, null).ids()[0]);
        assertEquals(0.9, single.score(0, 5), 1e-12);
        assertEquals(MultiSourceCandidateSource.Strategy.SINGLE, MultiSourceCandidateSource.strategy("bm25_top"));
    }

    @Test
    void multiSourceRejectsBadInput() {
        MatrixSource other = new MatrixSource(new double[][]{{1, 2}});
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new MultiSourceCandidateSource(List.of(A, other), MultiSourceCandidateSource.Strategy.UNION, 0, 0)).getMessage().contains("sources[1]"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new MultiSourceCandidateSource(List.of(A), MultiSourceCandidateSource.Strategy.UNION, 3, 0)).getMessage().contains("scorer"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MultiSourceCandidateSource.strategy("hard")).getMessage().contains("strategy"));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 17, 99})
    void multiSourceNeverReturnsExcludedAndIsSeedDeterministic(long seed) {
        Rng rng = new Rng(seed);
        MatrixSource s1 = MatrixSource.random(rng, 12, 40), s2 = MatrixSource.random(rng, 12, 40);
        int[][] ex = new int[12][];
        for (int q = 0; q < 12; q++) ex[q] = new int[]{rng.nextInt(40), rng.nextInt(40), rng.nextInt(40)};
        for (MultiSourceCandidateSource.Strategy st : MultiSourceCandidateSource.Strategy.values()) {
            MultiSourceCandidateSource m = new MultiSourceCandidateSource(List.of(s1, s2), st, 1, seed);
            CandidateSource.Ranked r = m.candidates(10, ex);
            CandidateSource.Ranked again = new MultiSourceCandidateSource(List.of(s1, s2), st, 1, seed).candidates(10, ex);
            for (int q = 0; q < 12; q++) {
                assertArrayEquals(again.ids()[q], r.ids()[q], "seed " + seed + " " + st);
                assertEquals(10, r.ids()[q].length, "seed " + seed + " " + st);
                assertEquals(10, Arrays.stream(r.ids()[q]).distinct().count(), "seed " + seed + " duplicates " + st);
                for (int j = 0; j < 10; j++) {
                    int id = r.ids()[q][j];
                    for (int e : ex[q]) assertNotEquals(e, id, "seed " + seed + " excluded id returned by " + st);
                    assertEquals(s2.score(q, id), r.scores()[q][j], 1e-12, "seed " + seed);
                }
            }
        }
        // the miner chain works on a multi-source pool and keeps the relative-margin bound
        int[] pos = new int[12];
        for (int q = 0; q < 12; q++) pos[q] = rng.nextInt(40);
        MultiSourceCandidateSource u = new MultiSourceCandidateSource(List.of(s1, s2), MultiSourceCandidateSource.Strategy.UNION, 0, seed);
        MinedNegatives mined = new HardNegativeMiner(3, 0, 20, List.of(new RelativeMarginFilter(0.1)), NegativeSelector.TOP, seed).mine(u, pos, null);
        for (int q = 0; q < 12; q++) for (double v : mined.scores()[q]) assertTrue(v <= mined.positiveScores()[q] * 0.9, "seed " + seed);
    }

    @Test
    void judgeDropsFalseNegativesAndRotatesCyclically() {
        // prior embedder ranks docs 1..6 (doc 0 = positive); judge: positive 0.8, doc 2 = 0.795 (> 0.8 − 0.01: FN)
        MatrixSource prior = new MatrixSource(new double[][]{{1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4}});
        double[] judge = {0.8, 0.2, 0.795, 0.5, 0.789, 0.1, 0.3};
        JudgeCyclicalSampler s = new JudgeCyclicalSampler((q, d) -> judge[d], 50, 0.01, 2);
        JudgeCyclicalSampler.JudgedPools p = s.prepare(prior, new int[]{0}, null);
        // survivors by judge score: 4 (0.789), 3 (0.5), 6 (0.3), 1 (0.2), 5 (0.1)
        assertArrayEquals(new int[]{4, 3, 6, 1, 5}, p.ids()[0]);
        assertEquals(1, p.dropped()[0]);
        assertEquals(0.8, p.positiveJudgeScores()[0], 1e-12);
        // epoch e takes positions (2e + j) mod 5
        assertArrayEquals(new int[]{4, 3}, s.epoch(p, 0).ids()[0]);
        assertArrayEquals(new int[]{6, 1}, s.epoch(p, 1).ids()[0]);
        assertArrayEquals(new int[]{5, 4}, s.epoch(p, 2).ids()[0]);
        assertArrayEquals(new double[]{0.1, 0.789}, s.epoch(p, 2).judgeScores()[0], 1e-12);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new JudgeCyclicalSampler((q, d) -> 0, 0, 0.01, 2)).getMessage().contains("pool_size"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.epoch(p, -1)).getMessage().contains("epoch"));
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5, 6, 7})
    void judgeSurvivorsRespectTheThresholdAndCoverThePoolOverEpochs(long seed) {
        Rng rng = new Rng(seed);
        MatrixSource prior = MatrixSource.random(rng, 8, 30);
        double[][] j = new double[8][30];
        for (double[] row : j) for (int d = 0; d < 30; d++) row[d] = rng.nextDouble();
        int[] pos = new int[8];
        int[][] ex = new int[8][];
        for (int q = 0; q < 8; q++) {
            pos[q] = rng.nextInt(30);
            ex[q] = new int[]{rng.nextInt(30)};
        }
        JudgeCyclicalSampler s = new JudgeCyclicalSampler((q, d) -> j[q][d], 12, 0.05, 3);
        JudgeCyclicalSampler.JudgedPools p = s.prepare(prior, pos, ex);
        for (int q = 0; q < 8; q++) {
            int m = p.ids()[q].length;
            assertEquals(12, m + p.dropped()[q], "seed " + seed);
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int e = 0; e * 3 < m + 3; e++) for (int id : s.epoch(p, e).ids()[q]) seen.add(id);
            assertEquals(m, seen.size(), "seed " + seed + " cyclical sampling must visit every survivor");
            for (int id : p.ids()[q]) {
                assertTrue(j[q][id] <= j[q][pos[q]] - 0.05, "seed " + seed + " false negative kept");
                assertNotEquals(pos[q], id, "seed " + seed);
                assertNotEquals(ex[q][0], id, "seed " + seed);
            }
        }
    }

    @Test
    void cascadeFlagsThenConfirmsHandComputed() {
        // s(q,p) = 0.8, rho 0.9 -> flag iff s(q,n) >= 0.72; judge confirms docs with judge >= 0.5
        double[] judge = {0, 0.9, 0.3, 0.95};
        CascadeRelabeler c = new CascadeRelabeler((q, d) -> judge[d], 0.9, 0.5);
        QueryCandidates cands = new QueryCandidates(0, 0, 0.8, new int[]{1, 2, 3}, new double[]{0.75, 0.73, 0.70}, new int[]{0, 1, 2});
        // doc 1: flagged, judge 0.9 -> drop; doc 2: flagged, judge 0.3 -> keep; doc 3: not flagged (0.70 < 0.72) -> keep
        assertArrayEquals(new boolean[]{false, true, true}, c.keep(cands));
        MinedNegatives mined = new MinedNegatives(new int[][]{{1, 2, 3}}, new double[][]{{0.75, 0.73, 0.70}}, new double[]{0.8},
                new MiningStats(1, 3, java.util.Map.of(), 0));
        CascadeRelabeler.Relabelled r = c.relabel(mined);
        assertArrayEquals(new int[]{2, 3}, r.negatives()[0]);
        assertArrayEquals(new int[]{1}, r.newPositives()[0]);
        assertEquals(2, r.flagged());
        assertEquals(1, r.confirmed());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CascadeRelabeler((q, d) -> 0, Double.NaN, 0.5)).getMessage().contains("rho"));
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void cascadeOnlyAsksTheExpensiveJudgeAboutFlaggedCandidates(long seed) {
        Rng rng = new Rng(seed);
        MatrixSource src = MatrixSource.random(rng, 10, 25);
        double[][] j = new double[10][25];
        for (double[] row : j) for (int d = 0; d < 25; d++) row[d] = rng.nextDouble();
        int[] pos = new int[10];
        for (int q = 0; q < 10; q++) pos[q] = rng.nextInt(25);
        java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();
        CascadeRelabeler c = new CascadeRelabeler((q, d) -> {
            calls.incrementAndGet();
            return j[q][d];
        }, 0.5, 0.6);
        MinedNegatives mined = new HardNegativeMiner(6, 0, 12, List.of(), NegativeSelector.TOP, seed).mine(src, pos, null);
        CascadeRelabeler.Relabelled r = c.relabel(mined);
        assertEquals(r.flagged(), calls.get(), "seed " + seed);
        for (int q = 0; q < 10; q++) {
            assertEquals(mined.ids()[q].length, r.negatives()[q].length + r.newPositives()[q].length, "seed " + seed);
            for (int id : r.newPositives()[q]) {
                assertTrue(src.score(q, id) >= 0.5 * mined.positiveScores()[q] && j[q][id] >= 0.6, "seed " + seed);
            }
            for (int id : r.negatives()[q]) assertFalse(src.score(q, id) >= 0.5 * mined.positiveScores()[q] && j[q][id] >= 0.6, "seed " + seed);
        }
    }

    @Test
    void chesHandComputed() {
        // DOT index: e+ = (2, 0), n1 = (1.9, 0.1), n2 = (0, 3)
        KnnIndex idx = KnnIndex.of(new float[][]{{2, 0}, {1.9f, 0.1f}, {0, 3}}, Metric.DOT);
        ChesFilter f = new ChesFilter(DocSimilarity.of(idx), -0.5);
        // CHES(n1) = 2·1.9 − 4 = −0.2 (> −0.5: drop); CHES(n2) = 0 − 4 = −4 (keep)
        assertEquals(2 * 1.9f - 4, f.ches(0, 1), 1e-6);
        assertEquals(-4, f.ches(0, 2), 1e-12);
        assertEquals(2 * 1.9f - 4, ChesFilter.ches(new float[]{2, 0}, new float[]{1.9f, 0.1f}), 1e-6);
        QueryCandidates c = new QueryCandidates(0, 0, 1, new int[]{1, 2}, new double[]{0.5, 0.4}, new int[]{0, 1});
        assertArrayEquals(new boolean[]{false, true}, f.keep(c));
        // data-set level: drop ceil(0.5 * 3) = 2 highest of {−1, 0.5, 0.2} -> keep only index 0
        assertArrayEquals(new boolean[]{true, false, false}, ChesFilter.keepLowest(new double[]{-1, 0.5, 0.2}, 0.5));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ChesFilter.keepLowest(new double[]{1}, 1.5)).getMessage().contains("drop_fraction"));
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23})
    void chesBoundRespected(long seed) {
        Rng rng = new Rng(seed);
        float[][] v = new float[30][4];
        for (float[] row : v) for (int d = 0; d < 4; d++) row[d] = (float) rng.nextGaussian();
        KnnIndex idx = KnnIndex.of(v, Metric.DOT);
        double max = -rng.nextDouble();
        ChesFilter f = new ChesFilter(DocSimilarity.of(idx), max);
        int[] ids = new int[29];
        for (int i = 0; i < 29; i++) ids[i] = i + 1;
        QueryCandidates c = new QueryCandidates(0, 0, 1, ids, new double[29], new int[29]);
        boolean[] k = f.keep(c);
        for (int i = 0; i < 29; i++) assertEquals(ChesFilter.ches(v[0], v[i + 1]) <= max, k[i], "seed " + seed + " candidate " + i);
    }
}
