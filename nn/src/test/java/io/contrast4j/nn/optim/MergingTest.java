package io.contrast4j.nn.optim;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.nn.layers.Linear;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** O06 Self Positioning, O07 weight matching / linear assignment / LMC barrier. */
class MergingTest {
    private static final DType F64 = DType.F64;

    private static double bestByBruteForce(double[][] s, int[] perm, boolean[] used, int row, double acc) {
        int n = s.length;
        if (row == n) return acc;
        double best = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            if (used[j]) continue;
            used[j] = true;
            best = Math.max(best, bestByBruteForce(s, perm, used, row + 1, acc + s[row][j]));
            used[j] = false;
        }
        return best;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void hungarianIsOptimal(long seed) {
        Rng r = new Rng(seed);
        int n = 6;
        double[][] s = new double[n][n];
        for (double[] row : s) for (int j = 0; j < n; j++) row[j] = r.nextGaussian();
        int[] p = LinearAssignment.maximize(s);
        boolean[] seen = new boolean[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            assertFalse(seen[p[i]], "seed " + seed + ": not a permutation");
            seen[p[i]] = true;
            total += s[i][p[i]];
        }
        assertEquals(bestByBruteForce(s, new int[n], new boolean[n], 0, 0), total, 1e-12, "seed " + seed);
    }

    private static int[] randomPerm(Rng r, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1), t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static Tensor mlp(List<WeightMatching.Layer> ls, Tensor x) {
        Tensor h = x;
        for (int l = 0; l < ls.size(); l++) {
            h = h.matmul(ls.get(l).weight(), false, true).add(ls.get(l).bias());
            if (l + 1 < ls.size()) h = h.relu();
        }
        return h;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void weightMatchingRecoversAPlantedPermutation(long seed) {
        Rng r = new Rng(seed);
        List<Linear> a = List.of(new Linear(4, 7, true, F64, r), new Linear(7, 6, true, F64, r), new Linear(6, 2, true, F64, r));
        List<WeightMatching.Layer> la = WeightMatching.layers(a);
        int[][] planted = {randomPerm(r, 7), randomPerm(r, 6)};
        List<WeightMatching.Layer> lb = WeightMatching.permute(la, planted);
        Tensor x = Tensor.randn(F64, new Rng(seed + 100), 5, 4);
        assertArrayEquals(mlp(la, x).toDoubleArray(), mlp(lb, x).toDoubleArray(), 1e-12, "permuting hidden units keeps the function");
        int[][] found = WeightMatching.match(la, lb, new Rng(seed + 7), 50);
        List<WeightMatching.Layer> aligned = WeightMatching.permute(lb, found);
        for (int l = 0; l < 3; l++) {
            assertArrayEquals(la.get(l).weight().toDoubleArray(), aligned.get(l).weight().toDoubleArray(), 0, "seed " + seed + " layer " + l);
            assertArrayEquals(la.get(l).bias().toDoubleArray(), aligned.get(l).bias().toDoubleArray(), 0, "seed " + seed + " layer " + l);
        }
        // the barrier between A and aligned B is 0 (identical models); load() writes them into modules
        List<Linear> b = List.of(new Linear(4, 7, true, F64, r), new Linear(7, 6, true, F64, r), new Linear(6, 2, true, F64, r));
        WeightMatching.load(b, aligned);
        Map<String, Tensor> pa = asMap(WeightMatching.layers(a)), pb = asMap(WeightMatching.layers(b));
        Tensor y = Tensor.randn(F64, new Rng(seed + 200), 5, 2);
        LmcBarrier.Result res = LmcBarrier.barrier(pa, pb, m -> mlp(fromMap(m), x).sub(y).square().mean().item(), 11);
        assertEquals(0, res.barrier(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> WeightMatching.match(la, la.subList(0, 2), r, 5));
    }

    private static Map<String, Tensor> asMap(List<WeightMatching.Layer> ls) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (int l = 0; l < ls.size(); l++) {
            m.put(l + ".weight", ls.get(l).weight());
            m.put(l + ".bias", ls.get(l).bias());
        }
        return m;
    }

    private static List<WeightMatching.Layer> fromMap(Map<String, Tensor> m) {
        List<WeightMatching.Layer> out = new ArrayList<>();
        for (int l = 0; m.containsKey(l + ".weight"); l++) out.add(new WeightMatching.Layer(m.get(l + ".weight"), m.get(l + ".bias")));
        return out;
    }

    @Test
    void barrierOnAHandExample() {
        // L(t) = 1 − t², θ_A = −1, θ_B = 1: L_A = L_B = 0, L(λ) = 1 − (2λ − 1)², barrier 1 at λ = 1/2.
        Map<String, Tensor> a = Map.of("t", Tensor.of(new double[]{-1}, 1)), b = Map.of("t", Tensor.of(new double[]{1}, 1));
        LmcBarrier.Result r = LmcBarrier.barrier(a, b, m -> 1 - Math.pow(m.get("t").item(), 2), 5);
        assertArrayEquals(new double[]{0, 0.25, 0.5, 0.75, 1}, r.lambdas(), 1e-15);
        assertArrayEquals(new double[]{0, 0.75, 1, 0.75, 0}, r.losses(), 1e-15);
        assertEquals(1, r.barrier(), 1e-15);
        assertEquals(0.5, r.argmaxLambda(), 1e-15);
        // identical models: barrier 0
        assertEquals(0, LmcBarrier.barrier(a, a, m -> 1 - Math.pow(m.get("t").item(), 2), 7).barrier(), 0);
        assertThrows(IllegalArgumentException.class, () -> LmcBarrier.barrier(a, b, m -> 0, 1));
    }

    private static Map<String, Tensor> plus(Map<String, Tensor> base, Map<String, Tensor> tau, double c) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        base.forEach((k, v) -> out.put(k, v.detach().add(tau.get(k).mul(c))));
        return out;
    }

    private static Map<String, Tensor> noise(Map<String, Tensor> base, long seed) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Rng r = new Rng(seed);
        base.forEach((k, v) -> out.put(k, Tensor.randn(F64, r, v.shape()).mul(0.5)));
        return out;
    }

    @Test
    void selfPositioningGradientMatchesFiniteDifferencesAndRecoversPlantedCoefficients() {
        Linear model = new Linear(3, 2, true, F64, new Rng(1));
        Map<String, Tensor> theta0 = new LinkedHashMap<>();
        model.namedParameters().forEach((k, v) -> theta0.put(k, v.detach().add(0.0)));
        Map<String, Tensor> tau1 = noise(theta0, 2), tau2 = noise(theta0, 3);
        List<Map<String, Tensor>> tasks = List.of(plus(theta0, tau1, 1), plus(theta0, tau2, 1));
        Linear target = new Linear(3, 2, true, F64, new Rng(9));
        ModelSoup.load(target, plus(plus(theta0, tau1, 0.3), tau2, 0.8));
        Tensor x = Tensor.randn(F64, new Rng(4), 20, 3);
        Tensor y = target.forward(x).detach();
        SelfPositioning sp = new SelfPositioning(theta0, tasks);
        java.util.function.Supplier<Tensor> probe = () -> model.forward(x).sub(y).square().mean();
        SelfPositioning.Gradient g = sp.gradient(model, probe, 0.1);
        double h = 1e-6;
        for (int k = 0; k < 2; k++) {
            double[][] a = sp.alpha();
            a[k][0] += h;
            sp.setAlpha(a);
            ModelSoup.load(model, sp.merged());
            double up = probe.get().item() + 0.1 * (a[0][0] * a[0][0] + a[1][0] * a[1][0]);
            a[k][0] -= 2 * h;
            sp.setAlpha(a);
            ModelSoup.load(model, sp.merged());
            double down = probe.get().item() + 0.1 * (a[0][0] * a[0][0] + a[1][0] * a[1][0]);
            a[k][0] += h;
            sp.setAlpha(a);
            assertEquals((up - down) / (2 * h), g.dAlpha()[k][0], 1e-6);
        }
        double last = sp.fit(model, probe, 3000, 0.1, 0);
        assertEquals(0.3, sp.alpha()[0][0], 1e-4);
        assertEquals(0.8, sp.alpha()[1][0], 1e-4);
        assertTrue(last < 1e-8, "probe loss " + last);
        // per-layer groups: one α per (task, group)
        SelfPositioning perLayer = new SelfPositioning(theta0, tasks, n -> n.endsWith("bias") ? "bias" : "weight");
        assertEquals(List.of("weight", "bias"), perLayer.groups());
        assertEquals(2, perLayer.alpha()[0].length);
        assertEquals(0.5, perLayer.alpha()[1][1], 0);
    }
}
