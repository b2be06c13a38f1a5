package io.contrast4j.trainer.metrics;

import io.contrast4j.autograd.linalg.SymmetricEigen;
import io.contrast4j.autograd.registry.Params;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** M09, M10, M14, M15, M18, M20, M22 on hand-computed examples. */
class DiagnosticMetricsTest {
    @Test
    void wangIsolaAlignmentUniformityAndTolerance() {
        MetricValues v = new AlignmentUniformity().compute(new AlignedEmbeddings(new float[][]{{1, 0}, {0, 1}}, new float[][]{{0, 1}, {0, 1}}));
        assertEquals((2 + 0) / 2.0, v.get("alignment"), 1e-9);
        assertEquals((-4 + 0) / 2.0, v.get("uniformity"), 1e-9);
        MetricValues l = new AlignmentUniformity().compute(new LabelledEmbeddings(new float[][]{{2, 0}, {0, 1}, {1, 0}}, new int[]{0, 1, 0}));
        assertEquals(1.0, l.get("tolerance"), 1e-9);
        assertEquals(Math.log((1 + 2 * Math.exp(-4)) / 3), l.get("uniformity"), 1e-9);
        MetricValues lone = new AlignmentUniformity().compute(new LabelledEmbeddings(new float[][]{{1, 0}}, new int[]{0}));
        assertTrue(Double.isNaN(lone.get("tolerance")) && Double.isNaN(lone.get("uniformity")));
    }

    @Test
    void rankMeOfKnownSingularValues() {
        MetricValues v = new RankMe().compute(new Embeddings(new float[][]{{3, 0, 0}, {0, 4, 0}}));
        double p1 = 4 / 7.0 + 1e-7, p2 = 3 / 7.0 + 1e-7;
        assertEquals(Math.exp(-(p1 * Math.log(p1) + p2 * Math.log(p2))), v.get("rankme"), 1e-9);
        assertEquals(5, v.get("mean_pairwise_distance"), 1e-9);
        assertEquals(3.5, v.get("mean_norm"), 1e-9);
        double r1 = new RankMe().compute(new Embeddings(new float[][]{{1, 1}, {2, 2}, {-1, -1}})).get("rankme");
        assertEquals(1.0, r1, 1e-5); // rank one
        assertTrue(Double.isNaN(new RankMe().compute(new Embeddings(new float[][]{{0, 0}})).get("rankme")));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void singularValuesMatchGramEigenvaluesAndRankMeIsBounded(long seed) {
        Random r = new Random(seed);
        int n = 7, d = 4;
        float[][] z = new float[n][d];
        for (float[] row : z) for (int j = 0; j < d; j++) row[j] = (float) r.nextGaussian();
        double[] sv = SymmetricEigen.singularValues(z);
        double fro = 0, sum = 0;
        for (float[] row : z) for (float x : row) fro += x * x;
        for (double s : sv) sum += s * s;
        assertEquals(fro, sum, 1e-6 * fro, "seed " + seed); // ||Z||_F^2 = sum sigma^2
        double rk = new RankMe().compute(new Embeddings(z)).get("rankme");
        assertTrue(rk >= 1 && rk <= d + 1e-6, "seed " + seed + " rankme " + rk);
    }

    @Test
    void angularVisualHardness() {
        float[][] w = {{1, 0}, {0, 1}, {-1, 0}};
        MetricValues v = new AngularVisualHardness().compute(new FeaturesWithClassifier(new float[][]{{1, 0}, {0, 1}}, new int[]{0, 0}, w, null));
        // sample 0: 0 / (0 + pi/2 + pi) ; sample 1: (pi/2) / (pi/2 + 0 + pi/2)
        assertEquals((0 + 0.5) / 2, v.get("mean_avh"), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> new AngularVisualHardness().compute(
                new FeaturesWithClassifier(new float[][]{{1, 0}}, new int[]{0}, null, null)));
    }

    @Test
    void utilizationNearestTrainDistance() {
        TrainTestEmbeddings t = new TrainTestEmbeddings(new float[][]{{0, 0}, {10, 0}}, new float[][]{{1, 0}, {7, 0}});
        assertEquals(2.0, new Utilization().compute(t).main(), 1e-9);
        TrainTestEmbeddings c = new TrainTestEmbeddings(new float[][]{{1, 0}}, new float[][]{{0, 1}, {1, 1}});
        assertEquals((1 + (1 - 1 / Math.sqrt(2))) / 2, new Utilization(Params.of(Map.of("distance", "cosine"))).compute(c).main(), 1e-6);
    }

    @Test
    void gradientMatchingCosine() {
        MetricValues v = new GradientAgreement().compute(new GradientPairs(
                List.of(new double[]{1, 0}, new double[]{1, 0}, new double[]{0, 0}), List.of(new double[]{1, 0}, new double[]{-1, 1}, new double[]{1, 1})));
        assertEquals((1 - 1 / Math.sqrt(2) + 0) / 3, v.get("gradient_matching"), 1e-12);
        assertEquals(1 / 3.0, v.get("conflict_rate"), 1e-12);
    }

    @Test
    void moePathwayEditDistanceAndConsistency() {
        assertEquals(3, MoePathways.editDistance(new int[]{1, 3, 3}, new int[]{2}));
        assertEquals(0, MoePathways.editDistance(new int[]{}, new int[]{}));
        Pathways pw = new Pathways(new int[][]{{1, 2, 3}, {1, 3, 3}, {2}},
                new float[][][]{{{1, 0}, {1, 0}, {0, 1}}, {{1, 0}, {1, 1}}, {{1, 0}}});
        MetricValues v = new MoePathways().compute(pw);
        assertEquals((1 + 2 + 3) / 3.0, v.get("pathway_distance"), 1e-12);
        assertEquals((1 / 3.0 + 2 / 3.0 + 3 / 3.0) / 3, v.get("normalized_pathway_distance"), 1e-12);
        assertEquals((0.5 + 1 / Math.sqrt(2)) / 2, v.get("pathway_consistency"), 1e-9);
    }

    @Test
    void plackettLuceReducesToBradleyTerryForTwoConfigs() {
        double n = Double.NaN;
        double[][] s = {{1, 0}, {1, 0}, {1, 0}, {0, 1}, {1, 1}, {n, 1}};
        MetricValues v = new PlackettLuceAggregation(Params.of(Map.of("prior", "0"))).compute(new SampleResults(s));
        // BT MLE: w_A / w_B = wins_A / wins_B = 3 (ties and single-config samples carry no information)
        assertEquals(Math.log(3) / 2, v.get("log_strength_0"), 1e-7);
        assertEquals(-Math.log(3) / 2, v.get("log_strength_1"), 1e-7);
        assertEquals(3 * Math.log(3 / 4.0) + Math.log(1 / 4.0), v.get("log_likelihood"), 1e-7);
        assertEquals(0, v.get("best_config"));
        // rankings A>B>C and C>B>A: L = x^2 / ((2+x)^2 (1+x)^2) with w_A = w_C = 1, w_B = x; dL/dx = 0 gives x = sqrt 2
        double[] w = PlackettLuceAggregation.fitStrengths(new double[][]{{3, 2, 1}, {1, 2, 3}}, 0);
        assertEquals(w[0], w[2], 1e-8);
        assertEquals(Math.sqrt(2), w[1] / w[0], 1e-7);
        // with the default prior a config that always wins stays finite
        MetricValues p = new PlackettLuceAggregation().compute(new SampleResults(new double[][]{{1, 0}, {1, 0}}));
        assertTrue(Double.isFinite(p.get("log_strength_0")) && p.get("log_strength_0") > p.get("log_strength_1"));
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 4})
    void plackettLuceRecoversTheOrderOfSparseNoisyResults(long seed) {
        Random r = new Random(seed);
        int samples = 400, c = 4;
        double[][] s = new double[samples][c];
        for (int i = 0; i < samples; i++) for (int j = 0; j < c; j++) s[i][j] = r.nextDouble() < 0.6 ? Double.NaN : j + 2 * r.nextGaussian();
        double[] w = PlackettLuceAggregation.fitStrengths(s, 1);
        for (int j = 0; j + 1 < c; j++) assertTrue(w[j] < w[j + 1], "seed " + seed + " config " + j);
    }
}
