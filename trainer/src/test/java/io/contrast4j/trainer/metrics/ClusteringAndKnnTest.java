package io.contrast4j.trainer.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class ClusteringAndKnnTest {
    static double mi(int[] a, int[] b) {
        int n = a.length;
        double s = 0;
        for (int x = 0; x < 10; x++) {
            for (int y = 0; y < 10; y++) {
                int nij = 0, ai = 0, bj = 0;
                for (int i = 0; i < n; i++) {
                    if (a[i] == x) ai++;
                    if (b[i] == y) bj++;
                    if (a[i] == x && b[i] == y) nij++;
                }
                if (nij > 0) s += (double) nij / n * Math.log((double) n * nij / ((double) ai * bj));
            }
        }
        return s;
    }

    static double h(int[] a) {
        return mi(a, a);
    }

    static void permutations(int[] v, int k, List<int[]> out) {
        if (k == v.length) {
            out.add(v.clone());
            return;
        }
        for (int i = k; i < v.length; i++) {
            int t = v[k]; v[k] = v[i]; v[i] = t;
            permutations(v, k + 1, out);
            t = v[k]; v[k] = v[i]; v[i] = t;
        }
    }

    @Test
    void sklearnNmiAndAmiByDefinition() {
        int[] a = {0, 0, 1, 1, 2};
        int[] b = {0, 0, 0, 1, 1};
        double mi = mi(a, b);
        double norm = (h(a) + h(b)) / 2;
        assertEquals(mi / norm, ClusteringScores.nmi(a, b), 1e-12);
        // E[MI] = mean MI over all permutations of b (hypergeometric model)
        List<int[]> perms = new ArrayList<>();
        permutations(b.clone(), 0, perms);
        double emi = 0;
        for (int[] p : perms) emi += mi(a, p);
        emi /= perms.size();
        assertEquals((mi - emi) / (norm - emi), ClusteringScores.ami(a, b), 1e-12);
        assertEquals(1.0, ClusteringScores.ami(a, new int[]{5, 5, 7, 7, 9}), 1e-12);
        assertEquals(1.0, ClusteringScores.nmi(new int[]{3, 3}, new int[]{1, 1}), 0); // both trivial -> 1 (sklearn)
        assertEquals(0.0, ClusteringScores.nmi(new int[]{0, 0, 1, 1}, new int[]{0, 0, 0, 0}), 0); // MI 0 -> 0
    }

    @Test
    void kmeansSeparatesObviousClusters() {
        float[][] x = {{0, 0}, {0.1f, 0}, {10, 10}, {10, 10.1f}, {-10, 5}, {-10.1f, 5}};
        int[] c = SimpleKMeans.cluster(x, 3, 7, 100);
        assertEquals(c[0], c[1]);
        assertEquals(c[2], c[3]);
        assertEquals(c[4], c[5]);
        assertNotEquals(c[0], c[2]);
        assertNotEquals(c[0], c[4]);
        assertNotEquals(c[2], c[4]);
        assertArrayEquals(c, SimpleKMeans.cluster(x, 3, 7, 100));
        assertThrows(IllegalArgumentException.class, () -> SimpleKMeans.cluster(x, 7, 0, 10));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void exactKnnMatchesNaiveSortOnBothPaths(long seed) {
        Random rnd = new Random(seed);
        int n = 90, d = 37;
        float[][] x = new float[n][d];
        for (float[] r : x) for (int j = 0; j < d; j++) r[j] = (float) rnd.nextGaussian();
        for (ExactKnn.Kind kind : ExactKnn.Kind.values()) {
            int[][] full = ExactKnn.search(x, x, n, kind, true);
            int[][] few = ExactKnn.search(x, x, 5, kind, true);
            for (int i = 0; i < n; i++) {
                assertEquals(n - 1, full[i].length);
                double[] s = new double[n];
                for (int j = 0; j < n; j++) {
                    s[j] = switch (kind) {
                        case COSINE -> Similarity.COSINE.score(x[i], x[j]);
                        case DOT -> Similarity.DOT.score(x[i], x[j]);
                        case L2 -> Similarity.EUCLIDEAN.score(x[i], x[j]);
                    };
                }
                s[i] = Double.NEGATIVE_INFINITY;
                int[] o = Ranking.orderDesc(s);
                for (int t = 0; t < 5; t++) {
                    assertEquals(o[t], few[i][t], "seed " + seed + " " + kind + " q" + i);
                    assertEquals(o[t], full[i][t], "seed " + seed + " " + kind + " q" + i);
                }
            }
        }
    }

    @Test
    void exactKnnTiesByLowerIndex() {
        float[][] r = {{1, 0}, {0, 1}, {1, 0}, {1, 0}};
        int[][] nn = ExactKnn.search(new float[][]{{1, 0}}, r, 3, ExactKnn.Kind.DOT, false);
        assertArrayEquals(new int[]{0, 2, 3}, nn[0]);
    }

    @Test
    void averageRanksLikeScipy() {
        assertArrayEquals(new double[]{1.5, 3, 1.5, 4}, Ranking.averageRanks(new double[]{1, 2, 1, 5}), 0);
        assertEquals(1.0, Stats.spearman(new double[]{1, 2, 3}, new double[]{10, 20, 30}), 1e-12);
        assertTrue(Double.isNaN(Stats.pearson(new double[]{1, 1}, new double[]{1, 2})));
    }
}
