package io.contrast4j.samplers.corpus;

import io.contrast4j.samplers.index.KnnIndex;
import io.contrast4j.samplers.index.Metric;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class RefreshAndDynamicTest {

    @Test
    void schedulesFireWhenExpected() {
        RefreshSchedule s = RefreshSchedule.everySteps(3);
        List<Integer> fired = new ArrayList<>();
        for (int t = 0; t < 10; t++) if (s.due(t, 0)) fired.add(t);
        assertEquals(List.of(3, 6, 9), fired);
        RefreshSchedule e = RefreshSchedule.everyEpochs(2);
        List<Integer> ep = new ArrayList<>();
        for (int epoch = 0; epoch < 5; epoch++) for (int t = 0; t < 3; t++) if (e.due(epoch * 3 + t, epoch)) ep.add(epoch * 3 + t);
        assertEquals(List.of(6, 12), ep);
        assertFalse(RefreshSchedule.never().due(100, 3));
        OnPlateauSchedule p = new OnPlateauSchedule(2, 0.01);
        p.observe(1.0);
        p.observe(0.5);
        assertFalse(p.due(0, 0));
        p.observe(0.499);
        p.observe(0.6);
        assertTrue(p.due(1, 0));
        assertFalse(p.due(2, 0));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RefreshSchedule.everySteps(0)).getMessage().contains("every_steps"));
    }

    @Test
    void refresherReEmbedsAndReMines() {
        float[][] corpus = {{1, 0}, {0.9f, 0.1f}, {0, 1}, {0.1f, 0.9f}};
        KnnIndex idx = KnnIndex.of(corpus, Metric.COSINE);
        DenseCandidateSource src = new DenseCandidateSource(idx, new float[][]{{1, 0.05f}});
        float[][] moved = {{1, 0}, {0, 1}, {0.95f, 0.05f}, {0.1f, 0.9f}};
        int[] calls = {0};
        NegativeRefresher r = new NegativeRefresher(RefreshSchedule.everySteps(2), src, () -> {
            calls[0]++;
            return moved;
        }, null, new HardNegativeMiner(1, 0, 3, List.of(), NegativeSelector.TOP, 0), new int[]{0}, null);
        assertEquals(1, r.current().ids()[0][0]);
        assertFalse(r.onStep(1, 0));
        assertTrue(r.onStep(2, 0));
        assertEquals(1, calls[0]);
        assertEquals(2, r.current().ids()[0][0], "after re-embedding doc 2 is the hardest");
        assertEquals(1, r.refreshes());
    }

    @Test
    void adoreAppendsUnretrievedPositivesAndWeightsByDeltaMrr() {
        float[][] corpus = {{1, 0}, {0.9f, 0.2f}, {0.5f, 0.5f}, {0, 1}, {-1, 0}};
        KnnIndex idx = KnnIndex.of(corpus, Metric.COSINE);
        AdoreMiner m = new AdoreMiner(idx, 3, 2);
        AdoreMiner.Batch b = m.step(0, () -> new float[][]{{1, 0}}, new int[][]{{1, 4}});
        // retrieved 0, 1, 2; doc 4 appended at rank 4
        assertArrayEquals(new int[]{0, 1, 2, 4}, b.docs()[0]);
        assertArrayEquals(new boolean[]{false, true, false, true}, b.relevant()[0]);
        // pairs: rel at rank 2 (1/2) vs non-rel rank 1 (1) -> 0.5; vs rank 3 (0 beyond cut 2) -> 0.5;
        // rel at rank 4 (0) vs rank 1 -> 1; vs rank 3 -> 0 (dropped)
        List<AdoreMiner.Pair> ps = b.pairs().get(0);
        assertEquals(3, ps.size());
        assertEquals(new AdoreMiner.Pair(1, 0, 0.5), ps.get(0));
        assertEquals(new AdoreMiner.Pair(1, 2, 0.5), ps.get(1));
        assertEquals(new AdoreMiner.Pair(3, 0, 1.0), ps.get(2));
    }

    @Test
    void conanReplacesNegativesThatStoppedBeingHard() {
        ConanRefresher c = new ConanRefresher(new int[][]{{7, 8, 9}, {3, 4}}, new double[][]{{0.8, 0.7, 0.6}, {0.5, 0.4}}, 10, 1.15);
        // sample 0: 0.6·1.15 = 0.69 < 0.8 -> replaced; sample 1: 0.45·1.15 = 0.5175 >= 0.5 -> kept
        PairScorer now = (i, d) -> i == 0 ? 0.6 : 0.45;
        assertEquals(0, c.onStep(5, now));
        assertEquals(1, c.onStep(10, now));
        assertArrayEquals(new int[]{8, 3}, c.currentAll());
        // next check of sample 0 compares with 8's initial score 0.7: 0.6·1.15 = 0.69 < 0.7 -> replaced again
        assertEquals(1, c.onStep(20, now));
        assertEquals(9, c.current(0));
        assertEquals(0, c.onStep(30, now), "end of the pool: stays");
    }

    @Test
    void starMaskDropsOtherRowsDocumentsThatAreRelevant() {
        int[] pos = {10, 11, 10};
        int[][] hard = {{20, 11}, {21, -1}, {22, 23}};
        int[][] rel = {{10, 22}, null, null};
        int[][] m = StarNegatives.mask(pos, hard, rel);
        // row 0: cols [p0 p1 p2 | h00 h01 h10 h11 h20 h21]; p2 = 10 is row 0's positive -> 0; h21... 22 relevant -> 0
        assertArrayEquals(new int[]{1, 1, 0, 1, 1, 1, 0, 0, 1}, m[0]);
        // row 1: own positive 11 appears as h01 -> 0; padding -> 0
        assertArrayEquals(new int[]{1, 1, 1, 1, 0, 1, 0, 1, 1}, m[1]);
        assertArrayEquals(new int[]{0, 1, 1, 1, 1, 1, 0, 1, 1}, m[2]);
        assertArrayEquals(new int[]{3, 9}, StarNegatives.maskTensor(pos, hard, rel).shape());
    }

    @Test
    void consistencyFilterKeepsPairsWithPositiveInTopK() {
        KnnIndex idx = KnnIndex.of(new float[][]{{1, 0}, {0.8f, 0.6f}, {0, 1}}, Metric.COSINE);
        DenseCandidateSource src = new DenseCandidateSource(idx, new float[][]{{1, 0}, {1, 0}});
        assertArrayEquals(new boolean[]{true, false}, new ConsistencyFilter(2).keepPairs(src, new int[]{1, 2}));
    }
}
