package io.contrast4j.samplers.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KMeansTest {

    /** {@code clusters} Gaussian blobs of {@code per} points around centres at distance ~20 apart. */
    static float[][] blobs(SplittableRandom r, int clusters, int per, int d, float[] centresOut, int[] labelsOut) {
        float[][] x = new float[clusters * per][d];
        for (int c = 0; c < clusters; c++) {
            for (int t = 0; t < d; t++) centresOut[c * d + t] = (float) (r.nextDouble() * 40 - 20);
            // force separation: shift centre c along axis (c mod d)
            centresOut[c * d + (c % d)] += 60 * (c + 1);
        }
        for (int i = 0; i < x.length; i++) {
            int c = i % clusters;
            labelsOut[i] = c;
            for (int t = 0; t < d; t++) x[i][t] = (float) (centresOut[c * d + t] + r.nextGaussian() * 0.5);
        }
        return x;
    }

    static void assertRecovered(int[] labels, int[] assignments, int k, String ctx) {
        int[] map = new int[k];
        java.util.Arrays.fill(map, -1);
        for (int i = 0; i < labels.length; i++) {
            if (map[labels[i]] < 0) map[labels[i]] = assignments[i];
            assertEquals(map[labels[i]], assignments[i], ctx + " point " + i + " split from its blob");
        }
        Set<Integer> distinct = new HashSet<>();
        for (int v : map) distinct.add(v);
        assertEquals(k, distinct.size(), ctx + " two blobs merged");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 17, 123})
    void recoversWellSeparatedClusters(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int k = 5, per = 60, d = 7;
        float[] centres = new float[k * d];
        int[] labels = new int[k * per];
        float[][] x = blobs(r, k, per, d, centres, labels);
        KMeansResult res = KMeans.euclidean(k, seed).fit(x);
        assertRecovered(labels, res.assignments(), k, "seed=" + seed);
        for (int i = 0; i < x.length; i++) {
            float[] c = res.centroid(res.assignments()[i]);
            for (int t = 0; t < d; t++) assertEquals(centres[labels[i] * d + t], c[t], 0.3, "seed=" + seed + " centroid near true centre");
        }
        assertTrue(res.converged(), "seed=" + seed);
        // inertia equals Σ‖x − c‖² recomputed here, and every point sits at its nearest centroid
        double inertia = 0;
        for (int i = 0; i < x.length; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < k; j++) best = Math.min(best, sq(x[i], res.centroid(j)));
            double own = sq(x[i], res.centroid(res.assignments()[i]));
            assertEquals(best, own, 1e-6 * (1 + best), "seed=" + seed + " point " + i + " not at its nearest centroid");
            inertia += own;
        }
        assertEquals(inertia, res.inertia(), 1e-6 * inertia, "seed=" + seed);
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5, 6})
    void sphericalRecoversDirections(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int k = 4, per = 50, d = 16;
        float[][] x = new float[k * per][d];
        int[] labels = new int[k * per];
        for (int i = 0; i < x.length; i++) {
            int c = i % k;
            labels[i] = c;
            double scale = 0.5 + 5 * r.nextDouble(); // lengths vary: only directions matter
            for (int t = 0; t < d; t++) x[i][t] = (float) (scale * ((t == c ? 1 : 0) + r.nextGaussian() * 0.05));
        }
        KMeansResult res = KMeans.spherical(k, seed).fit(x);
        assertRecovered(labels, res.assignments(), k, "seed=" + seed);
        for (int j = 0; j < k; j++) {
            double norm = 0;
            for (float v : res.centroid(j)) norm += v * v;
            assertEquals(1.0, Math.sqrt(norm), 1e-5, "seed=" + seed + " centroid " + j + " not unit length");
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void deterministicForASeed(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[500 * 10];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        for (boolean spherical : new boolean[]{false, true}) {
            KMeansResult a = new KMeans(8, spherical, 50, 0, seed).fit(x, 10);
            KMeansResult b = new KMeans(8, spherical, 50, 0, seed).fit(x, 10);
            assertArrayEquals(a.centroids(), b.centroids(), "seed=" + seed);
            assertArrayEquals(a.assignments(), b.assignments(), "seed=" + seed);
            assertEquals(a.inertia(), b.inertia(), 0, "seed=" + seed);
            assertEquals(a.iterations(), b.iterations(), "seed=" + seed);
        }
    }

    /** Unstructured data (many Lloyd steps): the objective never goes up. */
    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24})
    void inertiaNonIncreasing(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 800, d = 5;
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        for (boolean spherical : new boolean[]{false, true}) {
            KMeansResult res = new KMeans(12, spherical, 100, 0, seed).fit(x, d);
            double[] h = res.inertiaHistory();
            assertTrue(h.length >= 3, "seed=" + seed + " only " + h.length + " steps");
            for (int i = 1; i < h.length; i++) {
                assertTrue(h[i] <= h[i - 1] * (1 + 1e-6), "seed=" + seed + " spherical=" + spherical + " inertia rose at step " + i + ": " + h[i - 1] + " -> " + h[i]);
            }
            assertEquals(h[h.length - 1], res.inertia(), 0, "seed=" + seed);
        }
    }

    /** A centroid far from all data gets no points; it is re-seeded from the farthest point and the blobs are found. */
    @Test
    void emptyClusterIsReseededFromFarthestPoint() {
        // two tight blobs at 0 and 10 on a line, plus one outlier at 100
        float[] x = {0f, 0.1f, -0.1f, 0.2f, 10f, 10.1f, 9.9f, 10.2f, 100f};
        float[] init = {5f, 6f, -1000f}; // cluster 2 starts empty; clusters 0 and 1 both straddle the blobs
        KMeansResult res = new KMeans(3, false, 50, 0, 1).fit(x, 1, init);
        int[] a = res.assignments();
        assertEquals(a[0], a[1]);
        assertEquals(a[0], a[3]);
        assertEquals(a[4], a[7]);
        assertTrue(a[0] != a[4] && a[4] != a[8] && a[0] != a[8], "blobs and outlier must be separate: " + java.util.Arrays.toString(a));
        assertArrayEquals(new int[]{4, 4, 1}, sortedSizes(res.clusterSizes()));
        double expected = 0;
        for (int i = 0; i < 4; i++) expected += (x[i] - 0.05) * (x[i] - 0.05) + (x[i + 4] - 10.05) * (x[i + 4] - 10.05);
        assertEquals(expected, res.inertia(), 1e-5);
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> KMeans.euclidean(0, 1));
        assertThrows(IllegalArgumentException.class, () -> KMeans.euclidean(5, 1).fit(new float[8], 2));
        assertThrows(IllegalArgumentException.class, () -> KMeans.euclidean(2, 1).fit(new float[7], 2));
        assertThrows(IllegalArgumentException.class, () -> KMeans.euclidean(2, 1).fit(new float[]{0, Float.NaN, 1, 2}, 1));
        assertThrows(IllegalArgumentException.class, () -> KMeans.euclidean(2, 1).fit(new float[4], 1, new float[3]));
        assertThrows(IllegalArgumentException.class, () -> new KMeans(2, false, 0, 1e-4, 1));
        assertThrows(IllegalArgumentException.class, () -> new KMeans(2, false, 10, -1, 1));
    }

    private static int[] sortedSizes(int[] s) {
        int[] c = s.clone();
        java.util.Arrays.sort(c);
        int[] desc = new int[c.length];
        for (int i = 0; i < c.length; i++) desc[i] = c[c.length - 1 - i];
        return desc;
    }

    private static double sq(float[] a, float[] b) {
        double s = 0;
        for (int t = 0; t < a.length; t++) s += ((double) a[t] - b[t]) * ((double) a[t] - b[t]);
        return s;
    }
}
