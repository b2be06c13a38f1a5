package io.contrast4j.samplers.corpus;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.samplers.index.KnnIndex;
import io.contrast4j.samplers.index.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class HardNegativeMinerTest {

    /** Random corpus; queries = noisy copies of their positive so positives score high. */
    record Setup(KnnIndex index, float[][] queries, int[] positives, int[][] exclude) {
    }

    static Setup setup(long seed, int n, int nq, int d) {
        Rng rng = new Rng(seed);
        float[][] corpus = new float[n][d];
        for (float[] row : corpus) for (int j = 0; j < d; j++) row[j] = (float) rng.nextGaussian();
        // plant near-duplicates of some documents (likely false negatives)
        for (int i = 0; i < n / 10; i++) {
            int a = rng.nextInt(n), b = rng.nextInt(n);
            for (int j = 0; j < d; j++) corpus[b][j] = corpus[a][j] + 0.05f * (float) rng.nextGaussian();
        }
        float[][] q = new float[nq][d];
        int[] pos = new int[nq];
        int[][] excl = new int[nq][];
        for (int i = 0; i < nq; i++) {
            pos[i] = rng.nextInt(n);
            for (int j = 0; j < d; j++) q[i][j] = corpus[pos[i]][j] + 0.7f * (float) rng.nextGaussian();
            excl[i] = new int[]{rng.nextInt(n), rng.nextInt(n)};
        }
        return new Setup(KnnIndex.of(corpus, Metric.COSINE), q, pos, excl);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1234})
    void relativeMarginNeverReturnsNegativeAboveBoundOrExcludedId(long seed) {
        Setup s = setup(seed, 300, 40, 8);
        DenseCandidateSource src = new DenseCandidateSource(s.index(), s.queries());
        double rm = 0.05 + 0.3 * new Rng(seed).nextDouble();
        HardNegativeMiner miner = new HardNegativeMiner(5, 0, 60, List.of(new RelativeMarginFilter(rm)), NegativeSelector.RANDOM, seed);
        MinedNegatives m = miner.mine(src, s.positives(), s.exclude());
        for (int q = 0; q < m.rows(); q++) {
            double sp = src.score(q, s.positives()[q]);
            assertEquals(sp, m.positiveScores()[q], 1e-12, "seed " + seed);
            assertTrue(m.ids()[q].length <= 5, "seed " + seed);
            for (int j = 0; j < m.ids()[q].length; j++) {
                int id = m.ids()[q][j];
                assertTrue(m.scores()[q][j] <= sp * (1 - rm), "seed " + seed + " row " + q + " negative above bound");
                assertEquals(src.score(q, id), m.scores()[q][j], 1e-12, "seed " + seed);
                assertNotEquals(s.positives()[q], id, "seed " + seed + " positive returned");
                for (int e : s.exclude()[q]) assertNotEquals(e, id, "seed " + seed + " excluded id returned");
            }
            assertEquals(Arrays.stream(m.ids()[q]).distinct().count(), m.ids()[q].length, "seed " + seed + " duplicates");
        }
        assertEquals(40, m.stats().rows());
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 6, 7})
    void absoluteMarginScoreRangeAndRankWindow(long seed) {
        Setup s = setup(seed, 200, 30, 6);
        DenseCandidateSource src = new DenseCandidateSource(s.index(), s.queries());
        HardNegativeMiner miner = new HardNegativeMiner(4, 3, 40,
                List.of(new ScoreRangeFilter(-0.2, 0.8), new AbsoluteMarginFilter(0.1)), NegativeSelector.TOP, seed);
        MinedNegatives m = miner.mine(src, s.positives(), s.exclude());
        int[][] excl = new int[30][];
        for (int q = 0; q < 30; q++) excl[q] = new int[]{s.exclude()[q][0], s.exclude()[q][1], s.positives()[q]};
        CandidateSource.Ranked full = src.candidates(40, excl);
        for (int q = 0; q < m.rows(); q++) {
            double sp = m.positiveScores()[q];
            List<Integer> top3 = new ArrayList<>();
            for (int r = 0; r < Math.min(3, full.ids()[q].length); r++) top3.add(full.ids()[q][r]);
            for (int j = 0; j < m.ids()[q].length; j++) {
                double sc = m.scores()[q][j];
                assertTrue(sc <= sp - 0.1 && sc >= -0.2 && sc <= 0.8, "seed " + seed + " row " + q);
                assertFalse(top3.contains(m.ids()[q][j]), "seed " + seed + " rank < range_min returned");
                if (j > 0) assertTrue(m.scores()[q][j - 1] >= sc, "seed " + seed + " top not in order");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12})
    void sameSeedSameOutputDifferentChunking(long seed) {
        Setup s = setup(seed, 250, 35, 8);
        DenseCandidateSource src = new DenseCandidateSource(s.index(), s.queries());
        List<FalseNegativeFilter> fs = List.of(new RelativeMarginFilter(0.05));
        MinedNegatives a = new HardNegativeMiner(3, 0, 30, fs, NegativeSelector.RANDOM, seed, 1024).mine(src, s.positives(), s.exclude());
        MinedNegatives b = new HardNegativeMiner(3, 0, 30, fs, NegativeSelector.RANDOM, seed, 7).mine(src, s.positives(), s.exclude());
        MinedNegatives c = new HardNegativeMiner(3, 0, 30, fs, new SoftmaxSelector(0.1), seed, 5).mine(src, s.positives(), s.exclude());
        MinedNegatives d = new HardNegativeMiner(3, 0, 30, fs, new SoftmaxSelector(0.1), seed, 1024).mine(src, s.positives(), s.exclude());
        assertTrue(Arrays.deepEquals(a.ids(), b.ids()), "seed " + seed);
        assertTrue(Arrays.deepEquals(c.ids(), d.ids()), "seed " + seed);
        assertEquals(a.stats(), b.stats(), "seed " + seed);
    }

    @Test
    void statsCountRemovalsAndShortRows() {
        Setup s = setup(9, 100, 20, 4);
        DenseCandidateSource src = new DenseCandidateSource(s.index(), s.queries());
        HardNegativeMiner miner = new HardNegativeMiner(3, 0, 10, List.of(ScoreRangeFilter.max(-10)), NegativeSelector.TOP, 0);
        MinedNegatives m = miner.mine(src, s.positives(), null);
        assertEquals(200, m.stats().candidates());
        assertEquals(200L, m.stats().removedByFilter().get("score_range"));
        assertEquals(20, m.stats().rowsShort());
        assertEquals(1.0, m.stats().shortFraction());
        int[][] pad = m.padded(2);
        assertArrayEquals(new int[]{-1, -1}, pad[0]);
    }

    @Test
    void progressIsReportedPerChunk() {
        Setup s = setup(3, 50, 10, 4);
        List<Integer> done = new ArrayList<>();
        new HardNegativeMiner(2, 0, 10, List.of(), NegativeSelector.TOP, 0, 4)
                .mine(new DenseCandidateSource(s.index(), s.queries()), s.positives(), null, (d, t) -> {
                    assertEquals(10, t);
                    done.add(d);
                });
        assertEquals(List.of(4, 8, 10), done);
    }

    @Test
    void fromParamsBuildsStChain() {
        HardNegativeMiner m = HardNegativeMiner.fromParams(Params.of(Map.of("num_negatives", 5, "range_min", 10, "range_max", 50,
                "max_score", 0.8, "relative_margin", 0.05, "sampling_strategy", "random")));
        assertEquals(List.of("score_range", "relative_margin"), m.filters().stream().map(FalseNegativeFilter::name).toList());
        assertEquals("random", m.defaults().get("sampling_strategy"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HardNegativeMiner.fromParams(Params.of(Map.of("sampling_strategy", "best"))));
        assertTrue(e.getMessage().contains("sampling_strategy"));
        e = assertThrows(IllegalArgumentException.class, () -> HardNegativeMiner.fromParams(Params.of(Map.of("margin", 1))));
        assertTrue(e.getMessage().contains("margin"));
    }

    @Test
    void badInputNamesParameter() {
        Setup s = setup(3, 20, 4, 4);
        DenseCandidateSource src = new DenseCandidateSource(s.index(), s.queries());
        HardNegativeMiner miner = new HardNegativeMiner();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> miner.mine(src, new int[3], null)).getMessage().contains("positives"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> miner.mine(src, new int[]{0, 1, 2, 99}, null)).getMessage().contains("positives[3]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RelativeMarginFilter(1.5)).getMessage().contains("relative_margin"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new HardNegativeMiner(0, 0, 5, List.of(), NegativeSelector.TOP, 0)).getMessage().contains("num_negatives"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new HardNegativeMiner(2, 5, 5, List.of(), NegativeSelector.TOP, 0)).getMessage().contains("range_max"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DenseCandidateSource(KnnIndex.of(new float[][]{{1}}, Metric.L2), new float[][]{{1}})).getMessage().contains("metric"));
    }

    @Test
    void bm25PlusPositiveAwareFilterDropsPlantedFalseNegative() {
        List<String> corpus = List.of(
                "the eiffel tower is a wrought iron tower in paris france",          // 0 positive
                "the eiffel tower in paris france is a wrought iron lattice tower",  // 1 planted false negative (paraphrase)
                "the tower of london is a castle in england",                        // 2
                "paris is the capital of france",                                    // 3
                "iron ore is mined in australia",                                    // 4
                "the leaning tower of pisa is in italy",                             // 5
                "a lattice is a structure of crossing strips");                       // 6
        List<String> queries = List.of("eiffel tower wrought iron paris france");
        int[] positives = {0};
        Bm25CandidateSource src = Bm25CandidateSource.of(corpus, queries);
        assertTrue(src.score(0, 1) >= 0.95 * src.score(0, 0), "planted doc must look like a false negative");

        MinedNegatives naive = new HardNegativeMiner(3, 0, 10, List.of(), NegativeSelector.TOP, 0).mine(src, positives, null);
        assertEquals(1, naive.ids()[0][0], "naive top-k picks the planted false negative first");

        HardNegativeMiner aware = HardNegativeMiner.topKPercPos(3, 0);
        MinedNegatives m = aware.mineBm25(corpus, queries, positives, null);
        assertEquals(3, m.ids()[0].length);
        for (int id : m.ids()[0]) {
            assertNotEquals(1, id, "planted false negative kept");
            assertNotEquals(0, id, "positive returned");
        }
        assertEquals(1L, m.stats().removedByFilter().get("relative_margin"));
    }
}
