package io.contrast4j.samplers.weighting;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Grad;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.check.GradCase;
import io.contrast4j.autograd.check.GradCheck;
import io.contrast4j.autograd.registry.Entry;
import io.contrast4j.autograd.registry.Params;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class SelectionSchemesTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 17})
    void gradientChecksPass(long seed) {
        int n = 0;
        for (Entry e : Weighters.entries()) {
            for (GradCase c : e.checks()) {
                GradCheck.Report r = c.run(seed);
                assertTrue(r.passed(), "seed " + seed + " " + r.summary());
                n++;
            }
        }
        assertEquals(7, n, "S415 x2, S416, S417 x2, S421 x2");
    }

    @Test
    void progressiveWeightingMovesFromEasyToHard() {
        double[] l = {0, Math.log(2)};
        ProgressiveWeighting w = new ProgressiveWeighting();
        // γ = 1: w ∝ p = (1, 1/2), mean 1 -> (4/3, 2/3); γ = −1: ∝ (1, 2) -> (2/3, 4/3); γ = 0: uniform
        assertArrayEquals(new double[]{4 / 3.0, 2 / 3.0}, w.weights(l), 1e-12);
        assertArrayEquals(new double[]{2 / 3.0, 4 / 3.0}, w.at(1).weights(l), 1e-12);
        assertArrayEquals(new double[]{1, 1}, w.at(0.5).weights(l), 1e-12);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> w.at(2)).getMessage().contains("progress"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> w.weights(new double[]{-1})).getMessage().contains("losses[0]"));
    }

    @Test
    void hardnessScoresHandComputed() {
        double l3 = Math.log(3);
        double[][][] logits = {{{l3, 0}}, {{0, l3}}};
        HardnessScores.Scores s = HardnessScores.fromDynamics(logits, new int[]{0});
        // epoch 0: p_y = 3/4 (correct); epoch 1: p_y = 1/4 (wrong) -> one forgetting event
        assertEquals((-Math.log(0.75) - Math.log(0.25)) / 2, s.loss()[0], 1e-12);
        assertEquals(0, s.aum()[0], 1e-12);
        assertEquals(0.5, s.confidence()[0], 1e-12);
        assertEquals(0.25, s.variability()[0], 1e-12);
        assertEquals(0.1875, s.aleatoric()[0], 1e-12);
        assertEquals(1, s.forgetting()[0]);
        assertArrayEquals(new double[]{1, 1, 0}, HardnessScores.prototypicality(new double[][]{{0, 0}, {2, 0}, {5, 5}}, new int[]{0, 0, 1}), 1e-12);
        int[] y = {0, 1, 2, 2};
        assertArrayEquals(new int[]{1, 2, 0, 0}, HardnessScores.asymmetricNoise(y, 3, 1, new Rng(1)));
        int[] u = HardnessScores.uniformNoise(y, 3, 1, new Rng(1));
        for (int i = 0; i < y.length; i++) assertNotEquals(y[i], u[i]);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HardnessScores.uniformNoise(y, 3, 1.5, new Rng(1))).getMessage().contains("rate"));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void setaWindowSlidesFromEasyToHardThenAnneals(long seed) {
        ScaleEfficientTraining s = new ScaleEfficientTraining(20, 10, 0, 2, 0.5, 0.875);
        int[] idx = new int[20];
        double[] l = new double[20];
        for (int i = 0; i < 20; i++) {
            idx[i] = i;
            l[i] = i < 10 ? 0.1 + 0.001 * i : 5 + 0.001 * i;
        }
        s.update(idx, l);
        Rng rng = new Rng(seed);
        assertEquals(20, s.epoch(0, rng).length, "seed " + seed + ": iteration 0 keeps every group");
        int[] e1 = s.epoch(1, rng);
        assertEquals(10, e1.length, "seed " + seed);
        for (int i : e1) assertTrue(i >= 10, "seed " + seed + ": window start 1 = hard group");
        int[] e2 = s.epoch(2, rng);
        for (int i : e2) assertTrue(i < 10, "seed " + seed + ": window start 0 = easy group");
        assertEquals(20, new HashSet<>(Arrays.stream(s.epoch(9, rng)).boxed().toList()).size(), "seed " + seed + ": annealing epoch keeps r = 1");
        ScaleEfficientTraining a = new ScaleEfficientTraining(50, 10), b = new ScaleEfficientTraining(50, 10);
        assertArrayEquals(a.epoch(0, new Rng(seed)), b.epoch(0, new Rng(seed)), "seed " + seed);
        assertEquals(45, a.epoch(9, new Rng(seed)).length, "seed " + seed + ": keep 0.9");
    }

    @Test
    void diversifyAndConquerQuotas() {
        int[] assign = {0, 0, 0, 0, 1, 1, 2, 2};
        DiversifyAndConquer d = new DiversifyAndConquer(assign, 1);
        assertArrayEquals(new int[]{2, 1, 1}, counts(d.select(4, new Rng(1)), assign, 3));
        // softmax(0, ln 3, 0) = (1/5, 3/5, 1/5); budget 5 -> cluster 1 capped at 2, the rest shared (2, 2, 1)
        assertArrayEquals(new double[]{0.2, 0.6, 0.2}, d.reweight(new double[]{0, Math.log(3), 0}), 1e-12);
        assertArrayEquals(new int[]{2, 2, 1}, counts(d.select(5, new Rng(2)), assign, 3));
        assertArrayEquals(d.select(5, new Rng(9)), d.select(5, new Rng(9)));
    }

    @Test
    void densityBasedPruningHandComputed() {
        double[][] x = {{1, 0}, {-1, 0}, {0, 2}, {10, 0}, {12, 0}};
        int[] a = {0, 0, 0, 1, 1};
        double[][] c = {{0, 0}, {11, 0}};
        DensityBasedPruning p = new DensityBasedPruning(100, 1);
        assertArrayEquals(new double[]{11 * 4 / 3.0, 11}, p.complexity(x, a, c), 1e-12);
        // softmax(C/100) ≈ (0.509, 0.491): quotas of 3 -> (2, 1); keep the farthest from each centroid
        assertArrayEquals(new int[]{0, 2, 3}, p.prune(x, a, c, 3));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DensityBasedPruning(0, 1)).getMessage().contains("tau"));
    }

    @Test
    void duqgenPrefersCentralDocsAndSplitsBySize() {
        ClusterDiversifiedSampling s = new ClusterDiversifiedSampling(0.01, true);
        int[] assign = {0, 0, 0, 1};
        // shares (2.25, 0.75) -> (2, 1); inside cluster 0 the two most central docs (0, 2) at τ = 0.01
        assertArrayEquals(new int[]{0, 2, 3}, s.select(assign, new double[]{0.9, 0.1, 0.5, 0}, 3, new Rng(4)));
        assertEquals(4, s.select(assign, new double[]{0.9, 0.1, 0.5, 0}, 10, new Rng(4)).length);
    }

    @Test
    void dartAllocationHandComputed() {
        double[] pass = {1, 0.5, 0};
        assertArrayEquals(new int[]{0, 2, 4}, new DifficultyAwareAllocation(2, 10, DifficultyAwareAllocation.Mode.PROP2DIFF).allocate(pass));
        assertArrayEquals(new int[]{0, 3, 3}, new DifficultyAwareAllocation(2, 3, DifficultyAwareAllocation.Mode.PROP2DIFF).allocate(pass));
        assertArrayEquals(new int[]{2, 2, 2}, new DifficultyAwareAllocation(2, 3, DifficultyAwareAllocation.Mode.UNIFORM).allocate(pass));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DifficultyAwareAllocation().allocate(new double[]{1.5})).getMessage().contains("passRates[0]"));
    }

    @Test
    void pmiWeightsHandComputed() {
        PmiWeights.Result r = new PmiWeights(1).compute(new double[][]{{0, 0}, {Math.log(3), 0}});
        // p(c|u) = (.5,.5), (.75,.25); p(c) = (.625, .375)
        assertArrayEquals(new int[]{1, 0}, r.pseudoLabels());
        assertEquals(Math.log(4 / 3.0) / Math.log(2), r.weights()[0], 1e-12);
        assertEquals(Math.log(1.2) / Math.log(2), r.weights()[1], 1e-12);
        assertEquals(Math.log(0.25 / 0.375), r.pmi()[1][1], 1e-12);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void hpmMaskAndPredictorLoss(long seed) {
        HardPatchMining h = new HardPatchMining(0.5, 1);
        double[] pred = {0.1, 0.9, 0.5, 0.3};
        assertArrayEquals(new int[]{1, 2}, h.mask(pred, 1, new Rng(seed)), "seed " + seed);
        int[] m = h.mask(pred, 0, new Rng(seed));
        assertEquals(2, Arrays.stream(m).distinct().count(), "seed " + seed);
        int[] half = h.mask(pred, 0.5, new Rng(seed));
        assertTrue(Arrays.stream(half).anyMatch(i -> i == 1), "seed " + seed + ": one hard token (the top one) is always masked at α = 0.5");
        double v = HardPatchMining.predictorLoss(Tensor.of(new double[]{0, 1}, 2), new double[]{2, 1}).item();
        assertEquals(Math.log(1 + Math.E), v, 1e-12);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void inpGradientIsScaledFiniteDifference(long seed) {
        Rng rng = new Rng(seed);
        Tensor e = Tensor.randn(DType.F64, rng, 2, 3, 4), d0 = Tensor.randn(DType.F64, rng, 2, 3, 4);
        GradientScaledCosine g = new GradientScaledCosine(3);
        Tensor d = d0.detach().requiresGrad(true);
        Tensor loss = g.loss(e, d);
        assertEquals(new GradientScaledCosine(0).loss(e, d0).item(), loss.item(), 1e-12, "seed " + seed + ": forward unchanged");
        loss.backward();
        double[] an = d.grad().toDoubleArray(), s = g.scales(e, d0).toDoubleArray(), x = d0.toDoubleArray();
        double h = 1e-6;
        for (int k = 0; k < x.length; k++) {
            double[] xp = x.clone(), xm = x.clone();
            xp[k] += h;
            xm[k] -= h;
            double fd;
            try (var off = Grad.off()) {
                fd = (g.loss(e, Tensor.of(xp, 2, 3, 4)).item() - g.loss(e, Tensor.of(xm, 2, 3, 4)).item()) / (2 * h);
            }
            assertEquals(s[k / 4] * fd, an[k], 1e-6 + 1e-4 * Math.abs(fd), "seed " + seed + " entry " + k);
        }
        double coh = GradientScaledCosine.coherence(Tensor.fromArray(new double[][]{{1, 0}, {0, -1}}), Tensor.fromArray(new double[][]{{1, 0}, {0, 1}})).item();
        assertEquals(0.5, coh, 1e-12);
    }

    @Test
    void replayBufferKeepsHardestAndChecksBalance() {
        HardReplayBuffer b = new HardReplayBuffer(2, 1);
        b.offer(new int[]{1, 2, 3}, new double[]{0.5, 0.9, 0.1});
        assertArrayEquals(new int[]{2, 1}, b.ids());
        b.offer(new int[]{4}, new double[]{0.7});
        assertArrayEquals(new int[]{2, 4}, b.ids());
        assertEquals(2, b.sample(5, new Rng(1)).length);
        assertTrue(b.isBalanced(new int[]{0, 0, 1, 1}, 2));
        assertTrue(b.isBalanced(new int[]{0, 0, 0, 1}, 2));
        assertFalse(b.isBalanced(new int[]{0, 0, 0, 0}, 2));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.isBalanced(new int[]{3}, 2)).getMessage().contains("predicted[0]"));
    }

    @Test
    void budgetAllocatorFitsPowerLawsAndFavoursTheWorstGroup() {
        GroupBudgetAllocator g = new GroupBudgetAllocator(2, GroupBudgetAllocator.Objective.MAX_ERROR);
        for (int n : new int[]{1, 4, 16, 64}) {
            g.observe(0, n, 2 / Math.sqrt(n) + 0.1);
            g.observe(1, n, 1.0 / n);
        }
        GroupBudgetAllocator.Curve c0 = g.fit(0), c1 = g.fit(1);
        assertEquals(2, c0.a(), 1e-9);
        assertEquals(0.5, c0.b(), 1e-9);
        assertEquals(0.1, c0.c(), 1e-9);
        assertEquals(1, c1.b(), 1e-9);
        assertArrayEquals(new int[]{3, 0}, g.allocate(new int[]{4, 4}, 3, 1, null));
        GroupBudgetAllocator gain = new GroupBudgetAllocator(2, GroupBudgetAllocator.Objective.GAIN);
        for (int n : new int[]{1, 4, 16, 64}) {
            gain.observe(0, n, 2 / Math.sqrt(n) + 0.1);
            gain.observe(1, n, 1.0 / n);
        }
        // gains at n = 4: 2(1/2 − 1/√5) ≈ 0.106 vs 1/4 − 1/5 = 0.05
        assertArrayEquals(new int[]{1, 0}, gain.allocate(new int[]{4, 4}, 1, 1, null));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> g.observe(2, 1, 1)).getMessage().contains("group"));
    }

    @Test
    void lassoSoftThresholdsOrthonormalSources() {
        double[][] src = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        LassoSourceSampling l = new LassoSourceSampling(0.1, 50);
        assertArrayEquals(new double[]{1.9, 0, -0.9}, l.coefficients(src, new double[]{2, 0.05, -1}), 1e-12);
        assertArrayEquals(new double[]{1.9 / 2.8, 0, 0.9 / 2.8}, l.probabilities(src, new double[]{2, 0.05, -1}), 1e-12);
        int[] draws = l.draw(new double[]{0, 1, 0}, 5, new Rng(1));
        for (int d : draws) assertEquals(1, d);
    }

    @Test
    void meowWeightsAndLossHandComputed() {
        Tensor w = MeowNegativeWeights.clusterWeights(new int[][]{{0, 0, 1}}, DType.F64);
        assertArrayEquals(new double[]{0, 0, 1, 0, 0, 1, 1, 1, 0}, w.toDoubleArray(), 1e-12);
        Tensor eye = Tensor.fromArray(new double[][]{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
        // rows 0, 1: −log(e/1) = −1; row 2: −log(e/2) = ln 2 − 1
        assertEquals((-3 + Math.log(2)) / 3, new MeowNegativeWeights(1).weightedInfoNce(eye, eye, w).item(), 1e-12);
        Tensor w2 = MeowNegativeWeights.clusterWeights(new int[][]{{0, 0, 1}, {0, 1, 1}}, DType.F64);
        assertArrayEquals(new double[]{0, 1, 2, 1, 0, 1, 2, 1, 0}, w2.toDoubleArray(), 1e-12);
        MeowNegativeWeights.WeightNet net = new MeowNegativeWeights.WeightNet(3, 16, DType.F64, new Rng(1));
        double[] aw = net.weights(eye, eye).toDoubleArray();
        for (double v : aw) assertTrue(v > 0 && v < 1);
        assertEquals(aw[1], aw[3], 1e-12, "w_ij = w_ji since the network sees z_i + z_j");
    }

    @Test
    void factoriesBuildEveryNewEntryAndRefuseBadParameters() {
        for (String id : new String[]{"S403", "S405", "S407", "S409", "S410", "S411", "S412", "S414", "S415", "S416", "S417", "S418", "S419", "S420", "S421"}) {
            assertEquals(id, Weighters.create(id, Params.empty()).info().id(), id);
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Weighters.create("S412", Params.of(Map.of("mode", "x")))).getMessage().contains("mode"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Weighters.create("S407", Params.of(Map.of("window_scale", "0")))).getMessage().contains("window_scale"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Weighters.create("S413", Params.empty())).getMessage().contains("S413"));
        Set<String> ids = new HashSet<>();
        for (Entry e : Weighters.entries()) assertTrue(ids.add(e.info().id()), "duplicate " + e.info().id());
    }

    private static int[] counts(int[] idx, int[] assign, int k) {
        int[] c = new int[k];
        for (int i : idx) c[assign[i]]++;
        return c;
    }
}
