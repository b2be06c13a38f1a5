package io.contrast4j.losses.metric;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.check.GradCheck;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.LossInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand values, zero-loss cases and state handling for L019, L021–L026. */
class MetricExtrasTest {
    static final Map<String, String> F64 = Map.of("dtype", "F64");

    static double dist(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.sqrt(s);
    }

    static double[] unit(double[] x) {
        double n = Math.sqrt(dot(x, x));
        double[] u = x.clone();
        for (int i = 0; i < u.length; i++) u[i] /= n;
        return u;
    }

    static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) s += x[i] * y[i];
        return s;
    }

    static double cos(double[] a, double[] b) {
        return dot(unit(a), unit(b));
    }

    @Test
    void dynamicSoftMarginHandValueAndStateOnlyInTraining() {
        // labels {0,0,1}: triplets (0,1,2), (1,0,2); unit vectors so D01 = Euclidean of the rows
        double[][] e = {{1, 0}, {0.6, 0.8}, {0, 1}};
        DynamicSoftMarginLoss l = new DynamicSoftMarginLoss(-2, 4, 0.5);
        double d01 = dist(e[0], e[1]), d02 = dist(e[0], e[2]), d12 = dist(e[1], e[2]);
        double x1 = d01 - d02, x2 = d01 - d12; // triplets (0,1,2) and (1,0,2)
        double v = l.compute(LossInputs.of(Tensor.fromArray(e), new int[]{0, 0, 1})).item();
        // first batch: momentum 1, histogram = interpolation masses of x1, x2 over nodes -2,-1,0,1,2 (Δ = 1)
        double[] h = new double[5];
        for (double x : new double[]{x1, x2}) {
            int r = (int) Math.floor(x + 2);
            double a = x + 2 - r;
            h[r] += (1 - a) / 2;
            h[r + 1] += a / 2;
        }
        assertArrayEquals(h, l.histogram(), 1e-12);
        double want = 0;
        for (double x : new double[]{x1, x2}) {
            int r = (int) Math.floor(x + 2);
            double cdf = 0;
            for (int j = 0; j <= r; j++) cdf += h[j];
            want += cdf * x / 2;
        }
        assertEquals(want, v, 1e-12);
        // eval mode: the state does not move
        l.training(false);
        double[] before = l.histogram();
        l.compute(LossInputs.of(Tensor.fromArray(new double[][]{{1, 0}, {0, 1}, {-1, 0}}), new int[]{0, 0, 1}));
        assertArrayEquals(before, l.histogram(), 0);
        // training mode again: h ← 0.5 h + 0.5 hist(new), normalised
        l.training(true);
        l.compute(LossInputs.of(Tensor.fromArray(e), new int[]{0, 0, 1}));
        assertArrayEquals(h, l.histogram(), 1e-12, "same batch again leaves the normalised histogram unchanged");
    }

    @Test
    void dynamicSoftMarginWithoutLabelsUsesHardestRowOrColumnNegative() {
        Tensor a = Tensor.fromArray(new double[][]{{1, 0}, {0, 1}, {-1, 0.2}});
        Tensor p = Tensor.fromArray(new double[][]{{0.9, 0.3}, {0.2, 1}, {-1, -0.3}});
        DynamicSoftMarginLoss l = DynamicSoftMarginLoss.fromParams(Params.of(Map.of("training", "false")));
        double[] h = new double[11];
        java.util.Arrays.fill(h, 1.0 / 11);
        double v = l.compute(LossInputs.of(Map.of(LossInputs.EMBEDDINGS, a, MetricLoss.REF_EMBEDDINGS, p, DynamicSoftMarginLoss.HISTOGRAM, Tensor.of(h, 11)))).item();
        double[][] av = {{1, 0}, {0, 1}, {-1, 0.2}}, pv = {{0.9, 0.3}, {0.2, 1}, {-1, -0.3}};
        double want = 0;
        for (int i = 0; i < 3; i++) {
            double neg = Double.MAX_VALUE;
            for (int j = 0; j < 3; j++) {
                if (j == i) continue;
                neg = Math.min(neg, dist(unit(av[i]), unit(pv[j])));
                neg = Math.min(neg, dist(unit(av[j]), unit(pv[i])));
            }
            double x = dist(unit(av[i]), unit(pv[i])) - neg;
            int r = (int) Math.floor((x + 2) / 0.4);
            want += (r + 1) / 11.0 * x / 3;
        }
        assertEquals(want, v, 1e-12);
    }

    @Test
    void tieredQuadrupletHandValue() {
        // labels 0,0,1,2: quadruplets (0,1,2,3), (0,1,3,2), (1,0,2,3), (1,0,3,2)
        double[][] e = {{1, 0}, {0.8, 0.6}, {0, 1}, {-0.6, 0.8}};
        double m1 = 0.5, m2 = 1.5;
        TieredQuadrupletLoss l = new TieredQuadrupletLoss(m1, m2, 1);
        int[][] q = {{0, 1, 2, 3}, {0, 1, 3, 2}, {1, 0, 2, 3}, {1, 0, 3, 2}};
        double want = 0;
        for (int[] t : q) {
            double ap = dist(e[t[0]], e[t[1]]);
            want += Math.max(0, ap - dist(e[t[0]], e[t[2]]) + m1) + Math.max(0, ap - dist(e[t[2]], e[t[3]]) + m2);
        }
        assertEquals(want / 4, l.compute(LossInputs.of(Tensor.fromArray(e), new int[]{0, 0, 1, 2})).item(), 1e-12);
    }

    @Test
    void singleClassGivesZeroLossWithGraph() {
        Tensor e = Tensor.randn(DType.F64, new Rng(3), 4, 3).requiresGrad(true);
        for (var loss : java.util.List.of(new TieredQuadrupletLoss(0.2, 0.1, 1), DynamicSoftMarginLoss.fromParams(Params.empty()))) {
            Tensor v = loss.compute(LossInputs.of(e, new int[]{1, 1, 1, 1}));
            assertEquals(0, v.item(), 0, loss.info().id());
            assertTrue(v.requiresGrad(), loss.info().id() + " zero loss keeps a graph");
        }
        Tensor sup = Tensor.randn(DType.F64, new Rng(4), 2, 3);
        Tensor v = ProtoTripletLoss.fromParams(Params.empty()).compute(LossInputs.of(e, new int[]{1, 1, 1, 1})
                .with(ProtoTripletLoss.SUPPORT, sup).with(ProtoTripletLoss.SUPPORT_LABELS, Tensor.ofInts(new int[]{1, 1}, 2)));
        assertEquals(0, v.item(), 0);
        assertTrue(v.requiresGrad());
    }

    @Test
    void vseBidirectionalHingeHandValue() {
        double[][] a = {{1, 0}, {0, 1}, {0.6, 0.8}}, t = {{0.8, 0.6}, {0.1, 1}, {1, 0.2}};
        double m = 0.3, wi = 1, wt = 0.5;
        double want = 0;
        for (int b = 0; b < 3; b++) {
            double pos = cos(a[b], t[b]);
            for (int k = 0; k < 3; k++) {
                if (k == b) continue;
                want += wi * Math.max(0, m - pos + cos(a[b], t[k])) + wt * Math.max(0, m - pos + cos(a[k], t[b]));
            }
        }
        BidirectionalHingeLoss l = BidirectionalHingeLoss.fromParams(Params.of(Map.of("margin", "0.3", "weight_t2i", "0.5")));
        assertEquals(want / 3, l.compute(LossInputs.of(Map.of(PairInputs.ANCHORS, Tensor.fromArray(a), PairInputs.POSITIVES, Tensor.fromArray(t)))).item(), 1e-12);
    }

    @Test
    void talHandValue() {
        double[][] t = {{1, 0}, {0.6, 0.8}, {0, 1}}, im = {{0.9, 0.1}, {0.7, 0.7}, {-0.2, 1}};
        int[] id = {0, 0, 1};
        double tau = 0.2, m = 0.3;
        double[][] s = new double[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) s[i][j] = cos(t[i], im[j]);
        double want = 0;
        for (int dir = 0; dir < 2; dir++) {
            for (int i = 0; i < 3; i++) {
                double zs = 0, num = 0, neg = 0;
                for (int j = 0; j < 3; j++) {
                    double v = dir == 0 ? s[i][j] : s[j][i];
                    if (id[j] == id[i]) {
                        zs += Math.exp(v / tau);
                        num += Math.exp(v / tau) * v;
                    } else neg += Math.exp(v / tau);
                }
                want += Math.max(0, m - num / zs + tau * Math.log(neg));
            }
        }
        TripletAlignmentLoss l = new TripletAlignmentLoss(tau, m);
        double got = l.compute(LossInputs.of(Map.of(PairInputs.ANCHORS, Tensor.fromArray(t), PairInputs.POSITIVES, Tensor.fromArray(im),
                PairInputs.LABELS, Tensor.ofInts(id, 3)))).item();
        assertEquals(want, got, 1e-10);
    }

    @Test
    void protoTripletHandValue() {
        double[][] sup = {{0, 0}, {2, 0}, {0, 2}, {0, 4}}, q = {{1, 1}, {0, 2.5}};
        int[] ys = {0, 0, 1, 1}, yq = {0, 1};
        double[][] c = {{1, 0}, {0, 3}};
        double m = 0.5;
        double want = (Math.max(0, dist(q[0], c[0]) - dist(q[0], c[1]) + m) + Math.max(0, dist(q[1], c[1]) - dist(q[1], c[0]) + m)) / 2;
        LossInputs in = LossInputs.of(Tensor.fromArray(q), yq).with(ProtoTripletLoss.SUPPORT, Tensor.fromArray(sup)).with(ProtoTripletLoss.SUPPORT_LABELS, Tensor.ofInts(ys, 4));
        assertEquals(want, new ProtoTripletLoss(m, 5, false).compute(in).item(), 1e-12);
        // ICNN with k = 2: q0 neighbours {0,0} (d=√2) and class-1 sample (0,2) (d=√2) tie -> use k=1 on q1: nearest (0,2), same class
        double icnn = new ProtoTripletLoss(m, 1, true).compute(in).item();
        // k=1: q0 nearest is sup0 (tie √2 with sup1 and sup2; the sort is stable so index 0), same class -> score (0 − √2)/√2 = −1; q1 nearest sup2 same class -> −1
        assertEquals(1 - (-1), icnn, 1e-12);
    }

    @Test
    void cosineContrastiveHandValue() {
        double[][] u = {{1, 0}, {0, 1}}, p = {{0.8, 0.6}, {1, 1}};
        double[][][] n = {{{1, 0.1}, {-1, 0}}, {{0.3, 1}, {1, 0}}};
        double m = 0.2, w = 3;
        double want = 0;
        for (int i = 0; i < 2; i++) {
            double neg = 0;
            for (double[] nj : n[i]) neg += Math.max(0, cos(u[i], nj) - m);
            want += Math.max(0, 1 - cos(u[i], p[i])) + w * neg / 2;
        }
        double[] flat = {1, 0.1, -1, 0, 0.3, 1, 1, 0};
        LossInputs in = LossInputs.of(Map.of(PairInputs.ANCHORS, Tensor.fromArray(u), PairInputs.POSITIVES, Tensor.fromArray(p), PairInputs.NEGATIVES, Tensor.of(flat, 2, 2, 2)));
        assertEquals(want / 2, new CosineContrastiveLoss(m, w).compute(in).item(), 1e-12);
        double sum = 0;
        for (int i = 0; i < 2; i++) {
            for (double[] nj : n[i]) sum += Math.max(0, cos(u[i], nj) - m);
            sum += Math.max(0, 1 - cos(u[i], p[i]));
        }
        assertEquals(sum / 2, new CosineContrastiveLoss(m, Double.NaN).compute(in).item(), 1e-12);
    }

    @Test
    void ge2eHandValueBothVariants() {
        double[][] e = {{1, 0}, {0.8, 0.6}, {0, 1}, {-0.2, 1}};
        int[] y = {0, 0, 1, 1};
        double w = 2, b = -0.5;
        double[][] cent = {{0.9, 0.3}, {-0.1, 1}};
        double soft = 0, con = 0;
        for (int i = 0; i < 4; i++) {
            double[] s = new double[2];
            for (int k = 0; k < 2; k++) {
                double[] c = cent[k];
                if (k == y[i]) { // leave-one-out: the other member of the class
                    c = e[i ^ 1];
                }
                s[k] = w * cos(e[i], c) + b;
            }
            soft += -s[y[i]] + Math.log(Math.exp(s[0]) + Math.exp(s[1]));
            con += 1 - 1 / (1 + Math.exp(-s[y[i]])) + 1 / (1 + Math.exp(-s[1 - y[i]]));
        }
        LossInputs in = LossInputs.of(Tensor.fromArray(e), y);
        assertEquals(soft / 4, new Ge2eLoss(w, b, false, DType.F64).compute(in).item(), 1e-12);
        assertEquals(con / 4, new Ge2eLoss(w, b, true, DType.F64).compute(in).item(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new Ge2eLoss(w, b, false, DType.F64).compute(LossInputs.of(Tensor.fromArray(e), new int[]{0, 0, 0, 1})));
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 6})
    void ge2eContrastAndIcnnGradients(long seed) {
        Ge2eLoss g = new Ge2eLoss(3, -1, true, DType.F64);
        LossInputs in = MetricLosses.labelled(seed, 8, 4, 3);
        GradCheck.Report r = GradCheck.check("L026c", m -> g.compute(LossInputs.of(m)), in.asMap(), Map.of("w", g.parameters().get(0), "b", g.parameters().get(1)), java.util.Set.of());
        assertTrue(r.passed(), "seed " + seed + ": " + r.summary());
        ProtoTripletLoss icnn = ProtoTripletLoss.fromParams(Params.of(Map.of("variant", "icnn", "k", "3")));
        LossInputs ep = MetricExamples.episode(seed);
        GradCheck.Report r2 = GradCheck.check("L024icnn", m -> icnn.compute(LossInputs.of(m)), ep.asMap());
        assertTrue(r2.passed(), "seed " + seed + ": " + r2.summary());
    }
}
