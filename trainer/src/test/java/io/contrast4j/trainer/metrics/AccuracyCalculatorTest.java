package io.contrast4j.trainer.metrics;

import io.contrast4j.autograd.registry.Params;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class AccuracyCalculatorTest {
    static float[][] col(float... x) {
        float[][] m = new float[x.length][1];
        for (int i = 0; i < x.length; i++) m[i][0] = x[i];
        return m;
    }

    // 1-D points 0,1,2,10,11,20 with labels 0,0,1,1,1,2 (label 2 is lone -> excluded, as PML)
    static final LabelledEmbeddings EX = new LabelledEmbeddings(col(0, 1, 2, 10, 11, 20), new int[]{0, 0, 1, 1, 1, 2});

    @Test
    void pmlDefinitionsLeaveOneOutWithTiesByLowerIndex() {
        MetricValues v = new AccuracyCalculator(Params.of(Map.of("clustering", "false"))).compute(EX);
        // q0 [1,2,3,4,5] all 1; q1 [0,2,...] (tie 0/2 -> 0 first) all 1; q2 labels [0,0,1,1,2]: P@1 0, RP 0, MAP@R 0,
        // MAP (1/3+2/4)/2, MRR 1/3; q3 [4,2,1,0,5] all 1; q4 [3,2,5,1,0] all 1
        assertEquals(4 / 5.0, v.get("precision_at_1"), 1e-12);
        assertEquals(4 / 5.0, v.get("r_precision"), 1e-12);
        assertEquals(4 / 5.0, v.get("mean_average_precision_at_r"), 1e-12);
        assertEquals((4 + (1 / 3.0 + 2 / 4.0) / 2) / 5, v.get("mean_average_precision"), 1e-12);
        assertEquals((4 + 1 / 3.0) / 5, v.get("mean_reciprocal_rank"), 1e-12);
        assertEquals("mean_average_precision_at_r", v.primary());
        assertFalse(v.has("NMI"));
    }

    @Test
    void pmlAvgOfAvgsIsClassBalanced() {
        MetricValues v = new AccuracyCalculator(Params.of(Map.of("clustering", "false", "avg_of_avgs", "true"))).compute(EX);
        assertEquals((1 + 2 / 3.0) / 2, v.get("precision_at_1"), 1e-12);
        assertEquals((1 + (1 + 1 + (1 / 3.0 + 2 / 4.0) / 2) / 3) / 2, v.get("mean_average_precision"), 1e-12);
    }

    @Test
    void pmlIntegerKTruncatesNeighbourLists() {
        MetricValues v = new AccuracyCalculator(Params.of(Map.of("clustering", "false", "k", "2"))).compute(EX);
        // q2 top-2 = [1,0] (no hit): MAP 0, MRR 0; the others are perfect
        assertEquals(4 / 5.0, v.get("mean_average_precision"), 1e-12);
        assertEquals(4 / 5.0, v.get("mean_reciprocal_rank"), 1e-12);
        assertEquals(4 / 5.0, v.get("mean_average_precision_at_r"), 1e-12);
    }

    @Test
    void pmlSeparateReferenceSetExcludesLabelsAbsentFromReference() {
        LabelledEmbeddings e = new LabelledEmbeddings(col(1, 4, 7, 3), new int[]{0, 1, 9, 0}, col(0, 5), new int[]{0, 1});
        MetricValues v = new AccuracyCalculator(Params.of(Map.of("clustering", "false"))).compute(e);
        // q0 [0,1] ok; q1 [1,0] ok; q2 label 9 not in reference: excluded; q3 (x=3) [1,0]: P@1 0, MAP@R 0, MAP 1/2, MRR 1/2
        assertEquals(2 / 3.0, v.get("precision_at_1"), 1e-12);
        assertEquals(2 / 3.0, v.get("mean_average_precision_at_r"), 1e-12);
        assertEquals((2 + 0.5) / 3, v.get("mean_average_precision"), 1e-12);
        assertEquals((2 + 0.5) / 3, v.get("mean_reciprocal_rank"), 1e-12);
    }

    @Test
    void pmlNoValidQueryGivesNaN() {
        MetricValues v = new AccuracyCalculator().compute(new LabelledEmbeddings(col(0, 1, 2), new int[]{0, 1, 2}));
        assertTrue(Double.isNaN(v.get("precision_at_1")));
        assertTrue(Double.isNaN(v.get("mean_average_precision_at_r")));
        assertEquals(1.0, v.get("NMI"), 1e-12); // 3 clusters of one point each match the 3 labels
    }

    @Test
    void maxBinCountK() {
        MetricValues v = new AccuracyCalculator(Params.of(Map.of("clustering", "false", "k", "max_bin_count"))).compute(EX);
        // k = 3 - 1 = 2, same as k=2
        assertEquals(4 / 5.0, v.get("mean_average_precision"), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new AccuracyCalculator(Params.of(Map.of("k", "0"))));
        assertThrows(IllegalArgumentException.class, () -> new AccuracyCalculator(Params.of(Map.of("knn", "hamming"))));
    }

    static LabelledEmbeddings random(Random rnd, int n, int d, int classes, double separation) {
        float[][] x = new float[n][d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
            for (int j = 0; j < d; j++) x[i][j] = (float) (rnd.nextGaussian() + (j == y[i] % d ? separation : 0));
        }
        return new LabelledEmbeddings(x, y);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14})
    void propertiesRangeSeparatedClustersAndPermutation(long seed) {
        Random rnd = new Random(seed);
        LabelledEmbeddings e = random(rnd, 40, 6, 4, 0.5);
        MetricValues v = new AccuracyCalculator().compute(e);
        for (Map.Entry<String, Double> x : v.values().entrySet()) {
            assertTrue(x.getValue() >= -0.2 && x.getValue() <= 1 + 1e-12, "seed " + seed + " " + x);
            if (!x.getKey().equals("AMI")) assertTrue(x.getValue() >= 0, "seed " + seed + " " + x);
        }
        LabelledEmbeddings sep = random(rnd, 40, 6, 4, 100);
        MetricValues s = new AccuracyCalculator().compute(sep);
        for (Map.Entry<String, Double> x : s.values().entrySet()) assertEquals(1.0, x.getValue(), 1e-9, "seed " + seed + " " + x);
        // permuting the points (consistently) does not change the kNN means
        int n = e.labels().length;
        int[] perm = rnd.ints(0, 1).limit(0).toArray();
        java.util.List<Integer> p = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) p.add(i);
        java.util.Collections.shuffle(p, rnd);
        float[][] x2 = new float[n][];
        int[] y2 = new int[n];
        for (int i = 0; i < n; i++) {
            x2[i] = e.embeddings()[p.get(i)];
            y2[i] = e.labels()[p.get(i)];
        }
        assertEquals(0, perm.length);
        Params noClust = Params.of(Map.of("clustering", "false"));
        MetricValues a = new AccuracyCalculator(noClust).compute(e);
        MetricValues b = new AccuracyCalculator(noClust).compute(new LabelledEmbeddings(x2, y2));
        for (String k : a.values().keySet()) assertEquals(a.get(k), b.get(k), 1e-12, "seed " + seed + " " + k);
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23})
    void cosineKnnEqualsL2OnUnitVectors(long seed) {
        LabelledEmbeddings e = random(new Random(seed), 30, 5, 3, 1);
        LabelledEmbeddings u = new LabelledEmbeddings(VectorMath.normalizeRows(e.embeddings()), e.labels());
        MetricValues c = new AccuracyCalculator(Params.of(Map.of("clustering", "false", "knn", "cosine"))).compute(e);
        MetricValues l = new AccuracyCalculator(Params.of(Map.of("clustering", "false"))).compute(u);
        for (String k : c.values().keySet()) assertEquals(c.get(k), l.get(k), 1e-9, "seed " + seed + " " + k);
    }
}
