package io.contrast4j.samplers.miners;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.distances.CosineSimilarity;
import io.contrast4j.losses.distances.LpDistance;
import io.contrast4j.samplers.SamplerRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MinerContractTest {

    record Batch(double[][] x, int[] y, Tensor emb) {
    }

    static Batch batch(long seed, int n, int d, int classes) {
        Rng r = new Rng(seed);
        double[][] x = new double[n][d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i < 2 * classes ? i % classes : r.nextInt(classes);
            for (int k = 0; k < d; k++) x[i][k] = r.nextGaussian() + (k == y[i] % d ? 1.5 : 0);
        }
        return new Batch(x, y, Tensor.fromArray(x));
    }

    /** L2 distance of L2-normalised rows (D01 defaults), computed here from the formula. */
    static double l2n(double[] a, double[] b) {
        double na = 0, nb = 0;
        for (int k = 0; k < a.length; k++) {
            na += a[k] * a[k];
            nb += b[k] * b[k];
        }
        na = Math.sqrt(na);
        nb = Math.sqrt(nb);
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            double t = a[k] / na - b[k] / nb;
            s += t * t;
        }
        return Math.sqrt(s);
    }

    static double cos(double[] a, double[] b) {
        double na = 0, nb = 0, dot = 0;
        for (int k = 0; k < a.length; k++) {
            na += a[k] * a[k];
            nb += b[k] * b[k];
            dot += a[k] * b[k];
        }
        return dot / Math.sqrt(na * nb);
    }

    static void assertValid(IndicesTuple t, int[] y, String ctx) {
        if (t.triplets()) {
            for (int k = 0; k < t.a1().length; k++) {
                int a = t.a1()[k], p = t.p()[k], n = t.n()[k];
                assertEquals(y[a], y[p], ctx + " triplet " + k + " anchor/positive labels");
                assertTrue(a != p, ctx + " triplet " + k + " a == p");
                assertTrue(y[a] != y[n], ctx + " triplet " + k + " negative has the anchor's label");
            }
        } else {
            for (int k = 0; k < t.a1().length; k++) {
                assertEquals(y[t.a1()[k]], y[t.p()[k]], ctx + " positive pair " + k);
                assertTrue(t.a1()[k] != t.p()[k], ctx + " positive pair " + k + " is a self pair");
            }
            for (int k = 0; k < t.a2().length; k++) assertTrue(y[t.a2()[k]] != y[t.n()[k]], ctx + " negative pair " + k);
        }
    }

    static Stream<Arguments> minerSeeds() {
        List<Arguments> out = new ArrayList<>();
        for (var row : SamplerRegistry.minerRows()) {
            String id = row.spec().info().id();
            if (row.factory() == null || id.equals("S110") || id.equals("S112")) continue;
            for (long seed : new long[]{1, 2, 3}) out.add(Arguments.of(id, seed));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} seed={1}")
    @MethodSource("minerSeeds")
    void everyTupleIsValidAndMiningIsDeterministic(String id, long seed) {
        Batch b = batch(seed, 24, 5, 4);
        Params p = id.equals("S109") ? Params.of(Map.of("num_bins", "5", "pos_per_bin", "3", "neg_per_bin", "3")) : Params.empty();
        IndicesTuple t = SamplerRegistry.miner(id, p).mine(b.emb, b.y);
        assertValid(t, b.y, id + " seed=" + seed);
        IndicesTuple again = SamplerRegistry.miner(id, p).mine(b.emb, b.y);
        assertArrayEquals(t.a1(), again.a1(), id + " seed=" + seed);
        assertArrayEquals(t.p(), again.p(), id + " seed=" + seed);
        assertArrayEquals(t.n(), again.n(), id + " seed=" + seed);
        // with a separate reference set: anchors index the batch, p/n the reference set
        Batch ref = batch(seed + 100, 10, 5, 4);
        IndicesTuple tr = SamplerRegistry.miner(id, p).mine(b.emb, b.y, ref.emb, ref.y);
        for (int k = 0; k < tr.a1().length; k++) assertEquals(b.y[tr.a1()[k]], ref.y[tr.p()[k]], id + " seed=" + seed + " ref positive");
        for (int k = 0; k < tr.a2().length; k++) assertTrue(b.y[tr.a2()[k]] != ref.y[tr.n()[k]], id + " seed=" + seed + " ref negative");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void batchHardPicksTheHardestByBruteForce(long seed) {
        Batch b = batch(seed, 16, 4, 3);
        IndicesTuple t = SamplerRegistry.miner("BatchHardMiner", Params.empty()).mine(b.emb, b.y);
        assertTrue(t.triplets(), "seed=" + seed);
        assertEquals(16, t.a1().length, "seed=" + seed + " every anchor has a positive and a negative");
        for (int k = 0; k < t.a1().length; k++) {
            int a = t.a1()[k];
            double maxPos = -1, minNeg = 1e9;
            for (int j = 0; j < 16; j++) {
                double d = l2n(b.x[a], b.x[j]);
                if (j != a && b.y[j] == b.y[a]) maxPos = Math.max(maxPos, d);
                if (b.y[j] != b.y[a]) minNeg = Math.min(minNeg, d);
            }
            assertEquals(maxPos, l2n(b.x[a], b.x[t.p()[k]]), 1e-5, "seed=" + seed + " hardest positive of " + a);
            assertEquals(minNeg, l2n(b.x[a], b.x[t.n()[k]]), 1e-5, "seed=" + seed + " hardest negative of " + a);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {6, 7, 8})
    void easyPositiveSemihardNegativeIsFartherThanThePositive(long seed) {
        Batch b = batch(seed, 16, 4, 3);
        IndicesTuple t = SamplerRegistry.miner("S102", Params.empty()).mine(b.emb, b.y);
        for (int k = 0; k < t.a1().length; k++) {
            int a = t.a1()[k];
            double ap = l2n(b.x[a], b.x[t.p()[k]]), an = l2n(b.x[a], b.x[t.n()[k]]);
            double minPos = 1e9, best = 1e9;
            for (int j = 0; j < 16; j++) if (j != a && b.y[j] == b.y[a]) minPos = Math.min(minPos, l2n(b.x[a], b.x[j]));
            for (int j = 0; j < 16; j++) {
                double d = l2n(b.x[a], b.x[j]);
                if (b.y[j] != b.y[a] && d > minPos + 1e-6) best = Math.min(best, d);
            }
            assertEquals(minPos, ap, 1e-5, "seed=" + seed + " easy positive of " + a);
            assertTrue(an > ap, "seed=" + seed + " semihard negative not farther");
            assertEquals(best, an, 1e-5, "seed=" + seed + " closest negative beyond the positive");
        }
        assertThrows(IllegalArgumentException.class, () -> SamplerRegistry.miner("S102", Params.of(Map.of("pos_strategy", "semihard", "neg_strategy", "semihard"))));
        assertThrows(IllegalArgumentException.class, () -> SamplerRegistry.miner("S102", Params.of(Map.of("pos_strategy", "all", "neg_strategy", "semihard"))));
    }

    @ParameterizedTest
    @ValueSource(longs = {9, 10, 11})
    void tripletMarginSemihardSatisfiesTheWindowAndIsComplete(long seed) {
        Batch b = batch(seed, 14, 4, 3);
        double m = 0.3;
        IndicesTuple t = new TripletMarginMiner(m, TripletMarginMiner.Type.SEMIHARD, new LpDistance()).mine(b.emb, b.y);
        Set<String> got = new HashSet<>();
        for (int k = 0; k < t.a1().length; k++) {
            double ap = l2n(b.x[t.a1()[k]], b.x[t.p()[k]]), an = l2n(b.x[t.a1()[k]], b.x[t.n()[k]]);
            assertTrue(ap < an && an <= ap + m + 1e-9, "seed=" + seed + " d_ap=" + ap + " d_an=" + an);
            got.add(t.a1()[k] + "," + t.p()[k] + "," + t.n()[k]);
        }
        int expected = 0;
        for (int a = 0; a < 14; a++) for (int p = 0; p < 14; p++) {
            if (p == a || b.y[p] != b.y[a]) continue;
            for (int n = 0; n < 14; n++) {
                if (b.y[n] == b.y[a]) continue;
                double mu = l2n(b.x[a], b.x[n]) - l2n(b.x[a], b.x[p]);
                if (mu > 1e-6 && mu <= m - 1e-6) {
                    expected++;
                    assertTrue(got.contains(a + "," + p + "," + n), "seed=" + seed + " missing semihard triplet");
                }
            }
        }
        assertTrue(t.a1().length >= expected, "seed=" + seed);
        IndicesTuple easy = new TripletMarginMiner(m, TripletMarginMiner.Type.EASY, new LpDistance()).mine(b.emb, b.y);
        IndicesTuple all = new TripletMarginMiner(m, TripletMarginMiner.Type.ALL, new LpDistance()).mine(b.emb, b.y);
        assertEquals(IndicesTuple.allTriplets(b.y, b.y, true).size(), easy.size() + all.size(), "seed=" + seed + " easy + all = every triplet");
    }

    @ParameterizedTest
    @ValueSource(longs = {12, 13, 14})
    void semiHardPerPositivePairFollowsTfSemantics(long seed) {
        Batch b = batch(seed, 12, 3, 3);
        IndicesTuple t = SamplerRegistry.miner("S103", Params.empty()).mine(b.emb, b.y);
        assertEquals(IndicesTuple.allPairs(b.y, b.y, true).a1().length, t.a1().length, "seed=" + seed + " one triplet per positive pair");
        for (int k = 0; k < t.a1().length; k++) {
            int a = t.a1()[k];
            double ap = raw(b.x[a], b.x[t.p()[k]]), an = raw(b.x[a], b.x[t.n()[k]]);
            double outside = Double.POSITIVE_INFINITY, far = -1;
            for (int j = 0; j < 12; j++) {
                if (b.y[j] == b.y[a]) continue;
                double d = raw(b.x[a], b.x[j]);
                far = Math.max(far, d);
                if (d > ap) outside = Math.min(outside, d);
            }
            assertEquals(Double.isInfinite(outside) ? far : outside, an, 1e-5, "seed=" + seed + " anchor " + a);
        }
    }

    static double raw(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) s += (a[k] - b[k]) * (a[k] - b[k]);
        return Math.sqrt(s);
    }

    @ParameterizedTest
    @ValueSource(longs = {15, 16, 17})
    void multiSimilarityConditionsHoldExactly(long seed) {
        Batch b = batch(seed, 16, 4, 4);
        double eps = 0.1;
        IndicesTuple t = new MultiSimilarityMiner(eps, new CosineSimilarity()).mine(b.emb, b.y);
        Set<String> pos = new HashSet<>(), neg = new HashSet<>();
        for (int k = 0; k < t.a1().length; k++) pos.add(t.a1()[k] + "," + t.p()[k]);
        for (int k = 0; k < t.a2().length; k++) neg.add(t.a2()[k] + "," + t.n()[k]);
        for (int a = 0; a < 16; a++) {
            double minPos = Double.POSITIVE_INFINITY, maxNeg = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < 16; j++) {
                if (j == a) continue;
                double s = cos(b.x[a], b.x[j]);
                if (b.y[j] == b.y[a]) minPos = Math.min(minPos, s);
                else maxNeg = Math.max(maxNeg, s);
            }
            for (int j = 0; j < 16; j++) {
                if (j == a) continue;
                double s = cos(b.x[a], b.x[j]);
                if (b.y[j] == b.y[a]) {
                    if (Math.abs(s - eps - maxNeg) > 1e-6) assertEquals(s - eps < maxNeg, pos.contains(a + "," + j), "seed=" + seed + " positive " + a + "," + j);
                } else if (Math.abs(s + eps - minPos) > 1e-6) {
                    assertEquals(s + eps > minPos, neg.contains(a + "," + j), "seed=" + seed + " negative " + a + "," + j);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {18, 19})
    void pairMarginAndHdcKeepTheRightPairs(long seed) {
        Batch b = batch(seed, 14, 4, 3);
        IndicesTuple t = new PairMarginMiner(0.5, 0.9, new LpDistance()).mine(b.emb, b.y);
        for (int k = 0; k < t.a1().length; k++) assertTrue(l2n(b.x[t.a1()[k]], b.x[t.p()[k]]) > 0.5 - 1e-6, "seed=" + seed);
        for (int k = 0; k < t.a2().length; k++) assertTrue(l2n(b.x[t.a2()[k]], b.x[t.n()[k]]) < 0.9 + 1e-6, "seed=" + seed);
        IndicesTuple all = IndicesTuple.allPairs(b.y, b.y, true);
        IndicesTuple h = new HdcMiner(0.3, new LpDistance()).mine(b.emb, b.y);
        assertEquals((int) Math.ceil(0.3 * all.a1().length), h.a1().length, "seed=" + seed);
        assertEquals((int) Math.ceil(0.3 * all.a2().length), h.a2().length, "seed=" + seed);
        double minKeptPos = 1e9;
        for (int k = 0; k < h.a1().length; k++) minKeptPos = Math.min(minKeptPos, l2n(b.x[h.a1()[k]], b.x[h.p()[k]]));
        Set<String> kept = new HashSet<>();
        for (int k = 0; k < h.a1().length; k++) kept.add(h.a1()[k] + "," + h.p()[k]);
        for (int k = 0; k < all.a1().length; k++) {
            if (!kept.contains(all.a1()[k] + "," + all.p()[k])) {
                assertTrue(l2n(b.x[all.a1()[k]], b.x[all.p()[k]]) <= minKeptPos + 1e-6, "seed=" + seed + " dropped a harder positive");
            }
        }
        IndicesTuple cascade = new HdcMiner(0.5, new LpDistance()).filter(b.emb, b.y, null, null, h);
        assertEquals((int) Math.ceil(0.5 * h.a1().length), cascade.a1().length, "seed=" + seed);
    }

    @ParameterizedTest
    @ValueSource(longs = {20, 21})
    void distanceWeightedAndHistogramAreSeeded(long seed) {
        Batch b = batch(seed, 20, 6, 4);
        IndicesTuple t1 = new DistanceWeightedMiner(0.5, 1.4, new Rng(seed)).mine(b.emb, b.y);
        IndicesTuple t2 = new DistanceWeightedMiner(0.5, 1.4, new Rng(seed)).mine(b.emb, b.y);
        assertArrayEquals(t1.n(), t2.n(), "seed=" + seed);
        for (int k = 0; k < t1.n().length; k++) assertTrue(l2n(b.x[t1.a1()[k]], b.x[t1.n()[k]]) < 1.4, "seed=" + seed + " weight-0 negative drawn");
        DistanceWeightedMiner w = new DistanceWeightedMiner();
        // log w formula at d = 0.8, D = 6, written out: (2-6) ln 0.8 - 1.5 ln(1 - 0.16)
        assertEquals(-4 * Math.log(0.8) - 1.5 * Math.log(0.84), w.logWeight(0.8, 6), 1e-12);
        assertEquals(w.logWeight(0.5, 6), w.logWeight(0.1, 6), 1e-12, "clamped at cutoff");
        assertEquals(Double.NEGATIVE_INFINITY, w.logWeight(1.5, 6));
        UniformHistogramMiner u = new UniformHistogramMiner(4, 2, 3, new LpDistance(), new Rng(seed));
        IndicesTuple h = u.mine(b.emb, b.y);
        assertTrue(h.a1().length % 2 == 0 && h.a1().length <= 8 && h.a1().length >= 2, "seed=" + seed);
        assertTrue(h.a2().length % 3 == 0 && h.a2().length <= 12 && h.a2().length >= 6, "seed=" + seed);
        assertEquals(3, u.binOf(1.0, 0, 1.0), "last bin closed");
        assertEquals(1, u.binOf(0.25, 0, 1.0));
    }

    @ParameterizedTest
    @ValueSource(longs = {22, 23})
    void angularMinerMatchesTheAngleFormula(long seed) {
        Batch b = batch(seed, 10, 3, 3);
        double alpha = 25;
        IndicesTuple t = new AngularMiner(alpha, new LpDistance()).mine(b.emb, b.y);
        Set<String> got = new HashSet<>();
        for (int k = 0; k < t.a1().length; k++) got.add(t.a1()[k] + "," + t.p()[k] + "," + t.n()[k]);
        IndicesTuple all = IndicesTuple.allTriplets(b.y, b.y, true);
        for (int k = 0; k < all.a1().length; k++) {
            double[] a = b.x[all.a1()[k]], p = b.x[all.p()[k]], n = b.x[all.n()[k]];
            double[] c = new double[a.length];
            for (int i = 0; i < a.length; i++) c[i] = (a[i] + p[i]) / 2;
            double angle = Math.toDegrees(Math.atan(l2n(a, p) / (2 * l2n(n, c))));
            if (Math.abs(angle - alpha) > 1e-4) {
                assertEquals(angle > alpha, got.contains(all.a1()[k] + "," + all.p()[k] + "," + all.n()[k]), "seed=" + seed + " triplet " + k);
            }
        }
    }

    @Test
    void packagedTripletsAndWeights() {
        Tensor e = Tensor.randn(DType.F32, new Rng(1), 6, 2);
        IndicesTuple t = SamplerRegistry.miner("S110", Params.empty()).mine(e, new int[6]);
        assertArrayEquals(new int[]{0, 3}, t.a1());
        assertArrayEquals(new int[]{1, 4}, t.p());
        assertArrayEquals(new int[]{2, 5}, t.n());
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> new EmbeddingsAlreadyPackagedAsTriplets().mine(Tensor.randn(DType.F32, new Rng(1), 5, 2), new int[5]));
        assertTrue(ex.getMessage().contains("not a multiple of 3"));
        // appearances over a, p, n: 0 -> 3 (twice as anchor, once as negative), 1, 2, 3 -> 1 each (max 3); 4 never
        IndicesTuple tr = IndicesTuple.triplets(new int[]{0, 0}, new int[]{1, 3}, new int[]{2, 0});
        assertArrayEquals(new float[]{1f, 1f / 3, 1f / 3, 1f / 3, 0f}, TupleConversions.convertToWeights(tr, 5));
        tr = IndicesTuple.triplets(new int[]{0}, new int[]{1}, new int[]{2});
        assertArrayEquals(new float[]{1, 1, 1, 0}, TupleConversions.convertToWeights(tr, 4));
        assertArrayEquals(new float[]{1, 1, 1}, TupleConversions.convertToWeights(IndicesTuple.triplets(new int[0], new int[0], new int[0]), 3));
        IndicesTuple r = TupleConversions.randomTriplets(new int[]{0, 0, 1, 1, 2}, new int[]{0, 0, 1, 1, 2}, true, 5, new Rng(3));
        assertEquals(20, r.a1().length, "sample 4 has no positive");
        assertValid(r, new int[]{0, 0, 1, 1, 2}, "randomTriplets");
    }

    @Test
    void registryErrorsAndInputChecks() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SamplerRegistry.miner("S199", Params.empty()));
        assertTrue(e.getMessage().contains("c4j list miners"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SamplerRegistry.miner("S104", Params.of(Map.of("eps", "0.2"))));
        assertTrue(e.getMessage().contains("unknown parameter 'eps'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SamplerRegistry.miner("S111", Params.empty()));
        assertTrue(e.getMessage().contains("crossBatchMemory"), e.getMessage());
        Tensor emb = Tensor.randn(DType.F32, new Rng(2), 4, 3);
        e = assertThrows(IllegalArgumentException.class, () -> SamplerRegistry.miner("S104", Params.empty()).mine(emb, new int[3]));
        assertEquals("S104: 4 embeddings but 3 labels", e.getMessage());
        assertEquals("S104", SamplerRegistry.miner("MultiSimilarityMiner", Params.empty()).info().id());
        assertEquals(13, SamplerRegistry.miners().size(), "S100-S112");
        assertEquals(SamplerRegistry.batchSamplers().size() + 13 + io.contrast4j.samplers.corpus.CorpusComponents.entries().size()
                + io.contrast4j.samplers.mixing.Mixers.entries().size() + io.contrast4j.samplers.weighting.Weighters.entries().size(),
                SamplerRegistry.all().size());
    }

    @ParameterizedTest
    @ValueSource(longs = {30, 31})
    void groupConstrainedKeepsTuplesInsideGroups(long seed) {
        Batch b = batch(seed, 24, 4, 3);
        int[] groups = new int[24];
        for (int i = 0; i < 24; i++) groups[i] = (i / 2) % 3;
        GroupConstrainedMiner same = (GroupConstrainedMiner) SamplerRegistry.miner("S112", Params.empty());
        IndicesTuple t = same.mine(b.emb, b.y, groups);
        assertTrue(t.a1().length > 0, "seed=" + seed);
        assertValid(t, b.y, "seed=" + seed);
        for (int k = 0; k < t.a1().length; k++) {
            assertEquals(groups[t.a1()[k]], groups[t.p()[k]], "seed=" + seed);
            assertEquals(groups[t.a1()[k]], groups[t.n()[k]], "seed=" + seed);
        }
        GroupConstrainedMiner cross = (GroupConstrainedMiner) SamplerRegistry.miner("S112", Params.of(Map.of("mode", "cross_group_negatives", "inner", "S105")));
        IndicesTuple c = cross.mine(b.emb, b.y, groups);
        for (int k = 0; k < c.a2().length; k++) assertTrue(groups[c.a2()[k]] != groups[c.n()[k]], "seed=" + seed);
        assertThrows(IllegalArgumentException.class, () -> same.mine(b.emb, b.y));
    }
}
