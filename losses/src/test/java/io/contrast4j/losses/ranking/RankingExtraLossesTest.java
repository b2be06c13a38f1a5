package io.contrast4j.losses.ranking;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.contrastive.InfoNce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand values, limits and extreme inputs for L204, L205, L211, L216, L217, L219–L221, L223, L226. */
class RankingExtraLossesTest {
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

    static double sp(double x) {
        return Math.log1p(Math.exp(x));
    }

    static double sig(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void klTopRestrictsToTheTeachersTopK() {
        double[] s = {0.3, -1.0, 2.0, 0.5}, t = {1.0, 3.0, -2.0, 2.0};
        // teacher top-2: columns 1 and 3
        double zt = Math.exp(3.0) + Math.exp(2.0), zs = Math.exp(-1.0) + Math.exp(0.5);
        double pt1 = Math.exp(3.0) / zt, pt3 = Math.exp(2.0) / zt;
        double kl = pt1 * (Math.log(pt1) - Math.log(Math.exp(-1.0) / zs)) + pt3 * (Math.log(pt3) - Math.log(Math.exp(0.5) / zs));
        double got = KlTopLoss.fromParams(p("k", "2")).compute(in(Lists.SCORES, Tensor.of(s, 1, 4), Lists.TEACHER, Tensor.of(t, 1, 4))).item();
        assertEquals(kl, got, 1e-12);
        // k >= C is the full KL of L202
        double full = DistillKlLoss.fromParams(p()).compute(in(Lists.SCORES, Tensor.of(s, 1, 4), Lists.TEACHER, Tensor.of(t, 1, 4))).item();
        assertEquals(full, KlTopLoss.fromParams(p("k", "9")).compute(in(Lists.SCORES, Tensor.of(s, 1, 4), Lists.TEACHER, Tensor.of(t, 1, 4))).item(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> KlTopLoss.fromParams(p("k", "0")));
    }

    @Test
    void dualHeadSumsCeKdAndBinaryKl() {
        double[] za = {1, 0, -1}, zb = {0.5, -0.5, 2}, zt = {2, 1, 0};
        double lse = Math.log(Math.exp(1) + Math.exp(0) + Math.exp(-1));
        double ce = -(0 - lse); // target 1
        double lt = Math.log(Math.exp(2) + Math.exp(1) + 1), ls = lse;
        double kd = 0;
        for (int c = 0; c < 3; c++) kd += Math.exp(zt[c] - lt) * ((zt[c] - lt) - (za[c] - ls));
        double bkl = 0;
        for (int c = 0; c < 3; c++) {
            double a = sig(zt[c]), b = sig(zb[c]);
            bkl += a * Math.log(a / b) + (1 - a) * Math.log((1 - a) / (1 - b));
        }
        double got = DualHeadKdLoss.fromParams(p("temperature", "1", "lambda", "0.5")).compute(in(DualHeadKdLoss.LOGITS, Tensor.of(za, 1, 3),
                DualHeadKdLoss.AUX_LOGITS, Tensor.of(zb, 1, 3), DualHeadKdLoss.TEACHER_LOGITS, Tensor.of(zt, 1, 3), DualHeadKdLoss.TARGETS, Tensor.ofInts(new int[]{1}, 1))).item();
        assertEquals(ce + kd + 0.5 * bkl, got, 1e-12);
    }

    @Test
    void aucPooledAndMacro() {
        double[] s = {2, 0, 1, -1, 3, 0.5};
        double[] y = {1, 0, -1, 0, 1, 0}; // 2 x 3, slot (0,2) padded
        LossInputs li = in(Lists.SCORES, Tensor.of(s, 2, 3), Lists.LABELS, Tensor.of(y, 2, 3));
        double[] pos = {2, 3}, neg = {0, -1, 0.5};
        double tot = 0;
        for (double a : pos) for (double b : neg) tot += sp(-(a - b));
        assertEquals(tot / 6, AucLoss.fromParams(p()).compute(li).item(), 1e-12);
        // macro: column 0 (pos 2, neg −1), column 1 (pos 3, neg 0); column 2 has no positive
        double macro = (sp(-(2 + 1) / 0.5) + sp(-(3 - 0) / 0.5)) / 2;
        assertEquals(macro, AucLoss.fromParams(p("mode", "macro", "temperature", "0.5")).compute(li).item(), 1e-12);
    }

    @Test
    void lolPenalisesLossesThatGrowWithFeedback() {
        double[] l = {1.0, 1.5, 0.7};
        double reg = 0.5 + 0 + 0; // pairs (0,1): 0.5, (0,2): 0, (1,2): 0
        assertEquals(3.2 + 2 * reg, LolLoss.fromParams(p("lambda", "2")).compute(in(LolLoss.REVISION_LOSSES, Tensor.of(l, 1, 3))).item(), 1e-12);
        double[] dec = {3, 2, 1};
        assertEquals(6, LolLoss.fromParams(p("lambda", "5")).compute(in(LolLoss.REVISION_LOSSES, Tensor.of(dec, 1, 3))).item(), 1e-12);
    }

    @Test
    void aftAlignAndConstraint() {
        double[] s = {2, 1, 0.5, -3};
        double[] y = {1, 1, 0, 0};
        // align: log(1 + Σ_{p,n} e^{s_n − s_p}); B = min_p − γ = 1 − 1 = 0; cons = [0 − 0.5]₊ + [0 + 3]₊ = 3
        double align = Math.log(1 + Math.exp(0.5 - 2) + Math.exp(-3 - 2) + Math.exp(0.5 - 1) + Math.exp(-3 - 1));
        Tensor st = Tensor.of(s, 1, 4).requiresGrad(true);
        Tensor l = AftLoss.fromParams(p()).compute(in(Lists.SCORES, st, Lists.LABELS, Tensor.of(y, 1, 4)));
        assertEquals(align + 3, l.item(), 1e-12);
        l.backward();
        // the bound is sg(min_p s_p) − γ: the constraint pushes only the negative below the bound (d/ds_3 includes −1)
        double g3 = (Math.exp(-5) + Math.exp(-4)) / Math.exp(align) - 1;
        assertEquals(g3, st.grad().toDoubleArray()[3], 1e-12);
    }

    @Test
    void relMfWeightsByInversePropensity() {
        double[] r = {0.4, -1.2};
        double[] y = {1, 1};
        RelMfLoss loss = RelMfLoss.fromParams(p("eta", "0.5", "clip", "0.1"));
        double[] th = loss.propensities(new double[]{100, 0});
        assertEquals(1, th[0], 0);
        assertEquals(0.1, th[1], 0);
        double l0 = sp(-0.4); // θ = 1: plain log loss
        double w = 1 / 0.1;
        double l1 = w * sp(1.2) + (1 - w) * sp(-1.2);
        double got = loss.compute(in(Lists.SCORES, Tensor.of(r, 1, 2), RelMfLoss.CLICKS, Tensor.of(y, 1, 2), RelMfLoss.POPULARITY, Tensor.ofInts(new int[]{100, 0}, 2))).item();
        assertEquals((l0 + l1) / 2, got, 1e-12);
    }

    @Test
    void nbpoReducesToBceWithoutFlips() {
        double[] x = {0.3, -2.0}, o = {1, 0}, f = {-50, 1.0};
        double rho1 = sig(1.0), y1 = sig(-2.0), eta = 0.1;
        double p0 = (1 - sig(-50)) * sig(0.3) + eta * (1 - sig(0.3));
        double q1 = rho1 * y1 + (1 - eta) * (1 - y1);
        double got = NbpoLoss.fromParams(p("eta", "0.1")).compute(in(Lists.SCORES, Tensor.of(x, 2), NbpoLoss.OBSERVED, Tensor.of(o, 2), NbpoLoss.FLIP_LOGITS, Tensor.of(f, 2))).item();
        assertEquals(-(Math.log(p0) + Math.log(q1)) / 2, got, 1e-12);
    }

    @Test
    void cetPhasesStopTheOtherModel() {
        double[] r = {1.0, -0.5}, s = {0.2, 2.0}, y = {1, 0};
        double j0 = sig(1.0) * sig(0.2), j1 = sig(-0.5) * sig(2.0);
        double want = -(Math.log(j0) + Math.log(1 - j1)) / 2;
        for (String phase : List.of("joint", "relevance", "selection")) {
            Tensor rt = Tensor.of(r, 2).requiresGrad(true), st = Tensor.of(s, 2).requiresGrad(true);
            Tensor l = CetLoss.fromParams(p("phase", phase)).compute(in(Lists.SCORES, rt, CetLoss.SELECTION, st, Lists.LABELS, Tensor.of(y, 2)));
            assertEquals(want, l.item(), 1e-12, phase);
            l.backward();
            double gr = rt.grad() == null ? 0 : Math.abs(rt.grad().toDoubleArray()[0]), gs = st.grad() == null ? 0 : Math.abs(st.grad().toDoubleArray()[0]);
            if (phase.equals("relevance")) assertEquals(0, gs, 0, phase);
            if (phase.equals("selection")) assertTrue(rt.grad() == null || gr == 0, phase);
            if (phase.equals("joint")) assertTrue(gr > 0 && gs > 0, phase);
        }
    }

    @Test
    void csrReconstructionTerms() {
        double[][] x = {{1, 2}, {0, -1}}, xk = {{1, 1}, {0.5, -1}}, x4 = {{1, 2.5}, {0, -1}}, aux = {{0.1, 0.2}, {0.3, 0}};
        double[] b = {0.5, -0.5};
        double lk = (0 + 1 + 0.25 + 0) / 4, l4 = 0.25 / 4;
        // aux target o = x − (x_k − b) = {{0.5, 0.5}, {0, -0.5}}
        double n0 = (Math.pow(0.1 - 0.5, 2) + Math.pow(0.2 - 0.5, 2)) / 2 / ((0.25 + 0.25) / 2);
        double n1 = (Math.pow(0.3 - 0, 2) + Math.pow(0 + 0.5, 2)) / 2 / ((0 + 0.25) / 2);
        LossInputs li = in(CsrLoss.BACKBONE, Tensor.fromArray(x), CsrLoss.RECON_K, Tensor.fromArray(xk), CsrLoss.RECON_4K, Tensor.fromArray(x4),
                CsrLoss.RECON_AUX, Tensor.fromArray(aux), CsrLoss.PRE_BIAS, Tensor.of(b, 2));
        double want = lk + l4 / 8 + 0.1 * (n0 + n1) / 2;
        assertEquals(want, CsrLoss.fromParams(p()).compute(li).item(), 1e-12);
        // with sparse codes as columns, γ·L_base is added
        double[][] q = {{1, 0, 2}, {0, 0, 1}}, d = {{0.5, 0, 1}, {2, 1, 0}};
        LossInputs withCodes = li.with(InfoNce.ANCHORS, Tensor.fromArray(q)).with(InfoNce.POSITIVES, Tensor.fromArray(d));
        double base = io.contrast4j.losses.contrastive.InfoNceLoss.fromParams(p("similarity", "dot", "scale", "1"))
                .compute(in(InfoNce.ANCHORS, Tensor.fromArray(q), InfoNce.POSITIVES, Tensor.fromArray(d))).item();
        assertEquals(want + 2 * base, CsrLoss.fromParams(p("gamma", "2")).compute(withCodes).item(), 1e-12);
        // the aux target is a stop-gradient: x_k gets gradient only from L_k
        Tensor xkt = Tensor.fromArray(xk).requiresGrad(true);
        CsrLoss.fromParams(p()).compute(li.with(CsrLoss.RECON_K, xkt)).backward();
        double[] g = xkt.grad().toDoubleArray();
        assertEquals(2 * (1 - 2) / 4.0, g[1], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> CsrLoss.fromParams(p("alpha", "1")));
    }

    @Test
    void dpoAndTpoHandValues() {
        double[] c = {-1.0, -2.0}, r = {-1.5, -1.0}, rc = {-1.2, -2.0}, rr = {-1.4, -1.5};
        double m0 = (c[0] - rc[0]) - (r[0] - rr[0]), m1 = (c[1] - rc[1]) - (r[1] - rr[1]);
        double dpo = (sp(-0.5 * m0) + sp(-0.5 * m1)) / 2;
        LossInputs li = in(PreferenceLoss.CHOSEN, Tensor.of(c, 2), PreferenceLoss.REJECTED, Tensor.of(r, 2), PreferenceLoss.REF_CHOSEN, Tensor.of(rc, 2), PreferenceLoss.REF_REJECTED, Tensor.of(rr, 2));
        assertEquals(dpo, PreferenceLoss.fromParams(p("beta", "0.5")).compute(li).item(), 1e-12);
        double tpo = 1.5 + (sp(-0.5 * (c[0] - r[0])) + sp(-0.5 * (c[1] - r[1]))) / 2;
        assertEquals(tpo, PreferenceLoss.fromParams(p("mode", "tpo", "beta", "0.5")).compute(in(PreferenceLoss.CHOSEN, Tensor.of(c, 2), PreferenceLoss.REJECTED, Tensor.of(r, 2))).item(), 1e-12);
        int[][] bw = PreferenceLoss.bestWorst(new double[][]{{0.1, 0.9, -0.3}});
        assertEquals(1, bw[0][0]);
        assertEquals(2, bw[0][1]);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e4, 300})
    void extremeInputsStayFinite(double big) {
        double[] s = {big, -big, 0.5, -0.25 * big, -big, big, 0, 0.3 * big};
        double[] y = {1, 0, 0, -1, 1, 0, 1, 0};
        List<Loss> lists = List.of(AucLoss.fromParams(p()), AftLoss.fromParams(p()));
        for (Loss l : lists) {
            Tensor st = Tensor.of(s, 2, 4).requiresGrad(true);
            Tensor v = l.compute(in(Lists.SCORES, st, Lists.LABELS, Tensor.of(y, 2, 4)));
            v.backward();
            assertTrue(Double.isFinite(v.item()), l.info().id() + " " + big);
            for (double g : st.grad().toDoubleArray()) assertTrue(Double.isFinite(g), l.info().id() + " grad " + big);
        }
        Tensor st = Tensor.of(s, 2, 4).requiresGrad(true);
        Tensor v = KlTopLoss.fromParams(p("k", "3")).compute(in(Lists.SCORES, st, Lists.TEACHER, Tensor.of(s, 2, 4).neg()));
        v.backward();
        assertTrue(Double.isFinite(v.item()));
        double[] x = {big, -big, big, -big};
        double[] o = {1, 1, 0, 0};
        for (Loss l : List.<Loss>of(NbpoLoss.fromParams(p("eta", "0.1")), NbpoLoss.fromParams(p()))) {
            Tensor xt = Tensor.of(x, 4).requiresGrad(true);
            Tensor out = l.compute(in(Lists.SCORES, xt, NbpoLoss.OBSERVED, Tensor.of(o, 4), NbpoLoss.FLIP_LOGITS, Tensor.of(new double[]{-big, big, 0, 1}, 4)));
            out.backward();
            assertTrue(Double.isFinite(out.item()), "L220 " + big);
            for (double g : xt.grad().toDoubleArray()) assertTrue(Double.isFinite(g), "L220 grad " + big);
        }
        Tensor rt = Tensor.of(x, 4).requiresGrad(true);
        Tensor out = CetLoss.fromParams(p()).compute(in(Lists.SCORES, rt, CetLoss.SELECTION, Tensor.of(x, 4), Lists.LABELS, Tensor.of(o, 4)));
        out.backward();
        assertTrue(Double.isFinite(out.item()), "L221 " + big);
        for (double g : rt.grad().toDoubleArray()) assertTrue(Double.isFinite(g), "L221 grad " + big);
    }
}
