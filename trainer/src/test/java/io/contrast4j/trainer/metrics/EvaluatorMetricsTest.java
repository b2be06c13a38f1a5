package io.contrast4j.trainer.metrics;

import io.contrast4j.autograd.registry.Params;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** M03, M04, M05, M06, M07, M08, M13 against hand-computed values from the library definitions. */
class EvaluatorMetricsTest {
    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    static double pearsonByHand(double[] x, double[] y) {
        int n = x.length;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) { mx += x[i] / n; my += y[i] / n; }
        double a = 0, b = 0, c = 0;
        for (int i = 0; i < n; i++) { a += (x[i] - mx) * (y[i] - my); b += (x[i] - mx) * (x[i] - mx); c += (y[i] - my) * (y[i] - my); }
        return a / Math.sqrt(b * c);
    }

    @Test
    void stsEmbeddingSimilarityEvaluatorPearsonSpearmanWithTies() {
        ScoredPairs sp = new ScoredPairs(new float[][]{{1, 0}, {0, 1}, {1, 1}}, new float[][]{{1, 0}, {1, 0}, {1, 0}}, new double[]{3, 1, 2});
        MetricValues v = new StsCorrelation().compute(sp);
        assertEquals(pearsonByHand(new double[]{1, 0, 1 / Math.sqrt(2)}, new double[]{3, 1, 2}), v.get("pearson_cosine"), 1e-12);
        assertEquals(1.0, v.get("spearman_cosine"), 1e-12);
        assertEquals("spearman_cosine", v.primary());
        // ties: gold ranks (1.5, 1.5, 3), cosine ranks (3, 1, 2)
        MetricValues t = new StsCorrelation(Params.of(Map.of("similarities", "cosine"))).compute(
                new ScoredPairs(sp.a(), sp.b(), new double[]{1, 1, 2}));
        assertEquals(pearsonByHand(new double[]{1.5, 1.5, 3}, new double[]{3, 1, 2}), t.get("spearman_cosine"), 1e-12);
        // euclidean: -d = (0, -sqrt2, -1)
        assertEquals(pearsonByHand(new double[]{0, -Math.sqrt(2), -1}, new double[]{3, 1, 2}), v.get("pearson_euclidean"), 1e-12);
    }

    @Test
    void binaryClassificationStAndSklearnDefinitionsWithTiedScores() {
        VerificationPairs vp = new VerificationPairs(new double[]{0.9, 0.8, 0.7, 0.7, 0.3}, new boolean[]{true, false, true, false, false});
        MetricValues v = new BinaryClassificationMetrics(Params.of(Map.of("threshold", "0.75"))).compute(vp);
        assertEquals(0.8, v.get("accuracy"), 1e-12);
        assertEquals(0.85, v.get("accuracy_threshold"), 1e-12);
        assertEquals(2 / 3.0, v.get("f1"), 1e-12);
        assertEquals(1.0, v.get("precision"), 1e-12);
        assertEquals(0.5, v.get("recall"), 1e-12);
        assertEquals(0.5 * 1 + 0.5 * 0.5, v.get("ap"), 1e-12);
        assertEquals((3 + 1.5) / 6, v.get("auc"), 1e-12);
        assertEquals(0.4, v.get("eer"), 1e-12); // crossing between (FAR 1/3, FRR 1/2) and (2/3, 0)
        assertEquals(0.5, v.get("tpr_at_far"), 1e-12);
        assertEquals(0.5, v.get("precision_at_threshold"), 1e-12);
        assertEquals(1 / 3.0, v.get("far_at_threshold"), 1e-12);
        MetricValues one = new BinaryClassificationMetrics().compute(new VerificationPairs(new double[]{1, 2}, new boolean[]{true, true}));
        assertTrue(Double.isNaN(one.get("auc")) && Double.isNaN(one.get("eer")));
        assertEquals(1.0, one.get("accuracy"), 1e-12);
    }

    @Test
    void topKMultiLabelAndCoverage() {
        BinaryClassificationMetrics m = new BinaryClassificationMetrics(Params.of(Map.of("top_k", "1,2", "risk", "0.25")));
        MetricValues t = m.compute(new ClassScores(new double[][]{{0.1, 0.5, 0.5}, {0.9, 0.05, 0.05}}, new int[]{2, 1}));
        assertEquals(0.0, t.get("top1_accuracy"));
        assertEquals(1.0, t.get("top2_accuracy"));
        MetricValues ml = m.compute(new MultiLabelScores(new double[][]{{.9, .2, .3}, {.1, .8, .3}, {.5, .4, .3}},
                new boolean[][]{{true, false, false}, {false, false, false}, {false, true, false}}));
        assertEquals((1 + 0.5) / 2, ml.get("mAP"), 1e-12);
        assertEquals((1 + 0.5) / 2, ml.get("macro_auc"), 1e-12);
        MetricValues c = m.compute(new Confidences(new double[]{.9, .8, .8, .6, .5}, new boolean[]{true, true, false, true, false}));
        assertEquals(4 / 5.0, c.get("coverage_at_risk"), 1e-12);
        assertEquals(2 / 5.0, c.get("risk_at_full_coverage"), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 6, 7})
    void aucEqualsPairCountingAndEerBetweenRates(long seed) {
        Random r = new Random(seed);
        int n = 60;
        double[] s = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) { y[i] = r.nextBoolean(); s[i] = r.nextInt(10) + (y[i] ? 2 : 0); }
        double wins = 0; int pairs = 0;
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) if (y[i] && !y[j]) { pairs++; wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0; }
        MetricValues v = new BinaryClassificationMetrics().compute(new VerificationPairs(s, y));
        assertEquals(wins / pairs, v.get("auc"), 1e-12, "seed " + seed);
        for (String k : List.of("accuracy", "f1", "ap", "auc", "eer")) assertTrue(v.get(k) >= 0 && v.get(k) <= 1, "seed " + seed + " " + k);
        double[] flipped = s.clone();
        for (int i = 0; i < n; i++) flipped[i] = y[i] ? 100 + i : -i; // perfect separation
        MetricValues p = new BinaryClassificationMetrics().compute(new VerificationPairs(flipped, y));
        assertEquals(1.0, p.get("auc"), 0, "seed " + seed);
        assertEquals(0.0, p.get("eer"), 0, "seed " + seed);
        assertEquals(1.0, p.get("ap"), 0, "seed " + seed);
        assertEquals(1.0, p.get("accuracy"), 0, "seed " + seed);
    }

    @Test
    void tripletEvaluatorAndIdealisedRankingAccuracy() {
        Triplets t = new Triplets(new float[][]{{1, 0}, {1, 0}, {1, 0}}, new float[][]{{0.9f, 0.1f}, {0, 2}, {2, 0}}, new float[][]{{0, 1}, {0.5f, 0}, {1, 1}});
        MetricValues v = new TripletAccuracy().compute(t);
        assertEquals(2 / 3.0, v.get("cosine_accuracy"), 1e-12);
        assertEquals(2 / 3.0, v.get("dot_accuracy"), 1e-12);
        assertEquals(1 / 3.0, v.get("euclidean_accuracy"), 1e-12); // third triplet is a distance tie -> wrong
        assertEquals(1 / 3.0, v.get("manhattan_accuracy"), 1e-12);
        assertEquals(1 / 3.0, new TripletAccuracy(Params.of(Map.of("margin", "0.5"))).compute(t).get("cosine_accuracy"), 1e-12);
        PreferencePairs pp = new PreferencePairs(new double[]{-3, -1}, new double[]{-2, -2}, new double[]{-1, -2}, new double[]{-1.5, -1},
                new double[]{1, 0.05}, new double[]{0, 0});
        MetricValues q = new TripletAccuracy().compute(pp);
        assertEquals(0.5, q.get("idealized_ranking_accuracy"), 1e-12); // 0.5+10 > 0; -1+0.5 < 0
        assertEquals(0.5, q.get("ranking_accuracy"), 1e-12);
    }

    @Test
    void rerankingEvaluatorSklearnTieHandling() {
        RerankCandidates rc = new RerankCandidates(List.of(new double[]{0.9, 0.5, 0.5, 0.1}, new double[]{1, 2}),
                List.of(new boolean[]{false, true, false, true}, new boolean[]{true, true}));
        MetricValues v = new RerankingMetrics(Params.of(Map.of("at_k", "3"))).compute(rc);
        assertEquals(0.5 * (1 / 3.0) + 0.5 * 0.5, v.get("map"), 1e-12);
        assertEquals(0.5, v.get("mrr@3"), 1e-12);
        assertEquals(0.5 * (1 / log2(3) + 1 / log2(4)) / (1 + 1 / log2(3)), v.get("ndcg@3"), 1e-12);
        MetricValues none = new RerankingMetrics().compute(new RerankCandidates(List.of(new double[]{1}), List.of(new boolean[]{true})));
        assertTrue(Double.isNaN(none.get("map")));
    }

    static double cos(float[] a, float[] b) {
        return (a[0] * (double) b[0] + a[1] * (double) b[1]) / Math.hypot(a[0], a[1]) / Math.hypot(b[0], b[1]);
    }

    @Test
    void paraphraseMiningTranslationMseLabelAccuracyRrfSequential() {
        float[][] e = {{1, 0}, {0.9f, 0.1f}, {0, 1}, {0.1f, 1}};
        SentenceTransformersEvaluators m = new SentenceTransformersEvaluators();
        MetricValues pm = m.compute(new ParaphraseCandidates(e, List.of(new int[]{0, 1}, new int[]{3, 1})));
        // mined order: (2,3), (0,1) gold, (1,3) gold, (1,2), (0,3), (0,2)
        assertEquals((1 / 2.0 + 2 / 3.0) / 2, pm.get("average_precision"), 1e-12);
        assertEquals(0.8, pm.get("f1"), 1e-12);
        assertEquals(2 / 3.0, pm.get("precision"), 1e-12);
        assertEquals(1.0, pm.get("recall"), 1e-12);
        assertEquals((cos(e[1], e[3]) + cos(e[1], e[2])) / 2, pm.get("threshold"), 1e-6);

        MetricValues tr = m.compute(new AlignedEmbeddings(new float[][]{{1, 0}, {0, 1}, {1, 1}}, new float[][]{{1, 0.1f}, {1, 0.2f}, {0, 1}}));
        assertEquals(1 / 3.0, tr.get("src2trg_accuracy"), 1e-12);
        assertEquals(1 / 3.0, tr.get("trg2src_accuracy"), 1e-12);
        assertEquals((0.01 + 1 + 0.64 + 1) / 6, tr.get("mse"), 1e-6);

        assertEquals(0.5, m.compute(new ClassScores(new double[][]{{1, 2}, {3, 3}}, new int[]{1, 1})).get("accuracy"), 1e-12);

        List<int[]> fused = SentenceTransformersEvaluators.fuse(List.of(List.of(new int[]{1, 2, 3}), List.of(new int[]{2, 1})), 60);
        assertArrayEquals(new int[]{1, 2, 3}, fused.get(0)); // 1 and 2 tie at 1/61 + 1/62
        MetricValues rrf = m.compute(new RetrievalRuns(List.of(List.of(new int[]{1, 2, 3}), List.of(new int[]{2, 1})), List.of(Map.of(2, 1))));
        assertEquals(0.5, rrf.get("mrr@10"), 1e-12);

        MetricValues a = MetricValues.builder().put("x", 0.2).build(), b = MetricValues.builder().put("y", 0.6).build();
        assertEquals(0.6, SentenceTransformersEvaluators.sequential(List.of(a, b), "last"));
        assertEquals(0.4, SentenceTransformersEvaluators.sequential(List.of(a, b), "mean"), 1e-12);
    }

    @Test
    void nanoBeirMeanOverSubsets() {
        Map<String, RankedRetrieval> s = new LinkedHashMap<>();
        s.put("NanoA", new RankedRetrieval(List.of(new int[]{1, 2}), List.of(Map.of(2, 1))));
        s.put("NanoB", new RankedRetrieval(List.of(new int[]{5}), List.of(Map.of(5, 1))));
        MetricValues v = new NanoBeirProtocol().compute(new RetrievalSuite(s));
        assertEquals((1 / log2(3) + 1) / 2, v.main(), 1e-12);
        assertEquals("mean_ndcg@10", v.primary());
        assertEquals(1 / log2(3), v.get("NanoA_ndcg@10"), 1e-12);
    }

    @Test
    void eceGuoEqualWidthBins() {
        MetricValues v = new ExpectedCalibrationError(Params.of(Map.of("bins", "10"))).compute(
                new Confidences(new double[]{0.95, 0.85, 0.55, 0.15}, new boolean[]{true, false, true, false}));
        assertEquals((0.05 + 0.85 + 0.45 + 0.15) / 4, v.get("ece"), 1e-12);
        assertEquals(0.85, v.get("mce"), 1e-12);
        // two predictions in one bin: |acc - mean conf|
        MetricValues l = new ExpectedCalibrationError(Params.of(Map.of("bins", "1", "scores", "logits"))).compute(
                new ClassScores(new double[][]{{2, 0}, {0, 1}}, new int[]{0, 0}));
        double c0 = Math.exp(2) / (Math.exp(2) + 1), c1 = Math.E / (1 + Math.E);
        assertEquals(Math.abs(0.5 - (c0 + c1) / 2), l.get("ece"), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new Confidences(new double[]{1.5}, new boolean[]{true}));
    }
}
