package io.contrast4j.trainer.metrics;

import io.contrast4j.autograd.registry.Params;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** M11 neural collapse and M16 frozen-embedding probes. */
class CollapseAndProbeTest {
    @Test
    void papyanNc1OnOneDimensionalExample() {
        // class 0 {-2, 0} (mean -1), class 1 {1, 3} (mean 2); mu_G = 0.5; S_W = 1; S_B = (1.5^2 + 1.5^2)/2 = 2.25
        MetricValues v = new NeuralCollapse().compute(new LabelledEmbeddings(new float[][]{{-2}, {0}, {1}, {3}}, new int[]{0, 0, 1, 1}));
        assertEquals((1 / 2.25) / 2, v.get("nc1"), 1e-9);
        assertEquals(0, v.get("nc2_norm_cv"), 1e-9);
        assertEquals(0, v.get("nc2_cos_shift"), 1e-9);
        assertFalse(v.has("nc3"));
    }

    @Test
    void perfectSimplexCollapseGivesZerosAndFullAgreement() {
        float[][] mu = new float[3][2];
        for (int k = 0; k < 3; k++) {
            mu[k][0] = (float) Math.cos(2 * Math.PI * k / 3);
            mu[k][1] = (float) Math.sin(2 * Math.PI * k / 3);
        }
        float[][] h = {mu[0], mu[0], mu[1], mu[1], mu[2], mu[2]};
        MetricValues v = new NeuralCollapse().compute(new FeaturesWithClassifier(h, new int[]{0, 0, 1, 1, 2, 2}, mu, null));
        assertEquals(0, v.get("nc1"), 1e-9);
        assertEquals(0, v.get("nc2_norm_cv"), 1e-6);
        assertEquals(0, v.get("nc2_cos_shift"), 1e-6);
        assertEquals(0, v.get("nc3"), 1e-6);
        assertEquals(1, v.get("nc4_agreement"), 0);
        MetricValues one = new NeuralCollapse().compute(new LabelledEmbeddings(new float[][]{{1}, {2}}, new int[]{0, 0}));
        assertTrue(Double.isNaN(one.get("nc1")));
    }

    @Test
    void gaussianNaiveBayesSharedVarianceAndKnnVote() {
        // 1-D: class means 1 and 5, pooled variance 1; 2.9 is nearer 1 (same prior), 3.1 nearer 5
        ProbeSplit s = new ProbeSplit(new float[][]{{0}, {2}, {4}, {6}}, new int[]{0, 0, 1, 1}, new float[][]{{2.9f}, {3.1f}}, new int[]{1, 1});
        assertEquals(0.5, new FrozenEmbeddingProbes().compute(s).get("gnb_accuracy"), 0);
        ProbeSplit k = new ProbeSplit(new float[][]{{1, 0}, {0.9f, 0.1f}, {0, 1}}, new int[]{0, 0, 1}, new float[][]{{1, 0.2f}, {0.1f, 1}}, new int[]{0, 1});
        assertEquals(0.5, new FrozenEmbeddingProbes(Params.of(Map.of("knn_k", "3"))).compute(k).get("knn_accuracy"), 0); // 2nd: votes 0,0 vs 1
        assertEquals(1.0, new FrozenEmbeddingProbes(Params.of(Map.of("knn_k", "1"))).compute(k).get("knn_accuracy"), 0);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void separableClustersAreLearnedByEveryProbe(long seed) {
        Random r = new Random(seed);
        int c = 3, per = 8, d = 5;
        float[][] tr = new float[c * per][d], te = new float[c * per][d];
        int[] ytr = new int[c * per], yte = new int[c * per];
        for (int i = 0; i < c * per; i++) {
            ytr[i] = yte[i] = i % c;
            for (int j = 0; j < d; j++) {
                tr[i][j] = (float) (0.1 * r.nextGaussian() + (j == ytr[i] ? 3 : 0));
                te[i][j] = (float) (0.1 * r.nextGaussian() + (j == yte[i] ? 3 : 0));
            }
        }
        MetricValues v = new FrozenEmbeddingProbes().compute(new ProbeSplit(tr, ytr, te, yte));
        for (Map.Entry<String, Double> e : v.values().entrySet()) assertEquals(1.0, e.getValue(), 0, "seed " + seed + " " + e);
    }
}
