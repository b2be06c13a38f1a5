package io.contrast4j.trainer.metrics;

import io.contrast4j.autograd.registry.Params;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class RetrievalMetricsTest {
    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** q0: ranking [5,3,7,1,9], rel {3:1, 1:2, 8:1}; q1: no relevant doc (excluded, ST); q2: [4,6], rel {6:1, 4:0}. */
    static RankedRetrieval example() {
        return new RankedRetrieval(List.of(new int[]{5, 3, 7, 1, 9}, new int[]{2, 4}, new int[]{4, 6}),
                List.of(Map.of(3, 1, 1, 2, 8, 1), Map.of(), Map.of(6, 1, 4, 0)));
    }

    @Test
    void sentenceTransformersIrEvaluatorDefinitionsOnHandExample() {
        MetricValues v = new RetrievalMetrics(Params.of(Map.of("accuracy_at_k", "1,3", "precision_recall_at_k", "1,3,5",
                "ndcg_at_k", "5,10", "map_at_k", "2,5", "mrr_at_k", "10"))).compute(example());
        // q0 and q2 are valid
        assertEquals((0 + 0) / 2.0, v.get("accuracy@1"), 1e-12);
        assertEquals((1 + 1) / 2.0, v.get("accuracy@3"), 1e-12);
        assertEquals((1.0 / 3 + 1.0 / 3) / 2, v.get("precision@3"), 1e-12);
        assertEquals((2.0 / 5 + 1.0 / 5) / 2, v.get("precision@5"), 1e-12);
        assertEquals((1.0 / 3 + 1) / 2, v.get("recall@3"), 1e-12);
        assertEquals((2.0 / 3 + 1) / 2, v.get("recall@5"), 1e-12);
        assertEquals((0.5 + 0.5) / 2, v.get("mrr@10"), 1e-12);
        double ndcg0 = (1 / log2(3) + 2 / log2(5)) / (2 + 1 / log2(3) + 1 / log2(4));
        double ndcg2 = (1 / log2(3)) / 1.0;
        assertEquals((ndcg0 + ndcg2) / 2, v.get("ndcg@5"), 1e-12);
        assertEquals((ndcg0 + ndcg2) / 2, v.get("ndcg@10"), 1e-12);
        assertEquals("ndcg@10", v.primary());
        // MAP@2: q0 hit at rank 2 -> 0.5/min(2,3); q2 hit at rank 2 -> 0.5/min(2,1)
        assertEquals((0.25 + 0.5) / 2, v.get("map@2"), 1e-12);
        assertEquals(((0.5 + 0.5) / 3 + 0.5) / 2, v.get("map@5"), 1e-12);
    }

    @Test
    void pytrecEvalLinearVersusExponentialGainAndMapCutNorm() {
        RankedRetrieval one = new RankedRetrieval(List.of(new int[]{5, 3, 7, 1, 9}), List.of(Map.of(3, 1, 1, 2, 8, 1)));
        MetricValues lin = new RetrievalMetrics(Params.of(Map.of("ndcg_at_k", "5", "map_at_k", "2"))).compute(one);
        MetricValues exp = new RetrievalMetrics(Params.of(Map.of("ndcg_at_k", "5", "gain", "exponential", "map_at_k", "2", "map_norm", "rel"))).compute(one);
        assertEquals((1 / log2(3) + 2 / log2(5)) / (2 + 1 / log2(3) + 1 / log2(4)), lin.get("ndcg@5"), 1e-12);
        assertEquals((1 / log2(3) + 3 / log2(5)) / (3 + 1 / log2(3) + 1 / log2(4)), exp.get("ndcg@5"), 1e-12);
        assertEquals(0.5 / 2, lin.get("map@2"), 1e-12);
        assertEquals(0.5 / 3, exp.get("map@2"), 1e-12);
    }

    @Test
    void noQueryWithRelevantDocGivesNaN() {
        RankedRetrieval r = new RankedRetrieval(List.of(new int[]{1, 2}, new int[]{}), List.of(Map.of(1, 0), Map.of()));
        MetricValues v = new RetrievalMetrics().compute(r);
        for (double x : v.values().values()) assertTrue(Double.isNaN(x));
        // empty ranking with relevant docs: everything 0
        MetricValues w = new RetrievalMetrics().compute(new RankedRetrieval(List.of(new int[]{}), List.of(Map.of(4, 1))));
        assertEquals(0, w.get("ndcg@10"));
        assertEquals(0, w.get("mrr@10"));
    }

    @Test
    void weightedMeanForFrequencyWeightedRecall() {
        RankedRetrieval r = new RankedRetrieval(List.of(new int[]{1}, new int[]{2}), List.of(Map.of(1, 1), Map.of(3, 1)), new double[]{3, 1});
        assertEquals(3.0 / 4, new RetrievalMetrics().compute(r).get("recall@1"), 1e-12);
    }

    @Test
    void fromScoresBreaksTiesByLowerDocId() {
        RankedRetrieval r = RankedRetrieval.fromScores(new double[][]{{0.5, 0.9, 0.5, 0.1}}, List.of(Map.of(2, 1)), 3);
        assertArrayEquals(new int[]{1, 0, 2}, r.rankings().get(0));
        assertEquals(1.0 / 3, RetrievalMetrics.reciprocalRank(r.rankings().get(0), r.qrels().get(0), 10), 1e-12);
    }

    @Test
    void unbiasedPassAtK() {
        assertEquals(1 - 3.0 / 10, RetrievalMetrics.passAtK(5, 2, 2), 1e-12); // 1 - C(3,2)/C(5,2)
        assertEquals(1.0, RetrievalMetrics.passAtK(5, 4, 2), 0);
        assertEquals(0.0, RetrievalMetrics.passAtK(5, 0, 3), 0);
        assertEquals(0.4, RetrievalMetrics.passAtK(5, 2, 1), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> RetrievalMetrics.passAtK(3, 1, 4));
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RankedRetrieval(List.of(new int[]{1, 1}), List.of(Map.of())));
        assertThrows(IllegalArgumentException.class, () -> new RetrievalMetrics(Params.of(Map.of("gain", "cubic"))));
        assertThrows(IllegalArgumentException.class, () -> new RetrievalMetrics(Params.of(Map.of("ndcg@10", "1"))));
        assertThrows(IllegalArgumentException.class, () -> new RetrievalMetrics().compute(new Embeddings(new float[0][])));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void propertiesRangePerfectRankingAndQueryPermutation(long seed) {
        Random rnd = new Random(seed);
        int nq = 12, nd = 30;
        List<int[]> rk = new ArrayList<>();
        List<Map<Integer, Integer>> qr = new ArrayList<>();
        List<int[]> ideal = new ArrayList<>();
        for (int q = 0; q < nq; q++) {
            double[] s = new double[nd];
            Map<Integer, Integer> m = new HashMap<>();
            for (int d = 0; d < nd; d++) {
                s[d] = rnd.nextDouble();
                if (rnd.nextInt(5) == 0) m.put(d, rnd.nextInt(4));
            }
            rk.add(Ranking.orderDesc(s));
            qr.add(m);
            double[] g = new double[nd];
            for (int d = 0; d < nd; d++) g[d] = m.getOrDefault(d, 0);
            ideal.add(Ranking.orderDesc(g));
        }
        Params p = Params.of(Map.of("map_at_k", "10,100"));
        MetricValues v = new RetrievalMetrics(p).compute(new RankedRetrieval(rk, qr));
        for (Map.Entry<String, Double> e : v.values().entrySet()) {
            assertTrue(e.getValue() >= 0 && e.getValue() <= 1 + 1e-12, "seed " + seed + " " + e);
        }
        MetricValues best = new RetrievalMetrics(p).compute(new RankedRetrieval(ideal, qr));
        assertEquals(1.0, best.get("ndcg@10"), 1e-12, "seed " + seed);
        assertEquals(1.0, best.get("mrr@10"), 1e-12, "seed " + seed);
        assertEquals(1.0, best.get("map@100"), 1e-12, "seed " + seed);
        List<Integer> perm = new ArrayList<>();
        for (int i = 0; i < nq; i++) perm.add(i);
        java.util.Collections.shuffle(perm, rnd);
        List<int[]> rk2 = new ArrayList<>();
        List<Map<Integer, Integer>> qr2 = new ArrayList<>();
        for (int i : perm) {
            rk2.add(rk.get(i));
            qr2.add(qr.get(i));
        }
        MetricValues v2 = new RetrievalMetrics(p).compute(new RankedRetrieval(rk2, qr2));
        for (String k : v.values().keySet()) assertEquals(v.get(k), v2.get(k), 1e-12, "seed " + seed + " " + k);
    }
}
