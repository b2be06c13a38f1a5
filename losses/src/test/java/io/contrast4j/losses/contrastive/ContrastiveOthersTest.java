package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.check.GradCheck;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.metric.MetricLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.contrast4j.losses.contrastive.InfoNceFamilyTest.dot;
import static io.contrast4j.losses.contrastive.InfoNceFamilyTest.unit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** L103 GradCache equivalence; hand values for L104, L110, L111, L112, L126, L132; wrappers L140, L143. */
class ContrastiveOthersTest {

    /** y = x W + b with F64 parameters. */
    record Linear(Tensor w, Tensor b) implements Encoder {
        public Tensor encode(Tensor x) {
            return x.matmul(w).add(b);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void gradCacheMatchesPlainLossGradients(long seed) {
        Rng r = new Rng(seed);
        int b = 7, f = 6, d = 4, k = 2;
        Tensor xa = Tensor.randn(DType.F64, r, b, f), xp = Tensor.randn(DType.F64, r, b, f), xn = Tensor.randn(DType.F64, r, b, k, f);
        Linear enc = new Linear(Tensor.randn(DType.F64, r, f, d).requiresGrad(true), Tensor.randn(DType.F64, r, d).requiresGrad(true));
        for (String inner : List.of("L101", "L102")) {
            CachedInfoNceLoss cached = CachedInfoNceLoss.fromParams(Params.of(Map.of("inner", inner, "mini_batch_size", "3", "inner.learnable_scale", "true", "dtype", "F64")));
            Loss plain = cached.inner();
            // plain: full graph
            Map<String, Tensor> emb = new LinkedHashMap<>();
            emb.put(InfoNce.ANCHORS, enc.encode(xa));
            emb.put(InfoNce.POSITIVES, enc.encode(xp));
            emb.put(InfoNce.NEGATIVES, enc.encode(xn.reshape(b * k, f)).reshape(b, k, d));
            Tensor l = plain.compute(LossInputs.of(emb));
            l.backward();
            double[] gw = enc.w().grad().toDoubleArray(), gb = enc.b().grad().toDoubleArray(), gs = plain.parameters().get(0).grad().toDoubleArray();
            enc.w().zeroGrad();
            enc.b().zeroGrad();
            plain.parameters().get(0).zeroGrad();
            double v = cached.forwardBackward(enc, Map.of(InfoNce.ANCHORS, xa, InfoNce.POSITIVES, xp, InfoNce.NEGATIVES, xn), Map.of());
            assertEquals(l.item(), v, 1e-12 * Math.abs(l.item()), "seed " + seed + " " + inner);
            assertClose(gw, enc.w().grad().toDoubleArray(), "seed " + seed + " " + inner + " W");
            assertClose(gb, enc.b().grad().toDoubleArray(), "seed " + seed + " " + inner + " b");
            assertClose(gs, plain.parameters().get(0).grad().toDoubleArray(), "seed " + seed + " " + inner + " log_scale");
            enc.w().zeroGrad();
            enc.b().zeroGrad();
            plain.parameters().get(0).zeroGrad();
        }
    }

    static void assertClose(double[] want, double[] got, String what) {
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-6 * Math.max(1e-3, Math.abs(want[i])), what + "[" + i + "]");
        }
    }

    @Test
    void gistMasksByGuideThreshold() {
        double[][] a = {{1, 0}, {0, 1}}, p = {{0.8, 0.6}, {0.6, 0.8}};
        // guide: a–p [[0.9, 0.95],[0.1, 0.8]] -> row 0: t=0.9, p1 (0.95) masked; row 1: t=0.8, p0 kept
        // a–a [[1, 0.2],[0.85, 1]]: diagonals masked (1 > t); row 1 masks a0 (0.85 > 0.8); p–p [[1, 0.5],[0.5, 1]]: diagonals masked
        double[] g = {0.9, 0.95, 1, 0.2, 1, 0.5, 0.1, 0.8, 0.85, 1, 0.5, 1};
        LossInputs in = LossInputs.of(Map.of(InfoNce.ANCHORS, Tensor.fromArray(a), InfoNce.POSITIVES, Tensor.fromArray(p),
                GistEmbedLoss.GUIDE_SCORES, Tensor.of(g, 2, 6)));
        double tau = 0.01;
        double r0 = -dot(a[0], p[0]) / tau + lse(dot(a[0], p[0]) / tau, dot(a[0], a[1]) / tau, dot(p[0], p[1]) / tau);
        double r1 = -dot(a[1], p[1]) / tau + lse(dot(a[1], p[0]) / tau, dot(a[1], p[1]) / tau, dot(p[1], p[0]) / tau);
        assertEquals((r0 + r1) / 2, GistEmbedLoss.fromParams(Params.empty()).compute(in).item(), 1e-9);
    }

    static double lse(double... x) {
        double m = Double.NEGATIVE_INFINITY, s = 0;
        for (double v : x) m = Math.max(m, v);
        for (double v : x) s += Math.exp(v - m);
        return m + Math.log(s);
    }

    @Test
    void supConHandValue() {
        double[][] e = {{1, 0}, {0.8, 0.6}, {0, 1}, {-0.6, 0.8}};
        int[] y = {0, 0, 1, 1};
        double tau = 0.1, total = 0;
        for (int i = 0; i < 4; i++) {
            double[] logits = new double[3];
            int q = 0;
            double posLogit = 0;
            for (int j = 0; j < 4; j++) {
                if (j == i) continue;
                logits[q++] = dot(e[i], e[j]) / tau;
                if (y[j] == y[i]) posLogit = dot(e[i], e[j]) / tau;
            }
            total += -(posLogit - lse(logits));
        }
        assertEquals(total / 4, new SupConLoss().compute(LossInputs.of(Tensor.fromArray(e), y)).item(), 1e-9);
    }

    @Test
    void nPairsHandValue() {
        double[][] e = {{1, 0.5}, {0.2, 1}, {0.9, 0.4}, {0.1, 1.2}};
        int[] y = {0, 1, 0, 1};
        // pairs per label: (0,2) and (1,3); S = anchors · positivesᵀ (dot)
        double[][] s = {{dot(e[0], e[2]), dot(e[0], e[3])}, {dot(e[1], e[2]), dot(e[1], e[3])}};
        double want = (-s[0][0] + lse(s[0]) - s[1][1] + lse(s[1])) / 2;
        assertEquals(want, NPairsLoss.fromParams(Params.of(Map.of("normalize", "false"))).compute(LossInputs.of(Tensor.fromArray(e), y)).item(), 1e-9);
        double[][] u = {unit(e[0]), unit(e[1]), unit(e[2]), unit(e[3])};
        double[][] su = {{dot(u[0], u[2]), dot(u[0], u[3])}, {dot(u[1], u[2]), dot(u[1], u[3])}};
        assertEquals((-su[0][0] + lse(su[0]) - su[1][1] + lse(su[1])) / 2, new NPairsLoss().compute(LossInputs.of(Tensor.fromArray(e), y)).item(), 1e-9);
    }

    @Test
    void instanceLossForms() {
        double[][] e = {{1, 0}, {0, 2}, {1, 1}};
        int[] y = {0, 1, 2};
        InstanceLoss paper = new InstanceLoss(3, 2, 5, DType.F64);
        double[] w = paper.parameters().get(0).toDoubleArray();
        double want = 0;
        for (int i = 0; i < 3; i++) {
            double[] l = new double[3];
            for (int c = 0; c < 3; c++) l[c] = e[i][0] * w[c * 2] + e[i][1] * w[c * 2 + 1];
            want += lse(l) - l[y[i]];
        }
        assertEquals(want / 3, paper.compute(LossInputs.of(Tensor.fromArray(e), y)).item(), 1e-9);
        // PML form with labels 0..N-1 is the diagonal target over γ·cos
        double g = 64, pml = 0;
        for (int i = 0; i < 3; i++) {
            double[] l = new double[3];
            for (int j = 0; j < 3; j++) l[j] = g * dot(unit(e[i]), unit(e[j]));
            pml += lse(l) - l[i];
        }
        assertEquals(pml / 3, new InstanceLoss(64).compute(LossInputs.of(Tensor.fromArray(e), y)).item(), 1e-9);
    }

    @Test
    void contrastiveTensionPairsMode() {
        double[][] a = {{1, 0.5}, {0.2, -1}}, p = {{0.5, 0.5}, {1, 1}};
        double x0 = dot(a[0], p[0]), x1 = dot(a[1], p[1]);
        double want = Math.log1p(Math.exp(-x0)) + Math.log1p(Math.exp(x1)); // y0 = 1, y1 = 0
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put(InfoNce.ANCHORS, Tensor.fromArray(a));
        m.put(InfoNce.POSITIVES, Tensor.fromArray(p));
        m.put(ContrastiveTensionLoss.PAIR_LABELS, Tensor.ofInts(new int[]{1, 0}, 2));
        Loss ct = ContrastiveTensionLoss.fromParams(Params.of(Map.of("mode", "pairs")));
        assertEquals(want, ct.compute(LossInputs.of(m)).item(), 1e-9);
        GradCheck.Report rep = GradCheck.check("L126 pairs", in -> ct.compute(LossInputs.of(in)), m);
        assertTrue(rep.passed(), rep.summary());
    }

    @Test
    void vicRegHandValue() {
        double[][] z = {{0.1, 0.2}, {0.3, -0.1}, {-0.2, 0.4}}, r = {{0.0, 0.1}, {0.2, 0.0}, {-0.1, 0.3}};
        double inv = 0;
        for (int i = 0; i < 3; i++) inv += ((z[i][0] - r[i][0]) * (z[i][0] - r[i][0]) + (z[i][1] - r[i][1]) * (z[i][1] - r[i][1])) / 2;
        inv = 25 * inv / 3;
        double var = 25 * (stdTerm(z) + stdTerm(r));
        double cov = covTerm(z) + covTerm(r);
        LossInputs in = LossInputs.of(Map.of(LossInputs.EMBEDDINGS, Tensor.fromArray(z), MetricLoss.REF_EMBEDDINGS, Tensor.fromArray(r)));
        assertEquals(inv + var + cov, VicRegLoss.fromParams(Params.empty()).compute(in).item(), 1e-9);
    }

    static double[] colMeans(double[][] x) {
        double[] m = new double[x[0].length];
        for (double[] row : x) for (int d = 0; d < m.length; d++) m[d] += row[d] / x.length;
        return m;
    }

    static double stdTerm(double[][] x) {
        double[] m = colMeans(x);
        double s = 0;
        for (int d = 0; d < m.length; d++) {
            double v = 0;
            for (double[] row : x) v += (row[d] - m[d]) * (row[d] - m[d]);
            v /= x.length - 1;
            s += Math.max(0, 1 - Math.sqrt(v + 1e-4));
        }
        return s / m.length / 2;
    }

    static double covTerm(double[][] x) {
        double[] m = colMeans(x);
        double c01 = 0;
        for (double[] row : x) c01 += (row[0] - m[0]) * (row[1] - m[1]);
        c01 /= x.length - 1;
        return 2 * c01 * c01 / 2; // two off-diagonal entries, divided by D = 2
    }

    @Test
    void matryoshkaIsWeightedSumOverNormalisedPrefixes() {
        LossInputs in = ContrastiveLosses.cols(4, 4, 5, 1);
        MatryoshkaLoss m = MatryoshkaLoss.fromParams(Params.of(Map.of("inner", "L101", "dims", "2,5", "weights", "3,0.5")));
        double want = 0;
        for (int[] dw : new int[][]{{5, 1}, {2, 6}}) {
            Map<String, Tensor> cut = new LinkedHashMap<>();
            for (var e : in.asMap().entrySet()) cut.put(e.getKey(), e.getValue().slice(e.getValue().rank() - 1, 0, dw[0]));
            want += new InfoNceLoss().compute(LossInputs.of(cut)).item() * (dw[0] == 5 ? 0.5 : 3);
        }
        assertEquals(want, m.compute(in).item(), 1e-9);
        assertEquals(5, m.dims()[0]);
    }

    @Test
    void selfSupervisedWrapsALabelledLoss() {
        LossInputs in = ContrastiveLosses.views(3);
        Tensor e = in.get(LossInputs.EMBEDDINGS), r = in.get(MetricLoss.REF_EMBEDDINGS);
        double want = new SupConLoss().compute(LossInputs.of(Tensor.concat(List.of(e, r), 0), new int[]{0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5})).item();
        assertEquals(want, SelfSupervisedLoss.fromParams(Params.empty()).compute(in).item(), 1e-12);
        double asym = new SupConLoss().compute(LossInputs.of(e, InfoNce.arange(6)).with(MetricLoss.REF_EMBEDDINGS, r)
                .with(MetricLoss.REF_LABELS, Tensor.ofInts(InfoNce.arange(6), 6))).item();
        assertEquals(asym, SelfSupervisedLoss.fromParams(Params.of(Map.of("symmetric", "false"))).compute(in).item(), 1e-12);
    }

    @Test
    void detachedDclWeightsStillGiveGradientsThroughSimilarities() {
        LossInputs in = ContrastiveLosses.cols(2, 4, 3, 0);
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (var e : in.asMap().entrySet()) m.put(e.getKey(), e.getValue().detach().requiresGrad(true));
        Tensor l = DecoupledContrastiveLoss.fromParams(Params.of(Map.of("weighted", "true"))).compute(LossInputs.of(m));
        l.backward();
        assertTrue(m.get(InfoNce.ANCHORS).grad().abs().sum().item() > 0);
    }
}
