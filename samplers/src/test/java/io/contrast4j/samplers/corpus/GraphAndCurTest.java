package io.contrast4j.samplers.corpus;

import io.contrast4j.autograd.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** S214 LEMON cluster corruption, S215 citation negatives, S219 ANNCUR. */
class GraphAndCurTest {

    @Test
    void lemonCorruptsWithinClusterOrUniformly() {
        // clusters {0,1,2} and {3,4}; cluster_ratio 1, head_prob 0 -> tail replaced by another member of its cluster
        LemonCorruptor l = new LemonCorruptor(new int[]{0, 0, 0, 1, 1}, 1.0, 0.0, 7);
        LemonCorruptor.Corrupted c = l.corrupt(new int[][]{{0, 0, 3}, {3, 1, 1}}, 5, null);
        assertEquals(10, c.triples().length);
        for (int i = 0; i < 10; i++) {
            int[] t = c.triples()[i];
            if (c.source()[i] == 0) {
                assertArrayEquals(new int[]{0, 0, 4}, t, "only 4 shares tail 3's cluster");
            } else {
                assertEquals(3, t[0]);
                assertTrue(t[2] == 0 || t[2] == 2, "tail 1 -> 0 or 2, got " + t[2]);
            }
        }
        // known triple (0,0,4) forbids the only cluster mate: falls back to a uniform entity that makes an unknown triple
        LemonCorruptor.Corrupted f = l.corrupt(new int[][]{{0, 0, 3}}, 3, LemonCorruptor.keys(new int[][]{{0, 0, 4}, {0, 0, 3}}));
        for (int[] t : f.triples()) assertTrue(t[2] != 3 && t[2] != 4, Arrays.toString(t));
        // head_prob 1 -> the head is replaced
        for (int[] t : new LemonCorruptor(new int[]{0, 0, 0, 1, 1}, 1.0, 1.0, 7).corrupt(new int[][]{{3, 2, 0}}, 4, null).triples()) {
            assertArrayEquals(new int[]{4, 2, 0}, t);
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LemonCorruptor(new int[]{0, 1}, 1.5, 0.5, 0)).getMessage().contains("cluster_ratio"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> l.corrupt(new int[][]{{0, 0}}, 1, null)).getMessage().contains("triples[0]"));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void lemonNeverReturnsKnownTriplesAndIsSeedDeterministic(long seed) {
        Rng rng = new Rng(seed);
        float[][] emb = new float[40][3];
        for (int i = 0; i < 40; i++) {
            int c = i % 4;
            for (int d = 0; d < 3; d++) emb[i][d] = (d == c % 3 ? 5f : 0f) + (c == 3 ? -5f : 0f) + 0.1f * (float) rng.nextGaussian();
        }
        int[][] triples = new int[60][];
        for (int i = 0; i < 60; i++) triples[i] = new int[]{rng.nextInt(40), rng.nextInt(3), rng.nextInt(40)};
        Set<Long> known = LemonCorruptor.keys(triples);
        LemonCorruptor l = new LemonCorruptor(emb, 4, 0.7, 0.5, seed);
        LemonCorruptor.Corrupted a = l.corrupt(triples, 4, known);
        LemonCorruptor.Corrupted b = new LemonCorruptor(emb, 4, 0.7, 0.5, seed).corrupt(triples, 4, known);
        assertArrayEquals(a.triples(), b.triples(), "seed " + seed);
        assertEquals(240, a.triples().length, "seed " + seed);
        int inCluster = 0;
        for (int i = 0; i < a.triples().length; i++) {
            int[] t = a.triples()[i], s = triples[a.source()[i]];
            assertFalse(known.contains(LemonCorruptor.key(t[0], t[1], t[2])), "seed " + seed + " known triple returned");
            assertEquals(s[1], t[1], "seed " + seed);
            boolean headChanged = t[0] != s[0], tailChanged = t[2] != s[2];
            assertTrue(headChanged ^ tailChanged, "seed " + seed + " exactly one side changes");
            if (headChanged ? l.clusterOf(t[0]) == l.clusterOf(s[0]) : l.clusterOf(t[2]) == l.clusterOf(s[2])) inCluster++;
        }
        // cluster_ratio 0.7 plus uniform draws landing in the same cluster (~1/4 of 0.3): far above uniform's ~1/4
        assertTrue(inCluster > 240 * 0.6, "seed " + seed + " in-cluster " + inCluster);
    }

    @Test
    void citationNegativesHandComputed() {
        // doc 0 cites 1, 2; doc 3 cites 0 (undirected: neighbour of 0); query scores below
        CitationNegatives cn = new CitationNegatives(new int[][]{{1, 2}, {}, {}, {0}, {}, {}});
        assertArrayEquals(new int[]{1, 2, 3}, cn.neighbours(0));
        MatrixSource src = new MatrixSource(new double[][]{{0.9, 0.2, 0.5, 0.4, 0.8, 0.7}});
        MinedNegatives s201 = new MinedNegatives(new int[][]{{4, 2, 5}}, new double[][]{{0.8, 0.5, 0.7}}, new double[]{0.9},
                new MiningStats(1, 3, java.util.Map.of(), 0));
        // k = 4, fraction 0.5 -> 2 citation negatives by score: 2 (0.5), 3 (0.4); then S201: 4, (2 dup), 5
        MinedNegatives m = cn.mine(src, new int[]{0}, null, s201, 4);
        assertArrayEquals(new int[]{2, 3, 4, 5}, m.ids()[0]);
        assertArrayEquals(new double[]{0.5, 0.4, 0.8, 0.7}, m.scores()[0], 1e-12);
        // excluding 2: citations 3 (0.4), 1 (0.2)
        assertArrayEquals(new int[]{3, 1, 4, 5}, cn.mine(src, new int[]{0}, new int[][]{{2}}, s201, 4).ids()[0]);
        // directed, all from links by score: 2 (0.5), 1 (0.2); 3 is not a neighbour
        assertArrayEquals(new int[]{2, 1}, new CitationNegatives(new int[][]{{1, 2}, {}, {}, {0}, {}, {}}, false, 1.0).mine(src, new int[]{0}, null, null, 3).ids()[0]);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CitationNegatives(new int[][]{{7}})).getMessage().contains("links[0]"));
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 6, 7})
    void citationNegativesNeverReturnExcludedOrPositive(long seed) {
        Rng rng = new Rng(seed);
        int n = 30;
        int[][] links = new int[n][];
        for (int d = 0; d < n; d++) links[d] = new int[]{rng.nextInt(n), rng.nextInt(n), rng.nextInt(n)};
        MatrixSource src = MatrixSource.random(rng, 10, n);
        int[] pos = new int[10];
        int[][] ex = new int[10][];
        for (int q = 0; q < 10; q++) {
            pos[q] = rng.nextInt(n);
            ex[q] = new int[]{rng.nextInt(n), rng.nextInt(n)};
        }
        MinedNegatives base = new HardNegativeMiner(5, 0, 15, List.of(), NegativeSelector.RANDOM, seed).mine(src, pos, ex);
        CitationNegatives cn = new CitationNegatives(links, true, 0.6);
        MinedNegatives m = cn.mine(src, pos, ex, base, 5);
        assertArrayEquals(m.ids(), cn.mine(src, pos, ex, base, 5).ids(), "seed " + seed);
        for (int q = 0; q < 10; q++) {
            assertEquals(5, m.ids()[q].length, "seed " + seed);
            assertEquals(5, Arrays.stream(m.ids()[q]).distinct().count(), "seed " + seed);
            int fromLinks = 0;
            int[] nb = cn.neighbours(pos[q]);
            for (int id : m.ids()[q]) {
                assertNotEquals(pos[q], id, "seed " + seed);
                for (int e : ex[q]) assertNotEquals(e, id, "seed " + seed + " excluded id returned");
                if (Arrays.binarySearch(nb, id) >= 0) fromLinks++;
            }
            int p0 = pos[q], e0 = ex[q][0], e1 = ex[q][1];
            long eligible = Arrays.stream(nb).filter(d -> d != p0 && d != e0 && d != e1).count();
            assertTrue(fromLinks >= Math.min(3, eligible), "seed " + seed + " citation quota round(0.6·5) = 3");
        }
    }

    @Test
    void annCurRecoversALowRankScoreMatrixExactly() {
        // R = [[1,2,3],[2,4,7]], anchors items {0,2}: U = [[1,3],[2,7]], inv(U) = [[7,-3],[-2,1]]
        // query CE row = R0 + R1 = [3,6,10]: c = [3,10], c·inv(U) = [1,1], ŝ = [1,1]·R = [3,6,10]
        double[][] r = {{1, 2, 3}, {2, 4, 7}};
        double[] ce = {3, 6, 10};
        AnnCurSource a = new AnnCurSource(r, new int[]{0, 2}, (q, d) -> ce[d], 1, 1, 1e-12);
        assertArrayEquals(new double[]{3, 6, 10}, a.approximate(0), 1e-9);
        double[][] p = AnnCurSource.pinv(new double[][]{{1, 3}, {2, 7}}, 1e-12);
        assertArrayEquals(new double[]{7, -3}, p[0], 1e-9);
        assertArrayEquals(new double[]{-2, 1}, p[1], 1e-9);
        CandidateSource.Ranked top = a.candidates(2, new int[][]{{2}});
        assertArrayEquals(new int[]{1, 0}, top.ids()[0]);
        assertArrayEquals(new double[]{6, 3}, top.scores()[0], 1e-12);
        // rank-deficient U: pinv of [[1,2],[2,4]] = A/25
        double[][] d = AnnCurSource.pinv(new double[][]{{1, 2}, {2, 4}}, 1e-12);
        assertArrayEquals(new double[]{1 / 25.0, 2 / 25.0}, d[0], 1e-9);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AnnCurSource(r, new int[]{0, 0}, (q, x) -> 0, 1)).getMessage().contains("repeated"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AnnCurSource(r, new int[]{0}, (q, x) -> 0, 1, 0, 1e-12)).getMessage().contains("rerank"));
    }

    @ParameterizedTest
    @ValueSource(longs = {8, 9, 10})
    void annCurOnRankThreeScoresMatchesExactSearch(long seed) {
        Rng rng = new Rng(seed);
        int n = 50, rank = 3, kq = 6, nq = 5;
        double[][] items = new double[n][rank], anchors = new double[kq][rank], queries = new double[nq][rank];
        for (double[][] m : new double[][][]{items, anchors, queries}) for (double[] row : m) for (int j = 0; j < rank; j++) row[j] = rng.nextGaussian();
        double[][] r = new double[kq][n];
        for (int a = 0; a < kq; a++) for (int i = 0; i < n; i++) r[a][i] = dot(anchors[a], items[i]);
        PairScorer ce = (q, d) -> dot(queries[q], items[d]);
        int[] anchorItems = AnnCurSource.randomAnchors(n, 8, seed);
        assertArrayEquals(anchorItems, AnnCurSource.randomAnchors(n, 8, seed), "seed " + seed);
        AnnCurSource a = new AnnCurSource(r, anchorItems, ce, nq, 5, 1e-12);
        int[][] ex = new int[nq][];
        for (int q = 0; q < nq; q++) ex[q] = new int[]{rng.nextInt(n)};
        CandidateSource.Ranked got = a.candidates(5, ex);
        CandidateSource.Ranked exact = new MatrixSource(exactMatrix(queries, items)).candidates(5, ex);
        for (int q = 0; q < nq; q++) {
            double[] approx = a.approximate(q);
            for (int i = 0; i < n; i++) assertEquals(ce.score(q, i), approx[i], 1e-6, "seed " + seed + " rank-3 matrix must be recovered");
            assertArrayEquals(exact.ids()[q], got.ids()[q], "seed " + seed);
            for (int id : got.ids()[q]) assertNotEquals(ex[q][0], id, "seed " + seed);
        }
    }

    private static double[][] exactMatrix(double[][] q, double[][] items) {
        double[][] s = new double[q.length][items.length];
        for (int i = 0; i < q.length; i++) for (int j = 0; j < items.length; j++) s[i][j] = dot(q[i], items[j]);
        return s;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
