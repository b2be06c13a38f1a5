package io.contrast4j.losses.classification;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.LossInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand values, limits and extreme inputs for L314, L317–L320, L322, L324–L326, L328. */
class ClassificationExtraLossesTest {
    static Params p(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return Params.of(m);
    }

    static LossInputs in(Object... kv) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (Tensor) kv[i + 1]);
        return LossInputs.of(m);
    }

    static double sig(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    static double sp(double x) {
        return Math.log1p(Math.exp(x));
    }

    @Test
    void diceAndTverskyHandValues() {
        double[] z = {0.5, -1.0};
        double[] y = {1, 0};
        LossInputs li = in(Cls.LOGITS, Tensor.of(z, 1, 2), Cls.BINARY_TARGETS, Tensor.of(y, 1, 2));
        double l = 0, t = 0;
        for (int i = 0; i < 2; i++) {
            double pp = sig(z[i]), w = (1 - pp) * pp;
            l += 1 - (2 * w * y[i] + 1) / (w + y[i] + 1);
            t += 1 - (pp * y[i] + 1) / (pp * y[i] + 0.3 * pp * (1 - y[i]) + 0.7 * (1 - pp) * y[i] + 1);
        }
        assertEquals(l, DiceLoss.fromParams(p()).compute(li).item(), 1e-12);
        assertEquals(t, DiceLoss.fromParams(p("kind", "tversky", "tversky_alpha", "0.3", "tversky_beta", "0.7")).compute(li).item(), 1e-12);
        // perfect hard predictions give zero Dice loss with α = 0
        LossInputs perfect = in(Cls.LOGITS, Tensor.of(new double[]{800, -800}, 1, 2), Cls.BINARY_TARGETS, Tensor.of(y, 1, 2));
        assertEquals(0, DiceLoss.fromParams(p("alpha", "0")).compute(perfect).item(), 1e-12);
    }

    @Test
    void numberTokenLossMseAndWas() {
        double[] z = {0, 1, 2};
        double lse = Math.log(1 + Math.E + Math.exp(2));
        double[] pr = {1 / Math.exp(lse), Math.E / Math.exp(lse), Math.exp(2) / Math.exp(lse)};
        double[] v = {1, 3, 10};
        double ce = lse - 1; // target level 1
        double yhat = pr[0] * 1 + pr[1] * 3 + pr[2] * 10;
        LossInputs li = in(Cls.LOGITS, Tensor.of(z, 1, 3), Cls.TARGETS, Tensor.ofInts(new int[]{1}, 1));
        assertEquals(ce + 0.5 * (yhat - 3) * (yhat - 3), NumberTokenLoss.fromParams(p("lambda", "0.5", "values", "1,3,10")).compute(li).item(), 1e-12);
        assertEquals(ce + 0.5 * (pr[0] * 2 + pr[2] * 7), NumberTokenLoss.fromParams(p("lambda", "0.5", "values", "1,3,10", "variant", "was")).compute(li).item(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> NumberTokenLoss.fromParams(p("values", "1,2")).compute(li));
    }

    @Test
    void singlePositiveEntropyAndPseudoLabels() {
        double[] z = {1.0, 0.0, -2.0};
        double[] y = {1, 0, 0};
        double[] ps = {-1, -1, 0};
        double h1 = Math.log(2); // p = 0.5
        double bce2 = sp(-2.0); // −log(1 − σ(−2))
        double want = sp(-1.0) - 0.2 * h1 + bce2;
        assertEquals(want, SinglePositiveLoss.fromParams(p("alpha", "0.2")).compute(in(Cls.LOGITS, Tensor.of(z, 1, 3), SinglePositiveLoss.LABELS, Tensor.of(y, 1, 3), SinglePositiveLoss.PSEUDO, Tensor.of(ps, 1, 3))).item(), 1e-12);
        double[] pl = SinglePositiveLoss.fromParams(p()).pseudoLabels(new double[]{0.99, 0.97, 0.5, 0.05}, new double[]{1, 0, 0, 0});
        assertArrayEquals(new double[]{-1, 1, -1, 0}, pl);
    }

    @Test
    void taylorPuApproachesTheLogFormWithOrder() {
        double[] z = {1.0, 2.0, -0.5, 0.3};
        double[] y = {1, 1, 0, 0};
        double eu = (sig(-0.5) + sig(0.3)) / 2;
        double exact = Math.log(eu) - (Math.log(sig(1)) + Math.log(sig(2))) / 2;
        LossInputs li = in(Cls.LOGITS, Tensor.of(z, 4), TaylorPuLoss.LABELS, Tensor.of(y, 4));
        double t1 = -(1 - eu) + ((1 - sig(1)) + (1 - sig(2))) / 2;
        assertEquals(t1, TaylorPuLoss.fromParams(p("order", "1")).compute(li).item(), 1e-12);
        double t200 = TaylorPuLoss.fromParams(p("order", "200")).compute(li).item();
        assertEquals(exact, t200, 1e-9);
    }

    @Test
    void rejectorCostWeighting() {
        double[] r = {0.5, -1.0};
        double[] c = {1, 0};
        double want = (0.3 * sp(-0.5) + 0.3 * sp(1.0) + sp(-1.0)) / 2;
        assertEquals(want, RejectorLoss.fromParams(p()).compute(in(RejectorLoss.SCORES, Tensor.of(r, 2), RejectorLoss.CORRECT, Tensor.of(c, 2))).item(), 1e-12);
        double wexp = (0.3 * Math.exp(-0.5) + 0.3 * Math.exp(1.0) + Math.exp(-1.0)) / 2;
        assertEquals(wexp, RejectorLoss.fromParams(p("phi", "exp")).compute(in(RejectorLoss.SCORES, Tensor.of(r, 2), RejectorLoss.CORRECT, Tensor.of(c, 2))).item(), 1e-12);
    }

    @Test
    void decoupledMixupHandValue() {
        double[] z = {1.0, 0.0, -1.0};
        double lse = Math.log(Math.E + 1 + Math.exp(-1));
        double mce = -(0.7 * (1 - lse) + 0.3 * (0 - lse));
        double pa = 1 - Math.log(Math.E + Math.exp(-1)), pb = 0 - Math.log(1 + Math.exp(-1));
        double want = mce - 0.1 * (pa + pb);
        LossInputs li = in(Cls.LOGITS, Tensor.of(z, 1, 3), Cls.TARGETS, Tensor.ofInts(new int[]{0}, 1), DecoupledMixupLoss.TARGETS_B, Tensor.ofInts(new int[]{1}, 1),
                DecoupledMixupLoss.LAMBDAS, Tensor.of(new double[]{0.7}, 1));
        assertEquals(want, DecoupledMixupLoss.fromParams(p()).compute(li).item(), 1e-12);
    }

    @Test
    void correctnessCalibrationPushesConfidenceByCorrectness() {
        double[] z = {2, 0, 0, 1, 0, 3};
        int[] y = {0, 1}; // row 0 correct, row 1 wrong
        double[] t = {0, 1};
        double t0 = Math.log(2) + 1e-3, t1 = sp(1) + 1e-3;
        double c0 = Math.exp(2 / t0) / (Math.exp(2 / t0) + 2), c1 = Math.exp(3 / t1) / (Math.exp(3 / t1) + Math.exp(1 / t1) + 1);
        LossInputs li = in(Cls.LOGITS, Tensor.of(z, 2, 3), Cls.TARGETS, Tensor.ofInts(y, 2), CorrectnessCalibrationLoss.TEMPERATURE_LOGITS, Tensor.of(t, 2));
        assertEquals(((1 - c0) + c1) / 2, CorrectnessCalibrationLoss.fromParams(p()).compute(li).item(), 1e-12);
        assertEquals(-(Math.log(c0) + Math.log(1 - c1)) / 2, CorrectnessCalibrationLoss.fromParams(p("form", "bce")).compute(li).item(), 1e-12);
    }

    @Test
    void cosineAdapterIsBceOfTheAffineCosine() {
        double cos = 0.6, a = 0.2, b = -0.4;
        double logit = sp(a) * cos + b;
        double want = 0.25 * sp(-logit) + 0.75 * sp(logit);
        assertEquals(want, CosineAdapterLoss.fromParams(p()).compute(in(CosineAdapterLoss.COSINES, Tensor.of(new double[]{cos}, 1), CosineAdapterLoss.SCALE_LOGITS, Tensor.of(new double[]{a}, 1),
                CosineAdapterLoss.BIASES, Tensor.of(new double[]{b}, 1), CosineAdapterLoss.LABELS, Tensor.of(new double[]{0.25}, 1))).item(), 1e-12);
    }

    @Test
    void ferKdRegimes() {
        double[][] pt = {{0.97, 0.03}, {0.6, 0.4}, {0.2, 0.8}, {0.01, 0.99}};
        int[] y = {0, 0, 0, 0}; // conf 0.97 drop, 0.6 soft, 0.2 smoothed, 0.01 drop
        double[][] z = {{1, 0}, {0.5, -0.5}, {0, 2}, {3, 3}};
        FerKdLoss l = FerKdLoss.fromParams(p());
        double[] flat = {0.97, 0.03, 0.6, 0.4, 0.2, 0.8, 0.01, 0.99};
        assertArrayEquals(new int[]{0, 1, 2, 0}, l.regimes(flat, y, 2));
        double ls1 = Math.log(Math.exp(0.5) + Math.exp(-0.5)), ls2 = Math.log(1 + Math.exp(2));
        double soft = -(0.6 * (0.5 - ls1) + 0.4 * (-0.5 - ls1));
        double hard = -((0.95) * (0 - ls2) + 0.05 * (2 - ls2));
        assertEquals((soft + hard) / 2, l.compute(in(Cls.LOGITS, Tensor.fromArray(z), Cls.TARGETS, Tensor.ofInts(y, 4), FerKdLoss.TEACHER_PROBS, Tensor.fromArray(pt))).item(), 1e-12);
    }

    @Test
    void easyLlpSoftLabels() {
        double[] f = {0.5, -0.5, 1.0};
        int[] bag = {0, 0, 1};
        double[] alpha = {0.5, 1.0};
        double prior = (0.5 + 0.5 + 1.0) / 3;
        double y0 = 2 * 0.5 - prior, y2 = 1.0;
        double want = (y0 * sp(-0.5) + (1 - y0) * sp(0.5) + y0 * sp(0.5) + (1 - y0) * sp(-0.5) + y2 * sp(-1.0)) / 3;
        assertEquals(want, EasyLlpLoss.fromParams(p()).compute(in(Cls.LOGITS, Tensor.of(f, 3), EasyLlpLoss.BAGS, Tensor.ofInts(bag, 3), EasyLlpLoss.PROPORTIONS, Tensor.of(alpha, 2))).item(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> EasyLlpLoss.fromParams(p()).compute(in(Cls.LOGITS, Tensor.of(f, 3), EasyLlpLoss.BAGS, Tensor.ofInts(new int[]{0, 0, 5}, 3), EasyLlpLoss.PROPORTIONS, Tensor.of(alpha, 2))));
    }


    @Test
    void rankMixupMrlAndMndcgHandValues() {
        double[] z = {2, 0, 1, 0.5}; // 2 x 2
        double[] mz = {1.5, 0.2, 0.3, 1.4};
        int[] y = {0, 1};
        double ce = (Math.log(Math.exp(2) + 1) - 2 + Math.log(Math.exp(1) + Math.exp(0.5)) - 0.5) / 2;
        // MRL on logits: row0 [1.5 − 2 + 0.1]₊ = 0, row1 [1.4 − 1 + 0.1]₊ = 0.5; λ = 1 for row 1 masks it out
        LossInputs li = in(Cls.LOGITS, Tensor.of(z, 2, 2), Cls.TARGETS, Tensor.ofInts(y, 2), RankMixupLoss.MIXED_LOGITS, Tensor.of(mz, 2, 2));
        assertEquals(ce + 0.1 * 0.5 / 2, RankMixupLoss.fromParams(p()).compute(li).item(), 1e-12);
        assertEquals(ce, RankMixupLoss.fromParams(p()).compute(li.with(RankMixupLoss.LAMBDAS, Tensor.of(new double[]{0.6, 1.0}, 2))).item(), 1e-12);
        // M-NDCG: one raw row, two mixed copies with λ = 0.6, 0.9 (sorted: copy 1 first)
        double[] gz = {0.0, 1.0, 2.0, 0.0};
        LossInputs g = in(Cls.LOGITS, Tensor.of(new double[]{2, 0}, 1, 2), Cls.TARGETS, Tensor.ofInts(new int[]{0}, 1),
                RankMixupLoss.GROUP_LOGITS, Tensor.of(gz, 1, 2, 2), RankMixupLoss.GROUP_LAMBDAS, Tensor.of(new double[]{0.6, 0.9}, 1, 2));
        double c0 = sig(2), c1 = sig(1), c2 = sig(2);
        double l2 = Math.log(2);
        double dcg = c0 + c2 / (Math.log(3) / l2) + c1 / (Math.log(4) / l2);
        double idcg = 1 + 0.9 / (Math.log(3) / l2) + 0.6 / (Math.log(4) / l2);
        double nd = idcg > dcg ? dcg / idcg : idcg / dcg;
        double ce1 = Math.log(Math.exp(2) + 1) - 2;
        assertEquals(ce1 + 0.1 * (1 - nd), RankMixupLoss.fromParams(p("mode", "mndcg")).compute(g).item(), 1e-12);
        var e = new io.contrast4j.losses.LossEntry("L323", RankMixupLoss::fromParams, p("mode", "mndcg", "dtype", "F64"), sd -> {
            io.contrast4j.autograd.Rng r = new io.contrast4j.autograd.Rng(sd);
            return ClassificationLosses.logits(sd, 4, 3).with(RankMixupLoss.GROUP_LOGITS, Tensor.randn(io.contrast4j.autograd.DType.F64, r, 4, 3, 3))
                    .with(RankMixupLoss.GROUP_LAMBDAS, Tensor.of(new double[]{0.55, 0.7, 0.9, 0.6, 0.8, 0.95, 0.5, 0.65, 0.85, 0.75, 0.58, 0.92}, 4, 3));
        });
        for (long sd : new long[]{1, 2}) assertTrue(e.gradCase().run(sd).passed(), "seed " + sd + ": " + e.gradCase().run(sd).summary());
    }


    static double[] mobius(double[] u, double[] v, double c) {
        double uv = 0, uu = 0, vv = 0;
        for (int i = 0; i < u.length; i++) {
            uv += u[i] * v[i];
            uu += u[i] * u[i];
            vv += v[i] * v[i];
        }
        double den = 1 + 2 * c * uv + c * c * uu * vv;
        double[] o = new double[u.length];
        for (int i = 0; i < u.length; i++) o[i] = ((1 + 2 * c * uv + c * vv) * u[i] + (1 - c * uu) * v[i]) / den;
        return o;
    }

    static double[] expmap0(double[] x, double c) {
        double n = 0;
        for (double v : x) n += v * v;
        n = Math.sqrt(n);
        double f = Math.tanh(Math.sqrt(c) * n) / (Math.sqrt(c) * n);
        double[] o = new double[x.length];
        for (int i = 0; i < x.length; i++) o[i] = x[i] * f;
        return o;
    }

    @Test
    void hyperbolicMlrMatchesGanea() {
        double c = 0.5;
        HyperbolicOneClassLoss l = HyperbolicOneClassLoss.fromParams(p("dim", "2", "curvature", "0.5", "radius", "1.5", "dtype", "F64"));
        double[][] pt = {{0.2, -0.1}, {-0.3, 0.25}}, av = {{1.0, 0.5}, {-0.4, 0.8}};
        l.parameters().get(0).assign(Tensor.fromArray(pt).storage());
        l.parameters().get(1).assign(Tensor.fromArray(av).storage());
        double[] x = {3.0, 4.0}; // norm 5 > r: clipped to norm 1.5
        double[] xc = {0.9, 1.2};
        double[] xh = expmap0(xc, c);
        double[] logit = new double[2];
        for (int k = 0; k < 2; k++) {
            double[] pk = expmap0(pt[k], c);
            double ppk = pk[0] * pk[0] + pk[1] * pk[1];
            double lam = 2 / (1 - c * ppk);
            double an = Math.hypot(av[k][0], av[k][1]);
            double[] w = mobius(new double[]{-pk[0], -pk[1]}, xh, c);
            double wa = w[0] * av[k][0] + w[1] * av[k][1], ww = w[0] * w[0] + w[1] * w[1];
            double u = 2 * Math.sqrt(c) * wa / ((1 - c * ww) * an);
            logit[k] = lam * an / Math.sqrt(c) * Math.log(u + Math.sqrt(u * u + 1));
        }
        double lse = Math.log(Math.exp(logit[0]) + Math.exp(logit[1]));
        Tensor got = l.compute(in(HyperbolicOneClassLoss.FEATURES, Tensor.of(x, 1, 2), HyperbolicOneClassLoss.LABELS, Tensor.ofInts(new int[]{1}, 1)));
        assertEquals(lse - logit[1], got.item(), 1e-12);
        double n = 0;
        for (double v : l.expmap0(Tensor.of(new double[]{30, 40}, 1, 2)).toDoubleArray()) n += v * v;
        assertTrue(Math.sqrt(n) < 1 / Math.sqrt(1.0 * c) + 1e-12, "expmap0 stays in the ball");
        assertThrows(IllegalArgumentException.class, () -> l.compute(in(HyperbolicOneClassLoss.FEATURES, Tensor.of(x, 1, 2), HyperbolicOneClassLoss.LABELS, Tensor.ofInts(new int[]{2}, 1))));
    }


    @Test
    void legendreTronLinkIsTheGradientOfAConvexPotential() {
        LegendreTronLoss l = LegendreTronLoss.fromParams(p("classes", "3", "hidden", "4", "epsilon", "0.5", "seed", "7", "dtype", "F64"));
        double[] a = l.parameters().get(0).toDoubleArray(), b = l.parameters().get(1).toDoubleArray(), wr = l.parameters().get(2).toDoubleArray();
        java.util.function.Function<double[], Double> u = z -> {
            double v = 0.25 * (z[0] * z[0] + z[1] * z[1]);
            for (int j = 0; j < 4; j++) v += sp(wr[j]) * sp(a[j * 2] * z[0] + a[j * 2 + 1] * z[1] + b[j]);
            return v;
        };
        double[] z = {0.3, -0.8};
        double[] g = l.gradU(Tensor.of(z, 1, 2)).toDoubleArray();
        for (int i = 0; i < 2; i++) {
            double[] zp = z.clone(), zm = z.clone();
            zp[i] += 1e-6;
            zm[i] -= 1e-6;
            assertEquals((u.apply(zp) - u.apply(zm)) / 2e-6, g[i], 1e-8, "d u / d z" + i);
        }
        // strong monotonicity: <grad u(z1) - grad u(z2), z1 - z2> >= eps |z1 - z2|^2
        double[] z2 = {-1.1, 0.4};
        double[] g2 = l.gradU(Tensor.of(z2, 1, 2)).toDoubleArray();
        double inner = (g[0] - g2[0]) * (z[0] - z2[0]) + (g[1] - g2[1]) * (z[1] - z2[1]);
        double sq = Math.pow(z[0] - z2[0], 2) + Math.pow(z[1] - z2[1], 2);
        assertTrue(inner >= 0.5 * sq - 1e-12, inner + " vs " + sq);
        // softmax+: p_C = 1/(1 + Σ e^{v}); log loss of class 2
        double want = Math.log(1 + Math.exp(g[0]) + Math.exp(g[1]));
        assertEquals(want, l.compute(in(Cls.LOGITS, Tensor.of(z, 1, 2), Cls.TARGETS, Tensor.ofInts(new int[]{2}, 1))).item(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> l.compute(in(Cls.LOGITS, Tensor.of(new double[]{1, 2, 3}, 1, 3), Cls.TARGETS, Tensor.ofInts(new int[]{0}, 1))));
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e4, 300})
    void extremeLogitsStayFinite(double big) {
        double[] z = {big, -big, 0, -big, big, 0.5};
        LossInputs li = in(Cls.LOGITS, Tensor.of(z, 2, 3), Cls.TARGETS, Tensor.ofInts(new int[]{1, 0}, 2));
        for (var l : java.util.List.<io.contrast4j.losses.Loss>of(DiceLoss.fromParams(p()), DiceLoss.fromParams(p("kind", "tversky")), NumberTokenLoss.fromParams(p()), NumberTokenLoss.fromParams(p("variant", "was")))) {
            Tensor zt = Tensor.of(z, 2, 3).requiresGrad(true);
            Tensor v = l.compute(li.with(Cls.LOGITS, zt));
            v.backward();
            assertTrue(Double.isFinite(v.item()), l.info().id() + " " + big);
            for (double g : zt.grad().toDoubleArray()) assertTrue(Double.isFinite(g), l.info().id() + " grad " + big);
        }
        Tensor zt = Tensor.of(z, 2, 3).requiresGrad(true);
        Tensor v = DecoupledMixupLoss.fromParams(p()).compute(li.with(Cls.LOGITS, zt).with(DecoupledMixupLoss.TARGETS_B, Tensor.ofInts(new int[]{2, 1}, 2)).with(DecoupledMixupLoss.LAMBDAS, Tensor.of(new double[]{0.5, 0.5}, 2)));
        v.backward();
        assertTrue(Double.isFinite(v.item()), "L322 " + big);
        for (double g : zt.grad().toDoubleArray()) assertTrue(Double.isFinite(g), "L322 grad " + big);
        Tensor st = Tensor.of(z, 2, 3).requiresGrad(true);
        Tensor sv = SinglePositiveLoss.fromParams(p()).compute(in(Cls.LOGITS, st, SinglePositiveLoss.LABELS, Tensor.of(new double[]{1, 0, 0, 0, 1, 0}, 2, 3)));
        sv.backward();
        assertTrue(Double.isFinite(sv.item()), "L318 " + big);
        for (double g : st.grad().toDoubleArray()) assertTrue(Double.isFinite(g), "L318 grad " + big);
    }
}
