package io.contrast4j.samplers.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class KnnIndexTest {

    // ---- scalar double-precision reference -------------------------------------------------------------

    /** Exact score of query row qi vs corpus row id: dot, cosine (0 for a zero vector) or Euclidean distance. */
    static double refScore(Metric m, float[] q, int qi, float[] x, int id, int d) {
        double dot = 0, qq = 0, xx = 0, l2 = 0;
        for (int t = 0; t < d; t++) {
            double a = q[qi * d + t], b = x[id * d + t];
            dot += a * b;
            qq += a * a;
            xx += b * b;
            l2 += (a - b) * (a - b);
        }
        return switch (m) {
            case DOT -> dot;
            case COSINE -> qq == 0 || xx == 0 ? 0 : dot / Math.sqrt(qq * xx);
            case L2 -> Math.sqrt(l2);
        };
    }

    /** All non-excluded ids of query qi sorted best first, ties by lower id, with their scores. */
    static List<double[]> refRanking(Metric m, float[] q, int qi, float[] x, int n, int d, Set<Integer> excluded) {
        List<double[]> all = new ArrayList<>();
        for (int id = 0; id < n; id++) {
            if (!excluded.contains(id)) all.add(new double[]{id, refScore(m, q, qi, x, id, d)});
        }
        Comparator<double[]> byScore = Comparator.comparingDouble(a -> a[1]);
        if (m.higherIsBetter()) byScore = byScore.reversed();
        all.sort(byScore.thenComparingDouble(a -> a[0]));
        return all;
    }

    static float[] randomFloats(SplittableRandom r, int len) {
        float[] a = new float[len];
        for (int i = 0; i < len; i++) a[i] = (float) (r.nextDouble() * 2 - 1);
        return a;
    }

    static float[] randomSmallInts(SplittableRandom r, int len) {
        float[] a = new float[len];
        for (int i = 0; i < len; i++) a[i] = r.nextInt(-2, 3);
        return a;
    }

    static int[][] randomExclusions(SplittableRandom r, int nq, int n) {
        int[][] ex = new int[nq][];
        for (int q = 0; q < nq; q++) {
            int c = r.nextInt(0, Math.min(n, 12) + 1);
            if (r.nextInt(5) == 0) ex[q] = null;
            else {
                ex[q] = new int[c];
                for (int i = 0; i < c; i++) ex[q][i] = r.nextInt(n); // duplicates allowed
            }
        }
        return ex;
    }

    static Set<Integer> asSet(int[] a) {
        Set<Integer> s = new HashSet<>();
        if (a != null) for (int v : a) s.add(v);
        return s;
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        int[] dims = {1, 7, 16, 17, 128};
        int[][] nk = {{1, 1}, {5, 3}, {37, 5}, {100, 1}, {300, 10}, {70, 100}, {513, 40}};
        long seed = 1000;
        for (Metric m : Metric.values()) {
            for (int d : dims) {
                for (int[] c : nk) {
                    out.add(Arguments.of(m, c[0], d, c[1], seed++));
                }
            }
        }
        return out.stream();
    }

    /** Float data: each returned score is exact, and the r-th score equals the reference r-th score. */
    @ParameterizedTest(name = "{0} n={1} d={2} k={3} seed={4}")
    @MethodSource("cases")
    void matchesBruteForceReference(Metric m, int n, int d, int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = randomFloats(r, n * d);
        int nq = 1 + r.nextInt(Math.min(60, Math.max(1, n / 2) + 3));
        float[] q = randomFloats(r, nq * d);
        if (nq > 1) System.arraycopy(x, 0, q, 0, d); // a query identical to corpus row 0
        int[][] ex = seed % 2 == 0 ? randomExclusions(r, nq, n) : null;
        KnnIndex index = new KnnIndex(x, d, m);
        TopK top = index.search(q, k, ex);
        String ctx = m + " n=" + n + " d=" + d + " k=" + k + " seed=" + seed;
        assertEquals(nq, top.queries(), ctx);
        for (int qi = 0; qi < nq; qi++) {
            Set<Integer> excluded = asSet(ex == null ? null : ex[qi]);
            List<double[]> ref = refRanking(m, q, qi, x, n, d, excluded);
            int expected = Math.min(k, ref.size());
            int[] ids = top.ids()[qi];
            float[] sc = top.scores()[qi];
            assertEquals(expected, ids.length, ctx + " q=" + qi + " result length");
            Set<Integer> seen = new HashSet<>();
            for (int rank = 0; rank < ids.length; rank++) {
                String at = ctx + " q=" + qi + " rank=" + rank;
                assertTrue(ids[rank] >= 0 && ids[rank] < n, at + " id in range");
                assertTrue(seen.add(ids[rank]), at + " duplicate id " + ids[rank]);
                assertFalse(excluded.contains(ids[rank]), at + " excluded id " + ids[rank] + " returned");
                double exact = refScore(m, q, qi, x, ids[rank], d);
                double refAtRank = ref.get(rank)[1];
                double tol = 1e-4 * (1 + Math.abs(refAtRank));
                assertEquals(exact, sc[rank], 1e-5 * (1 + Math.abs(exact)), at + " returned score is the exact score");
                assertEquals(refAtRank, sc[rank], tol, at + " r-th best score");
                if (rank > 0) {
                    if (m.higherIsBetter()) assertTrue(sc[rank - 1] >= sc[rank], at + " order");
                    else assertTrue(sc[rank - 1] <= sc[rank], at + " order");
                    if (sc[rank - 1] == sc[rank]) assertTrue(ids[rank - 1] < ids[rank], at + " tie by lower id");
                }
            }
        }
    }

    /** Small-integer data: float arithmetic is exact, so ids must equal the reference, ties by lower id. */
    @ParameterizedTest(name = "{0} n={1} d={2} k={3} seed={4}")
    @MethodSource("cases")
    void exactIdsOnIntegerDataWithTies(Metric m, int n, int d, int k, long seed) {
        if (m == Metric.COSINE) return; // normalisation rounds; covered by the duplicate-row test below
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        float[] x = randomSmallInts(r, n * d);
        int nq = 1 + r.nextInt(Math.max(1, n / 3) + 2);
        float[] q = randomSmallInts(r, nq * d);
        int[][] ex = randomExclusions(r, nq, n);
        TopK top = new KnnIndex(x, d, m).search(q, k, ex);
        for (int qi = 0; qi < nq; qi++) {
            List<double[]> ref = refRanking(m, q, qi, x, n, d, asSet(ex[qi]));
            int[] want = ref.stream().limit(k).mapToInt(a -> (int) a[0]).toArray();
            assertArrayEquals(want, top.ids()[qi], m + " n=" + n + " d=" + d + " k=" + k + " seed=" + seed + " q=" + qi);
        }
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void duplicateRowsTieByLowerIndex(Metric m) {
        int d = 17;
        SplittableRandom r = new SplittableRandom(7);
        float[] v = randomFloats(r, d);
        float[] x = new float[40 * d];
        float[] other = randomFloats(r, 40 * d);
        System.arraycopy(other, 0, x, 0, x.length);
        int[] dupIds = {3, 11, 12, 30, 39};
        for (int id : dupIds) System.arraycopy(v, 0, x, id * d, d);
        TopK top = new KnnIndex(x, d, m).search(v, 5);
        assertArrayEquals(dupIds, top.ids()[0], m + " seed=7");
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void refreshEqualsFreshIndex(Metric m) {
        long seed = 42;
        SplittableRandom r = new SplittableRandom(seed);
        int n = 200, d = 33;
        float[] x1 = randomFloats(r, n * d), x2 = randomFloats(r, n * d), q = randomFloats(r, 20 * d);
        KnnIndex index = new KnnIndex(x1, d, m);
        TopK before = index.search(q, 7);
        index.refresh(x2);
        TopK after = index.search(q, 7);
        TopK fresh = new KnnIndex(x2, d, m).search(q, 7);
        for (int i = 0; i < 20; i++) {
            assertArrayEquals(fresh.ids()[i], after.ids()[i], m + " seed=" + seed + " q=" + i);
            assertArrayEquals(fresh.scores()[i], after.scores()[i], m + " seed=" + seed + " q=" + i);
        }
        assertFalse(Arrays.deepEquals(before.ids(), after.ids()), "refresh changed nothing, seed=" + seed);
        assertThrows(IllegalArgumentException.class, () -> index.refresh(new float[n * d - 1]));
    }

    @Test
    void fewerThanKWhenExclusionsLeaveFewCandidates() {
        float[] x = {0, 1, 2, 3, 4};
        KnnIndex index = new KnnIndex(x, 1, Metric.L2);
        TopK top = index.search(new float[]{0, 10}, 10, new int[][]{{0, 2, 4}, {0, 1, 2, 3, 4}});
        assertArrayEquals(new int[]{1, 3}, top.ids()[0]);
        assertArrayEquals(new float[]{1, 3}, top.scores()[0]);
        assertEquals(0, top.ids()[1].length);
        TopK all = index.search(new float[]{2.5f}, 99);
        assertArrayEquals(new int[]{2, 3, 1, 4, 0}, all.ids()[0]);
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void corpusSelfSearchExcludesSelfAndMatchesQuerySearch(Metric m) {
        long seed = 99;
        SplittableRandom r = new SplittableRandom(seed);
        int n = 150, d = 16;
        float[] x = randomFloats(r, n * d);
        KnnIndex index = new KnnIndex(x, d, m);
        TopK self = index.searchCorpus(4, ExcludeFilter.self());
        int[][] ex = new int[n][];
        for (int i = 0; i < n; i++) ex[i] = new int[]{i};
        TopK viaQueries = index.search(x, 4, ex);
        for (int i = 0; i < n; i++) {
            for (int id : self.ids()[i]) assertTrue(id != i, "self returned, seed=" + seed);
            assertArrayEquals(viaQueries.ids()[i], self.ids()[i], m + " seed=" + seed + " row " + i);
        }
    }

    /** Large enough to run on several threads: results equal the single-query (sequential) searches. */
    @ParameterizedTest
    @EnumSource(Metric.class)
    void parallelSearchIsDeterministic(Metric m) {
        long seed = 2024;
        SplittableRandom r = new SplittableRandom(seed);
        int n = 3000, d = 64, nq = 600, k = 8;
        float[] x = randomFloats(r, n * d), q = randomFloats(r, nq * d);
        KnnIndex index = new KnnIndex(x, d, m);
        TopK a = index.search(q, k);
        TopK b = index.search(q, k);
        assertTrue(Arrays.deepEquals(a.ids(), b.ids()), "two runs differ, seed=" + seed);
        for (int qi = 0; qi < nq; qi += 37) {
            TopK one = index.search(Arrays.copyOfRange(q, qi * d, (qi + 1) * d), k);
            assertArrayEquals(one.ids()[0], a.ids()[qi], m + " seed=" + seed + " q=" + qi);
            List<double[]> ref = refRanking(m, q, qi, x, n, d, Set.of());
            for (int rank = 0; rank < k; rank++) {
                assertEquals(ref.get(rank)[1], a.scores()[qi][rank], 1e-4 * (1 + Math.abs(ref.get(rank)[1])), "seed=" + seed + " q=" + qi);
            }
        }
    }

    @Test
    void predicateExclusion() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 64, d = 8;
        float[] x = randomFloats(r, n * d), q = randomFloats(r, 10 * d);
        TopK top = new KnnIndex(x, d, Metric.DOT).search(q, n, (qi, id) -> id % 2 == 0);
        for (int[] row : top.ids()) {
            assertEquals(n / 2, row.length);
            for (int id : row) assertEquals(1, id % 2, "even id returned, seed=5");
        }
    }

    @Test
    void cosineOfZeroVectorIsZero() {
        float[] x = {0, 0, 1, 0, 0, 1};
        TopK top = new KnnIndex(x, 2, Metric.COSINE).search(new float[]{1, 0}, 3);
        assertArrayEquals(new int[]{1, 0, 2}, top.ids()[0]);
        assertArrayEquals(new float[]{1, 0, 0}, top.scores()[0]);
    }

    @Test
    void floatRowsConstructorAndExactScore() {
        float[][] rows = {{1, 2}, {3, 4}, {-1, 0}};
        KnnIndex index = KnnIndex.of(rows, Metric.DOT);
        assertEquals(3, index.size());
        assertEquals(2, index.dim());
        assertEquals(1 * 3 + 1 * 4, index.score(new float[]{1, 1}, 1), 0);
        TopK top = index.search(new float[][]{{1, 1}}, 2, null);
        assertArrayEquals(new int[]{1, 0}, top.ids()[0]);
        assertArrayEquals(new float[]{7, 3}, top.scores()[0]);
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new KnnIndex(new float[5], 2, Metric.DOT));
        assertThrows(IllegalArgumentException.class, () -> new KnnIndex(new float[0], 2, Metric.DOT));
        assertThrows(IllegalArgumentException.class, () -> new KnnIndex(new float[4], 0, Metric.DOT));
        assertThrows(IllegalArgumentException.class, () -> new KnnIndex(new float[]{1, Float.NaN}, 2, Metric.DOT));
        KnnIndex index = new KnnIndex(new float[8], 2, Metric.L2);
        assertThrows(IllegalArgumentException.class, () -> index.search(new float[3], 1));
        assertThrows(IllegalArgumentException.class, () -> index.search(new float[2], 0));
        assertThrows(IllegalArgumentException.class, () -> index.search(new float[2], 1, new int[][]{{4}}));
        assertThrows(IllegalArgumentException.class, () -> index.search(new float[4], 1, new int[][]{{1}}));
        assertThrows(IllegalArgumentException.class, () -> index.search(new float[]{Float.POSITIVE_INFINITY, 0}, 1));
        assertThrows(IllegalArgumentException.class, () -> KnnIndex.of(new float[][]{{1, 2}, {3}}, Metric.DOT));
    }
}
