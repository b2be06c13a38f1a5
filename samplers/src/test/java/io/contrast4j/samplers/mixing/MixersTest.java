package io.contrast4j.samplers.mixing;

import io.contrast4j.autograd.DType;
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
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class MixersTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 17})
    void gradientChecksPass(long seed) {
        for (Entry e : Mixers.entries()) {
            for (GradCase c : e.checks()) {
                GradCheck.Report r = c.run(seed);
                assertTrue(r.passed(), "seed " + seed + " " + r.summary());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5, 6})
    void mochiShapesUnitNormNoGradAndHardestOnly(long seed) {
        Rng rng = new Rng(seed);
        Tensor q = Tensor.randn(DType.F32, rng, 4, 6).requiresGrad(true);
        Tensor n = Tensor.randn(DType.F32, rng, 4, 10, 6).requiresGrad(true);
        HardNegativeMixer mixer = new HardNegativeMixer(3, 5, 2);
        Tensor out = mixer.augment(q, n, new Rng(seed));
        assertArrayEquals(new int[]{4, 17, 6}, out.shape(), "seed " + seed);
        Tensor syn = mixer.synthesize(q, n, new Rng(seed));
        assertFalse(syn.requiresGrad(), "seed " + seed + ": synthetic negatives must be detached");
        double[] v = syn.toDoubleArray();
        for (int r = 0; r < 4 * 7; r++) {
            double s = 0;
            for (int j = 0; j < 6; j++) s += v[r * 6 + j] * v[r * 6 + j];
            assertEquals(1.0, s, 1e-5, "seed " + seed);
        }
        // the plan only uses the 3 hardest negatives, coefficients in range, i != j
        HardNegativeMixer.Plan p = mixer.plan(q, n, new Rng(seed));
        double[] qa = q.detach().normalize(1).toDoubleArray(), na = n.detach().reshape(40, 6).normalize(1).toDoubleArray();
        for (int b = 0; b < 4; b++) {
            double[] sims = new double[10];
            for (int k = 0; k < 10; k++) for (int j = 0; j < 6; j++) sims[k] += qa[b * 6 + j] * na[(b * 10 + k) * 6 + j];
            double[] sorted = sims.clone();
            Arrays.sort(sorted);
            double third = sorted[7];
            for (int t = 0; t < 7; t++) {
                assertTrue(sims[p.j()[b][t]] >= third, "seed " + seed);
                if (t < 5) {
                    assertTrue(sims[p.i()[b][t]] >= third && p.i()[b][t] != p.j()[b][t], "seed " + seed);
                    assertTrue(p.coef()[b][t] >= 0 && p.coef()[b][t] < 1, "seed " + seed);
                } else {
                    assertTrue(p.coef()[b][t] >= 0 && p.coef()[b][t] < 0.5, "seed " + seed);
                }
            }
        }
        assertTrue(Arrays.equals(syn.toDoubleArray(), mixer.synthesize(q, n, new Rng(seed)).toDoubleArray()), "seed " + seed + " determinism");
    }

    @Test
    void mochiHandComputed() {
        Tensor q = Tensor.fromArray(new double[][]{{1, 0}});
        Tensor n = Tensor.of(new double[]{0, 1, 0.6, 0.8, -1, 0}, 1, 3, 2);
        HardNegativeMixer.Plan p = new HardNegativeMixer.Plan(1, 1, new int[][]{{1, 0}}, new int[][]{{0, 1}}, new double[][]{{0.5, 0.25}});
        double[] out = HardNegativeMixer.apply(q, n, p).toDoubleArray();
        // h = normalize(0.5·(0.6,0.8) + 0.5·(0,1)) = normalize(0.3, 0.9); h' = normalize(0.25·(1,0) + 0.75·(0.6,0.8)) = normalize(0.7, 0.6)
        double a = Math.hypot(0.3, 0.9), b = Math.hypot(0.7, 0.6);
        assertArrayEquals(new double[]{0.3 / a, 0.9 / a, 0.7 / b, 0.6 / b}, out, 1e-12);
    }

    @Test
    void mixupHandComputedAndTargets() {
        Mixup.Plan p = new Mixup.Plan(0.25, new int[]{1, 0});
        Tensor x = Tensor.fromArray(new double[][]{{4, 0}, {0, 8}});
        // row 0: 0.25·(4,0) + 0.75·(0,8) = (1,6); row 1: 0.25·(0,8) + 0.75·(4,0) = (3,2)
        assertArrayEquals(new double[]{1, 6, 3, 2}, Mixup.mix(x, p).toDoubleArray(), 1e-12);
        assertArrayEquals(new double[]{0.25, 0.75, 0, 0.75, 0.25, 0}, Mixup.targets(new int[]{0, 1}, 3, p, DType.F64).toDoubleArray(), 1e-12);
        Mixup.Plan drawn = new Mixup(0.4).plan(10, new Rng(3));
        assertTrue(drawn.lambda() >= 0 && drawn.lambda() <= 1);
        assertEquals(drawn, drawn);
        assertEquals(drawn.lambda(), new Mixup(0.4).plan(10, new Rng(3)).lambda());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void betaDrawsHaveTheRightMean(long seed) {
        Rng rng = new Rng(seed);
        double a = 0.4 + seed, b = 1.5, sum = 0;
        int n = 20000;
        for (int i = 0; i < n; i++) sum += Draws.beta(rng, a, b);
        assertEquals(a / (a + b), sum / n, 0.01, "seed " + seed);
    }

    @Test
    void metrixPlansValidTriples() {
        int[] labels = {0, 0, 1, 1, 2};
        Metrix.Plan p = new Metrix().plan(labels, new Rng(5));
        assertEquals(4, p.anchors().length, "anchor 4 has no positive");
        for (int i = 0; i < p.anchors().length; i++) {
            assertEquals(labels[p.anchors()[i]], labels[p.positives()[i]]);
            assertNotEquals(p.anchors()[i], p.positives()[i]);
            assertNotEquals(labels[p.anchors()[i]], labels[p.negatives()[i]]);
        }
        Tensor e = Tensor.randn(DType.F64, new Rng(1), 5, 3);
        assertArrayEquals(new int[]{4, 3}, Metrix.mix(e, p).shape());
    }

    @Test
    void smoteStaysOnSegmentBetweenSameClassNeighbours() {
        Tensor x = Tensor.fromArray(new double[][]{{0, 0}, {1, 0}, {10, 10}, {5, 5}, {5, 6}});
        int[] labels = {0, 0, 1, 1, 1};
        Smote.Plan p = new Smote(1).plan(x, labels, new int[]{0, 1}, 4, new Rng(2));
        double[] out = Smote.apply(x, p).toDoubleArray();
        for (int i = 0; i < p.base().length; i++) {
            assertEquals(labels[p.base()[i]], labels[p.neighbour()[i]]);
            assertNotEquals(p.base()[i], p.neighbour()[i]);
            // k = 1 neighbour of (10,10) in class 1 is (5,6)
            if (p.base()[i] == 2) assertEquals(4, p.neighbour()[i]);
            double[] xb = {x.get(p.base()[i], 0), x.get(p.base()[i], 1)}, xn = {x.get(p.neighbour()[i], 0), x.get(p.neighbour()[i], 1)};
            for (int j = 0; j < 2; j++) assertEquals(xb[j] + p.u()[i] * (xn[j] - xb[j]), out[i * 2 + j], 1e-12);
        }
    }

    @Test
    void pseudoNegativesTrackRunningMean() {
        PseudoNegatives pn = new PseudoNegatives(0.5, 0.1);
        pn.update(Tensor.fromArray(new double[][]{{2, 0}, {0, 2}}));
        pn.update(Tensor.fromArray(new double[][]{{3, 3}}));
        // μ = (1,1) then 0.5·(1,1) + 0.5·(3,3) = (2,2)
        assertArrayEquals(new double[]{2, 2}, pn.mean(), 1e-12);
        Tensor s = pn.sample(4000, new Rng(1), Tensor.zeros(DType.F32, 1));
        assertArrayEquals(new int[]{4000, 2}, s.shape());
        assertEquals(2.0, s.mean().item(), 0.01);
        assertFalse(s.requiresGrad());
    }

    @Test
    void badParametersAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Mixup(0)).getMessage().contains("alpha"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new HardNegativeMixer(1, 2, 2)).getMessage().contains("'N'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Mixers.create("S302", Params.of(Map.of("beta", 1)))).getMessage().contains("beta"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new HardNegativeMixer().plan(Tensor.zeros(DType.F32, 2, 3), Tensor.zeros(DType.F32, 2, 4, 2), new Rng(0))).getMessage().contains("negatives"));
        assertEquals("S301", Mixers.create("mochi", Params.empty()).info().id());
    }
}
