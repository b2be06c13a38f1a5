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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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


    /** Φ by Simpson integration of the normal density from −10 (reference for the erfc approximation). */
    static double phiRef(double x) {
        int n = 20000;
        double a = -10, h = (x - a) / n, sum = 0;
        for (int i = 0; i <= n; i++) {
            double t = a + i * h, w = i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2;
            sum += w * Math.exp(-t * t / 2);
        }
        return sum * h / 3 / Math.sqrt(2 * Math.PI);
    }

    @Test
    void normalCdfMatchesTheIntegralAndItsDerivativeIsTheDensity() {
        double[] xs = {-4, -1.3, -0.2, 0, 0.7, 2.5, 5};
        Tensor x = Tensor.of(xs, xs.length).requiresGrad(true);
        Tensor phi = NormalCdf.cdf(x);
        phi.sum().backward();
        double[] v = phi.toDoubleArray(), g = x.grad().toDoubleArray();
        for (int i = 0; i < xs.length; i++) {
            double ref = phiRef(xs[i]);
            assertEquals(ref, v[i], 1.5e-7 * Math.max(ref, 1e-3), "x=" + xs[i]);
            assertEquals(ref, NormalCdf.cdf(xs[i]), 1.5e-7 * Math.max(ref, 1e-3), "x=" + xs[i]);
            double dens = Math.exp(-xs[i] * xs[i] / 2) / Math.sqrt(2 * Math.PI);
            assertEquals(dens, g[i], 2e-5 * Math.max(dens, 1e-3), "density at x=" + xs[i]);
        }
        for (double big : new double[]{40, -40, 1e6, -1e6}) {
            Tensor t = Tensor.of(new double[]{big}, 1).requiresGrad(true);
            Tensor c = NormalCdf.cdf(t);
            c.sum().backward();
            assertTrue(Double.isFinite(c.item()) && Double.isFinite(t.grad().item()), "x=" + big);
        }
    }

    @Test
    void deqaSoftLabelsAndFidelity() {
        double[] z = {0.2, 1.0, -0.5, 0.0, 0.3, 0.8, -1.0, 0.5};
        double[] mu = {2.2, 3.1}, sd = {0.5, 0.8};
        double[] c = {1, 2, 3, 4};
        LossInputs li = in(io.contrast4j.losses.classification.Cls.LOGITS, Tensor.of(z, 2, 4), DeqaScoreLoss.MOS_MEAN, Tensor.of(mu, 2), DeqaScoreLoss.MOS_STD, Tensor.of(sd, 2));
        double ce = 0;
        double[] mh = new double[2], vh = new double[2];
        for (int i = 0; i < 2; i++) {
            double[] q = new double[4];
            double tot = 0;
            for (int l = 0; l < 4; l++) {
                q[l] = NormalCdf.cdf((c[l] + 0.5 - mu[i]) / sd[i]) - NormalCdf.cdf((c[l] - 0.5 - mu[i]) / sd[i]);
                tot += q[l];
            }
            double lse = 0;
            for (int l = 0; l < 4; l++) lse += Math.exp(z[i * 4 + l]);
            lse = Math.log(lse);
            for (int l = 0; l < 4; l++) {
                double p = Math.exp(z[i * 4 + l] - lse);
                ce -= q[l] / tot * (z[i * 4 + l] - lse);
                mh[i] += p * c[l];
            }
            for (int l = 0; l < 4; l++) vh[i] += Math.exp(z[i * 4 + l] - lse) * (c[l] - mh[i]) * (c[l] - mh[i]);
        }
        ce /= 2;
        assertEquals(ce, DeqaScoreLoss.fromParams(p("lambda", "0")).compute(li).item(), 1e-12);
        double pp = NormalCdf.cdf((mu[0] - mu[1]) / Math.sqrt(sd[0] * sd[0] + sd[1] * sd[1] + 1e-8));
        double ph = NormalCdf.cdf((mh[0] - mh[1]) / Math.sqrt(vh[0] + vh[1] + 1e-8));
        double fid = 1 - Math.sqrt(pp * ph + 1e-8) - Math.sqrt((1 - pp) * (1 - ph) + 1e-8);
        assertEquals(ce + 0.5 * fid, DeqaScoreLoss.fromParams(p("lambda", "0.5")).compute(li).item(), 1e-10);
        assertThrows(IllegalArgumentException.class, () -> DeqaScoreLoss.fromParams(p()).compute(li.with(DeqaScoreLoss.MOS_STD, Tensor.of(new double[]{0.5, 0}, 2))));
    }

    @Test
    void neuralNdcgApproachesHardNdcgAndIsDoublyStochastic() {
        NeuralNdcgLoss l = NeuralNdcgLoss.fromParams(p("temperature", "0.01"));
        Tensor pm = l.softSort(Tensor.of(new double[]{0.3, 2.0, -1.0, 0.9}, 4));
        double[] v = pm.toDoubleArray();
        for (int i = 0; i < 4; i++) {
            double rs = 0, cs = 0;
            for (int j = 0; j < 4; j++) {
                rs += v[i * 4 + j];
                cs += v[j * 4 + i];
            }
            assertEquals(1, rs, 1e-6);
            assertEquals(1, cs, 1e-6);
        }
        // order at τ → 0: item 1, 3, 0, 2
        assertEquals(1, v[1], 1e-6);
        assertEquals(1, v[4 + 3], 1e-6);
        double[] s = {0.3, 2.0, -1.0, 0.9}, y = {1, 0, 2, 1};
        double d = Math.log(2);
        double dcg = 0 / (Math.log(2) / d) + 1 / (Math.log(3) / d) + 1 / (Math.log(4) / d) + 3 / (Math.log(5) / d);
        double idcg = 3 + 1 / (Math.log(3) / d) + 1 / (Math.log(4) / d) + 0;
        assertEquals(-dcg / idcg, l.compute(in(Lists.SCORES, Tensor.of(s, 1, 4), Lists.LABELS, Tensor.of(y, 1, 4))).item(), 1e-6);
        double[] ideal = {1, -1, 3, 0.5};
        assertEquals(-1, l.compute(in(Lists.SCORES, Tensor.of(ideal, 1, 4), Lists.LABELS, Tensor.of(y, 1, 4))).item(), 1e-6);
        assertEquals(-1, NeuralNdcgLoss.fromParams(p("temperature", "0.01", "transposed", "true")).compute(in(Lists.SCORES, Tensor.of(ideal, 1, 4), Lists.LABELS, Tensor.of(y, 1, 4))).item(), 1e-6);
    }

    @Test
    void pgRankHandValueAndSamplingFrequencies() {
        double[] s = {0.4, -0.3};
        Tensor rk = Tensor.ofInts(new int[]{0, 1, 1, 0}, 1, 2, 2);
        double u0 = 1, u1 = (1 / (Math.log(3) / Math.log(2)));
        double lse = Math.log(Math.exp(0.4) + Math.exp(-0.3));
        double want = -((u0 - u1) * (0.4 - lse) + (u1 - u0) * (-0.3 - lse)) / 2;
        LossInputs li = in(Lists.SCORES, Tensor.of(s, 1, 2), Lists.LABELS, Tensor.of(new double[]{1, 0}, 1, 2), PgRankLoss.RANKINGS, rk);
        assertEquals(want, PgRankLoss.fromParams(p()).compute(li).item(), 1e-12);
        Tensor r = PgRankLoss.sampleRankings(s, 1, 2, 20000, 1, new io.contrast4j.autograd.Rng(3));
        int[] v = r.toIntArray();
        int first0 = 0;
        for (int t = 0; t < 20000; t++) if (v[t * 2] == 0) first0++;
        assertEquals(Math.exp(0.4) / Math.exp(lse), first0 / 20000.0, 0.015);
    }

    @Test
    void ar2PhasesHandValues() {
        double[] sc = {1.0, 0.2, -0.5}, rr = {2.0, 0.5, 1.0};
        LossInputs li = in(Lists.SCORES, Tensor.of(sc, 1, 3), Ar2Loss.RANKER_SCORES, Tensor.of(rr, 1, 3));
        double ls = Math.log(Math.exp(1.0) + Math.exp(0.2) + Math.exp(-0.5)), lr = Math.log(Math.exp(2.0) + Math.exp(0.5) + Math.exp(1.0));
        double normal = 0, adv = 0;
        for (int d = 0; d < 3; d++) {
            double logPt = Math.log(Math.exp(sc[d] - ls) + 1e-7);
            normal -= Math.exp(rr[d] - lr) * logPt;
            adv += Math.log(sig(rr[0] - rr[d]) + 1e-7) * logPt;
        }
        assertEquals(0.3 * adv + 0.7 * normal, Ar2Loss.fromParams(p("lambda", "0.3")).compute(li).item(), 1e-12);
        assertEquals(lr - 2.0, Ar2Loss.fromParams(p("phase", "ranker")).compute(in(Ar2Loss.RANKER_SCORES, Tensor.of(rr, 1, 3))).item(), 1e-12);
    }


    @Test
    void jpqScoresReconstructedDocumentsAndTrainsTheCentroids() {
        JpqLoss l = JpqLoss.fromParams(p("subspaces", "2", "centroids", "2", "dim", "4", "dtype", "F64"));
        // centroids[m][k] (2-dim each)
        double[] c = {1, 0, 0, 1, /* m=1 */ 2, 0, 0, -1};
        l.setCentroids(Tensor.of(c, 2, 2, 2));
        double[] q = {1, 2, 3, 4};
        int[] codes = {0, 0, 1, 1, 0, 1}; // three candidates
        // d̂0 = [1,0,2,0] -> 1 + 6 = 7; d̂1 = [0,1,0,-1] -> 2 - 4 = -2; d̂2 = [1,0,0,-1] -> 1 - 4 = -3
        Tensor rec = l.reconstruct(Tensor.ofInts(codes, 1, 3, 2));
        assertEquals(List.of(1.0, 0.0, 2.0, 0.0), java.util.Arrays.stream(rec.toDoubleArray()).limit(4).boxed().toList());
        double[] y = {0, 1, 2};
        LossInputs li = in(InfoNce.ANCHORS, Tensor.of(q, 1, 4), JpqLoss.CODES, Tensor.ofInts(codes, 1, 3, 2), Lists.LABELS, Tensor.of(y, 1, 3));
        double want = LambdaLoss.fromParams(p("scheme", "mrr")).compute(in(Lists.SCORES, Tensor.of(new double[]{7, -2, -3}, 1, 3), Lists.LABELS, Tensor.of(y, 1, 3))).item();
        Tensor loss = l.compute(li);
        assertEquals(want, loss.item(), 1e-12);
        loss.backward();
        double gsum = 0;
        for (double g : l.parameters().get(0).grad().toDoubleArray()) gsum += Math.abs(g);
        assertTrue(gsum > 0, "centroids receive a gradient");
        assertThrows(IllegalArgumentException.class, () -> JpqLoss.fromParams(p("subspaces", "3", "dim", "4")));
    }


    @Test
    void grocoPairIsALogisticLossAndTheSoftSortIsDoublyStochastic() {
        // n = 2, one layer: L = −log σ(β (d_neg − d_pos))
        double want = sp(-3 * (0.9 - 0.4));
        assertEquals(want, GroCoLoss.fromParams(p("steepness", "3")).compute(in(GroCoLoss.DISTANCES, Tensor.of(new double[]{0.4, 0.9}, 1, 2), Lists.LABELS, Tensor.of(new double[]{1, 0}, 1, 2))).item(), 1e-12);
        GroCoLoss hard = GroCoLoss.fromParams(p("steepness", "1000"));
        double[] d = {0.9, 0.1, 0.5, 0.3};
        double[] pm = hard.softSort(Tensor.of(d, 1, 4)).toDoubleArray();
        int[] sortedIdx = {1, 3, 2, 0};
        for (int r = 0; r < 4; r++) {
            double rs = 0, cs = 0;
            for (int e = 0; e < 4; e++) {
                rs += pm[r * 4 + e];
                cs += pm[e * 4 + r];
            }
            assertEquals(1, rs, 1e-9);
            assertEquals(1, cs, 1e-9);
            assertEquals(1, pm[r * 4 + sortedIdx[r]], 1e-6, "rank " + r);
        }
        double good = hard.compute(in(GroCoLoss.DISTANCES, Tensor.of(d, 1, 4), Lists.LABELS, Tensor.of(new double[]{0, 1, 0, 1}, 1, 4))).item();
        double bad = hard.compute(in(GroCoLoss.DISTANCES, Tensor.of(d, 1, 4), Lists.LABELS, Tensor.of(new double[]{1, 0, 1, 0}, 1, 4))).item();
        assertTrue(good < 1e-6 && bad > 5, good + " vs " + bad);
    }


    @Test
    void softIdentifiersUniformityDistillationAndHardPath() {
        SoftIdentifierLoss l = SoftIdentifierLoss.fromParams(p("levels", "1", "codewords", "2", "dim", "2", "temperature", "0.5", "distill_weight", "2", "dtype", "F64"));
        double[] cb = {1, 0, 0, 1};
        l.parameters().get(0).assign(Tensor.of(cb, 1, 2, 2).storage());
        double[] r = {0.8, 0.1, 0.2, 0.5};
        double[] t = {0.5, 0.5, 0, 1};
        double[][] as = new double[2][2];
        double[] q = new double[4];
        for (int i = 0; i < 2; i++) {
            double d0 = Math.pow(r[i * 2] - 1, 2) + Math.pow(r[i * 2 + 1], 2), d1 = Math.pow(r[i * 2], 2) + Math.pow(r[i * 2 + 1] - 1, 2);
            double e0 = Math.exp(-d0 / 0.5), e1 = Math.exp(-d1 / 0.5);
            as[i][0] = e0 / (e0 + e1);
            as[i][1] = e1 / (e0 + e1);
            q[i * 2] = as[i][0];
            q[i * 2 + 1] = as[i][1];
        }
        double m0 = (as[0][0] + as[1][0]) / 2, m1 = 1 - m0;
        double uni = m0 * Math.log(m0) + m1 * Math.log(m1);
        double mse = 0;
        for (int i = 0; i < 4; i++) mse += Math.pow(q[i] - t[i], 2) / 4;
        LossInputs li = in(SoftIdentifierLoss.ITEMS, Tensor.of(r, 2, 2), SoftIdentifierLoss.TEACHER, Tensor.of(t, 2, 2));
        assertEquals(uni + 2 * mse, l.compute(li).item(), 1e-12);
        assertTrue(uni >= -Math.log(2) - 1e-12);
        SoftIdentifierLoss h = SoftIdentifierLoss.fromParams(p("levels", "1", "codewords", "2", "dim", "2", "hard", "true", "dtype", "F64"));
        h.parameters().get(0).assign(Tensor.of(cb, 1, 2, 2).storage());
        double[] hq = h.quantise(Tensor.of(r, 2, 2)).get(1).toDoubleArray();
        assertArrayEquals(new double[]{1, 0, 0, 1}, hq, 1e-12);
        Tensor rt = Tensor.of(r, 2, 2).requiresGrad(true);
        h.compute(in(SoftIdentifierLoss.ITEMS, rt, SoftIdentifierLoss.TEACHER, Tensor.of(t, 2, 2))).backward();
        double gs = 0;
        for (double g : rt.grad().toDoubleArray()) gs += Math.abs(g);
        assertTrue(gs > 0, "straight-through passes the soft gradient");
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
