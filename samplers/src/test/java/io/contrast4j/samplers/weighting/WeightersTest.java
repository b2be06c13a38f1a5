package io.contrast4j.samplers.weighting;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Params;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class WeightersTest {
    static final double E = Math.E;

    @Test
    void lossReweighterHandComputed() {
        double[] l = {1, 2, 3};
        // ℓ̃ = (2ℓ − 4)/2 = (−1, 0, 1)
        assertArrayEquals(new double[]{1 / (1 + 2 * E), E / (1 + 2 * E), E / (1 + 2 * E)}, new LossReweighter().weights(l), 1e-12);
        assertArrayEquals(new double[]{1 / (2 + E), E / (2 + E), 1 / (2 + E)},
                new LossReweighter(LossReweighter.Strategy.QUADRATIC, 1, 1).weights(l), 1e-12);
        assertArrayEquals(new double[]{E / (1 + 2 * E), 1 / (1 + 2 * E), E / (1 + 2 * E)},
                new LossReweighter(LossReweighter.Strategy.EXTREMES, 1, 1).weights(l), 1e-12);
        double h = Math.exp(0.5);
        assertArrayEquals(new double[]{1 / (1 + 2 * h), h / (1 + 2 * h), h / (1 + 2 * h)},
                new LossReweighter(LossReweighter.Strategy.LINUPPER, 2, 1).weights(l), 1e-12);
        double z = Math.exp(-1) + Math.exp(-2) + Math.exp(-3);
        assertArrayEquals(new double[]{Math.exp(-1) / z, Math.exp(-2) / z, Math.exp(-3) / z},
                new LossReweighter(LossReweighter.Strategy.LOREUN, 1, 1).weights(l), 1e-12);
        assertArrayEquals(new double[]{1 / 3.0, 1 / 3.0, 1 / 3.0}, new LossReweighter().weights(new double[]{2, 2, 2}), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void linUpperWeightsSumToOneAndNeverDecreaseWithLoss(long seed) {
        Rng rng = new Rng(seed);
        double[] l = new double[16];
        for (int i = 0; i < l.length; i++) l[i] = 5 * rng.nextDouble();
        double[] w = new LossReweighter().weights(l);
        assertEquals(1.0, Arrays.stream(w).sum(), 1e-12, "seed " + seed);
        for (int i = 0; i < l.length; i++) for (int j = 0; j < l.length; j++) {
            if (l[i] < l[j]) assertTrue(w[i] <= w[j] + 1e-15, "seed " + seed);
        }
        Tensor lt = Tensor.of(l, l.length).to(DType.F32).requiresGrad(true);
        Tensor wt = new LossReweighter().weights(lt);
        assertFalse(wt.requiresGrad(), "seed " + seed + ": weights must be stop-gradient");
        assertEquals(DType.F32, wt.dtype());
    }

    @Test
    void curriculumHandComputed() {
        DifficultyCurriculum c = new DifficultyCurriculum(4);
        assertArrayEquals(new double[]{0.2, 1.0}, c.weights(new double[]{0.2, 1.0}, 0), 1e-12);
        assertArrayEquals(new double[]{0.2 + 0.5 * 0.8, 1.0}, c.weights(new double[]{0.2, 1.0}, 2), 1e-12);
        assertArrayEquals(new double[]{1, 1}, c.weights(new double[]{0.2, 1.0}, 4), 1e-12);
        assertEquals(0.25, DifficultyCurriculum.easeFromRank(4, true), 1e-12);
        assertEquals(0.75, DifficultyCurriculum.easeFromRank(4, false), 1e-12);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.weights(new double[]{1.5}, 0)).getMessage().contains("ease[0]"));
    }

    @Test
    void el2nGrandAndPruneHandComputed() {
        double[][][] logits = {{{0, 0}, {Math.log(3), 0}}, {{0, 0}, {0, 0}}};
        double[] s = DataDietScores.el2n(logits, new int[]{0, 0});
        // sample 0: p = (.5,.5) both runs -> sqrt(.5); sample 1: run 1 p = (.75,.25) -> sqrt(2·.25²), run 2 sqrt(.5)
        assertEquals(Math.sqrt(0.5), s[0], 1e-12);
        assertEquals((Math.sqrt(2 * 0.0625) + Math.sqrt(0.5)) / 2, s[1], 1e-12);
        assertArrayEquals(new double[]{2, 3}, DataDietScores.grand(new double[][]{{1, 2}, {3, 4}}), 1e-12);
        assertArrayEquals(new int[]{2, 3}, DataDietScores.prune(new double[]{0.1, 0.9, 0.5, 0.7, 0.3}, 0.4, 0.2));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DataDietScores.prune(new double[]{1}, 0, 0)).getMessage().contains("keep"));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8})
    void gmmFlagsPlantedNoisyPairs(long seed) {
        Rng rng = new Rng(seed);
        int n = 60;
        double[] a = new double[n], b = new double[n];
        Set<Integer> noisy = new HashSet<>();
        for (int i = 0; i < n; i++) {
            boolean bad = i % 6 == 0;
            if (bad) noisy.add(i);
            a[i] = (bad ? 3.0 : 0.3) + 0.1 * rng.nextGaussian();
            b[i] = (bad ? 2.5 : 0.2) + 0.1 * rng.nextGaussian();
        }
        LossGmmDivision g = new LossGmmDivision();
        boolean[] clean = g.clean(a);
        for (int i = 0; i < n; i++) assertEquals(!noisy.contains(i), clean[i], "seed " + seed + " pair " + i);
        double[] w = g.weights(a, b, new Rng(seed));
        for (int i = 0; i < n; i++) assertEquals(noisy.contains(i) ? 0.0 : 1.0, w[i], "seed " + seed);
        // disagreement -> 0/1 drawn from the seed, reproducibly
        double[] c = a.clone();
        c[1] = 3.0;
        double[] w1 = g.weights(a, c, new Rng(seed)), w2 = g.weights(a, c, new Rng(seed));
        assertArrayEquals(w1, w2, "seed " + seed);
        assertTrue(w1[1] == 0 || w1[1] == 1);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void rs2WithoutReplacementCoversEverythingBeforeRepeating(long seed) {
        RepeatedRandomSubsets r = new RepeatedRandomSubsets(10, 0.3, false, seed);
        Set<Integer> seen = new HashSet<>();
        for (int e = 0; e < 3; e++) for (int i : r.epoch(e)) assertTrue(seen.add(i), "seed " + seed + " repeat before the walk ends");
        int[] e3 = r.epoch(3);
        assertEquals(3, Arrays.stream(e3).distinct().count(), "seed " + seed);
        RepeatedRandomSubsets again = new RepeatedRandomSubsets(10, 0.3, false, seed);
        RepeatedRandomSubsets once = new RepeatedRandomSubsets(10, 0.3, false, seed);
        for (int e = 0; e < 5; e++) assertArrayEquals(once.epoch(e), again.epoch(e), "seed " + seed);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> once.epoch(9)).getMessage().contains("epoch"));
        int[] wr = new RepeatedRandomSubsets(10, 0.5, true, seed).epoch(0);
        assertEquals(5, Arrays.stream(wr).distinct().count());
    }

    @Test
    void factoriesAndEntries() {
        assertEquals(20, Weighters.entries().size());
        assertEquals("S401", Weighters.weighter("quadratic", Params.empty()).info().id());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Weighters.weighter("S401", Params.of(Map.of("strategy", "x")))).getMessage().contains("strategy"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LossReweighter().weights(new double[]{1, Double.NaN})).getMessage().contains("losses[1]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Weighters.create("S499", Params.empty())).getMessage().contains("S499"));
    }
}
