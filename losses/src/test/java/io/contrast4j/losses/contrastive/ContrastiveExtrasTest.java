package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.LossInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.contrast4j.losses.contrastive.InfoNceFamilyTest.dot;
import static io.contrast4j.losses.contrastive.InfoNceFamilyTest.unit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand values and state handling for L113–L116, L133, L134, L141, L142. */
class ContrastiveExtrasTest {

    static double cos(double[] a, double[] b) {
        return dot(unit(a), unit(b));
    }

    @Test
    void dexmlDecoupledSoftmaxHandValue() {
        double[][] q = {{1, 0}, {0, 1}}, l = {{1, 0.2}, {0.5, 1}, {-1, 0.3}};
        int[] y = {1, 1, 0, 0, 0, 1};
        double s = 3, total = 0;
        for (int i = 0; i < 2; i++) {
            double neg = 0, sum = 0;
            int c = 0;
            for (int j = 0; j < 3; j++) if (y[i * 3 + j] == 0) neg += Math.exp(s * cos(q[i], l[j]));
            for (int j = 0; j < 3; j++) if (y[i * 3 + j] == 1) {
                double z = s * cos(q[i], l[j]);
                sum += z - Math.log(Math.exp(z) + neg);
                c++;
            }
            total += sum / c;
        }
        LossInputs in = LossInputs.of(Map.of(InfoNce.ANCHORS, Tensor.fromArray(q), DecoupledSoftmaxLoss.LABEL_EMBEDDINGS, Tensor.fromArray(l),
                DecoupledSoftmaxLoss.TARGETS, Tensor.ofInts(y, 2, 3)));
        assertEquals(-total / 2, DecoupledSoftmaxLoss.fromParams(Params.of(Map.of("scale", "3"))).compute(in).item(), 1e-12);
        // no positives at all: zero loss on the graph
        Tensor qq = Tensor.fromArray(q).requiresGrad(true);
        Tensor z = DecoupledSoftmaxLoss.fromParams(Params.empty()).compute(LossInputs.of(Map.of(InfoNce.ANCHORS, qq, DecoupledSoftmaxLoss.LABEL_EMBEDDINGS,
                Tensor.fromArray(l), DecoupledSoftmaxLoss.TARGETS, Tensor.ofInts(new int[6], 2, 3))));
        assertEquals(0, z.item(), 0);
        assertTrue(z.requiresGrad());
    }

    @Test
    void softTopKMaskSumsToKAndLossMatchesFormula() {
        double[] s = {0.3, -1.2, 2.0, 0.7, -0.1};
        SoftTopKLoss l = new SoftTopKLoss(2, 1.5);
        double t = l.offset(s, 0, 5);
        double sum = 0;
        for (double v : s) sum += SoftTopKLoss.sig(1.5 * (v + t));
        assertEquals(2, sum, 1e-10);
        double want = -(Math.log(SoftTopKLoss.sig(1.5 * (s[0] + t))) + Math.log(SoftTopKLoss.sig(1.5 * (s[3] + t)))) / 2;
        LossInputs in = LossInputs.of(Map.of(SoftTopKLoss.SCORES, Tensor.of(s, 1, 5), SoftTopKLoss.TARGETS, Tensor.ofInts(new int[]{1, 0, 0, 1, 0}, 1, 5)));
        assertEquals(want, l.compute(in).item(), 1e-10);
        // implicit gradient: ∂(Σ m)/∂s = 0 (the constraint holds for every s)
        Tensor x = Tensor.of(s, 1, 5).requiresGrad(true);
        l.mask(x).sum().backward();
        for (double g : x.grad().toDoubleArray()) assertEquals(0, g, 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new SoftTopKLoss(5, 1).compute(in));
    }

    @Test
    void frozenBankHandValueAndNoBankGradient() {
        double[][] q = {{1, 0}, {0, 1}}, bank = {{0.8, 0.6}, {-1, 0}, {0.2, 1}};
        int[] t = {0, 2};
        double sc = 4, want = 0;
        for (int i = 0; i < 2; i++) {
            double z = 0;
            for (double[] b : bank) z += Math.exp(sc * cos(q[i], b));
            want += -sc * cos(q[i], bank[t[i]]) + Math.log(z);
        }
        Tensor bk = Tensor.fromArray(bank).requiresGrad(true), qq = Tensor.fromArray(q).requiresGrad(true);
        Tensor v = FrozenBankInfoNceLoss.fromParams(Params.of(Map.of("scale", "4"))).compute(LossInputs.of(Map.of(InfoNce.ANCHORS, qq,
                FrozenBankInfoNceLoss.BANK, bk, FrozenBankInfoNceLoss.TARGETS, Tensor.ofInts(t, 2))));
        assertEquals(want / 2, v.item(), 1e-12);
        v.backward();
        assertTrue(bk.grad() == null || java.util.Arrays.stream(bk.grad().toDoubleArray()).allMatch(g -> g == 0), "bank is sg");
        assertTrue(java.util.Arrays.stream(qq.grad().toDoubleArray()).anyMatch(g -> g != 0));
    }

    @Test
    void sogclrStateUpdatesOnlyInTraining() {
        double[][] a = {{1, 0}, {0, 1}, {0.6, 0.8}}, p = {{0.9, 0.1}, {0.2, 1}, {1, 1}};
        double tau = 0.5, gamma = 0.9;
        double[] g = new double[3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) if (j != i) g[i] += Math.exp((cos(a[i], p[j]) - cos(a[i], p[i])) / tau) / 2;
        }
        SogClrLoss l = new SogClrLoss(5, tau, gamma, Similarity.COS);
        LossInputs in = LossInputs.of(Map.of(InfoNce.ANCHORS, Tensor.fromArray(a), InfoNce.POSITIVES, Tensor.fromArray(p), SogClrLoss.INDICES, Tensor.ofInts(new int[]{4, 0, 2}, 3)));
        double v = l.compute(in).item();
        double[] u = {gamma * g[1], 0, gamma * g[2], 0, gamma * g[0]};
        assertArrayEquals(u, l.state(), 1e-12);
        assertEquals((g[0] / u[4] + g[1] / u[0] + g[2] / u[2]) / 3, v, 1e-12);
        double[] before = l.state().clone();
        l.training(false);
        l.compute(in);
        assertArrayEquals(before, l.state(), 0);
        l.training(true);
        l.compute(in);
        assertEquals((1 - gamma) * u[4] + gamma * g[0], l.state()[4], 1e-12);
        // eval before any training call: a clear error, not a division by zero
        SogClrLoss fresh = new SogClrLoss(5, tau, gamma, Similarity.COS).training(false);
        assertThrows(IllegalArgumentException.class, () -> fresh.compute(in));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void wmseWhitensAndMatchesCholeskyForm(long seed) {
        Rng r = new Rng(seed);
        int b = 6, d = 3;
        double[][] a = new double[b][d], p = new double[b][d];
        for (int i = 0; i < b; i++) for (int j = 0; j < d; j++) {
            a[i][j] = r.nextGaussian() * (j + 1);
            p[i][j] = a[i][j] + 0.5 * r.nextGaussian();
        }
        // reference: Cholesky whitening in plain Java (ε = 0), loss = mean ‖v̂_a − v̂_p‖²
        double[][] z = new double[2 * b][];
        for (int i = 0; i < b; i++) {
            z[i] = a[i];
            z[b + i] = p[i];
        }
        double[] mu = new double[d];
        for (double[] zi : z) for (int j = 0; j < d; j++) mu[j] += zi[j] / (2 * b);
        double[][] cov = new double[d][d];
        for (double[] zi : z) for (int j = 0; j < d; j++) for (int k = 0; k < d; k++) cov[j][k] += (zi[j] - mu[j]) * (zi[k] - mu[k]) / (2 * b - 1);
        double[][] lo = new double[d][d];
        for (int j = 0; j < d; j++) for (int k = 0; k <= j; k++) {
            double s = cov[j][k];
            for (int m = 0; m < k; m++) s -= lo[j][m] * lo[k][m];
            lo[j][k] = j == k ? Math.sqrt(s) : s / lo[k][k];
        }
        double[][] v = new double[2 * b][d];
        for (int i = 0; i < 2 * b; i++) for (int j = 0; j < d; j++) { // forward substitution L v = z − μ
            double s = z[i][j] - mu[j];
            for (int m = 0; m < j; m++) s -= lo[j][m] * v[i][m];
            v[i][j] = s / lo[j][j];
        }
        double want = 0;
        for (int i = 0; i < b; i++) {
            double[] x = unit(v[i]), y = unit(v[b + i]);
            for (int j = 0; j < d; j++) want += (x[j] - y[j]) * (x[j] - y[j]) / b;
        }
        WhiteningMseLoss l = new WhiteningMseLoss(0, 60);
        double got = l.compute(LossInputs.of(Map.of(InfoNce.ANCHORS, Tensor.fromArray(a), InfoNce.POSITIVES, Tensor.fromArray(p)))).item();
        assertEquals(want, got, 1e-8, "seed " + seed);
        // whitened covariance is the identity
        Tensor w = l.whiten(Tensor.fromArray(z));
        double[] c = w.matmul(w, true, false).div(2 * b - 1).toDoubleArray();
        for (int j = 0; j < d; j++) for (int k = 0; k < d; k++) assertEquals(j == k ? 1 : 0, c[j * d + k], 1e-8, "seed " + seed);
    }

    @Test
    void tsdaeMatchesPlainJavaDecoder() {
        int v = 5, d = 3, t = 3, h = 4;
        DenoisingAutoEncoderLoss l = new DenoisingAutoEncoderLoss(v, d, 4, h, 0, 7, DType.F64);
        var ps = l.parameters();
        double[] tok = ps.get(0).toDoubleArray(), pos = ps.get(1).toDoubleArray(), wq = ps.get(2).toDoubleArray(), wk = ps.get(3).toDoubleArray(),
                wv = ps.get(4).toDoubleArray(), wo = ps.get(5).toDoubleArray(), wc = ps.get(6).toDoubleArray(), w1 = ps.get(7).toDoubleArray(),
                b1 = ps.get(8).toDoubleArray(), w2 = ps.get(9).toDoubleArray();
        double[][] e = {{0.5, -1, 0.3}, {1, 0.2, -0.4}};
        int[][] ids = {{2, 4, 1}, {3, 3, 0}};
        double total = 0;
        for (int b = 0; b < 2; b++) {
            double[][] x = new double[t][d], q = new double[t][], k = new double[t][], vv = new double[t][];
            for (int i = 0; i < t; i++) {
                int prev = i == 0 ? 0 : ids[b][i - 1];
                for (int j = 0; j < d; j++) x[i][j] = tok[prev * d + j] + pos[i * d + j];
                q[i] = mv(x[i], wq, d, d);
                k[i] = mv(x[i], wk, d, d);
                vv[i] = mv(x[i], wv, d, d);
            }
            double[] cross = mv(e[b], wc, d, d);
            for (int i = 0; i < t; i++) {
                double[] att = new double[d];
                double z = 0;
                double[] sc = new double[i + 1];
                for (int j = 0; j <= i; j++) {
                    sc[j] = Math.exp(dot(q[i], k[j]) / Math.sqrt(d));
                    z += sc[j];
                }
                for (int j = 0; j <= i; j++) for (int m = 0; m < d; m++) att[m] += sc[j] / z * vv[j][m];
                double[] ao = mv(att, wo, d, d), hh = new double[d];
                for (int m = 0; m < d; m++) hh[m] = x[i][m] + ao[m] + cross[m];
                double[] hid = mv(hh, w1, d, h);
                for (int m = 0; m < h; m++) hid[m] = Math.tanh(hid[m] + b1[m]);
                double[] ff = mv(hid, w2, h, d);
                for (int m = 0; m < d; m++) hh[m] += ff[m];
                double lse = 0;
                for (int c = 0; c < v; c++) lse += Math.exp(dot(hh, java.util.Arrays.copyOfRange(tok, c * d, c * d + d)));
                total += Math.log(lse) - dot(hh, java.util.Arrays.copyOfRange(tok, ids[b][i] * d, ids[b][i] * d + d));
            }
        }
        int[] flat = {2, 4, 1, 3, 3, 0};
        double got = l.compute(LossInputs.of(Map.of(LossInputs.EMBEDDINGS, Tensor.fromArray(e), DenoisingAutoEncoderLoss.TOKEN_IDS, Tensor.ofInts(flat, 2, 3)))).item();
        assertEquals(total / 6, got, 1e-10);
        int[] kept = DenoisingAutoEncoderLoss.corrupt(new int[]{1, 2, 3, 4, 5, 6, 7, 8}, 0.6, new Rng(3));
        assertTrue(kept.length >= 1 && kept.length <= 8);
        assertEquals(1, DenoisingAutoEncoderLoss.corrupt(new int[]{9, 9}, 0.999999, new Rng(1)).length);
    }

    /** x (1 x n) · W (n x m). */
    static double[] mv(double[] x, double[] w, int n, int m) {
        double[] y = new double[m];
        for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) y[j] += x[i] * w[i * m + j];
        return y;
    }

    @Test
    void adaptiveLayerAndTwoDMatryoshkaHandValues() {
        Rng r = new Rng(9);
        Tensor la = Tensor.randn(DType.F64, r, 3, 3, 4), lp = Tensor.randn(DType.F64, r, 3, 3, 4);
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("layer_anchors", la);
        m.put("layer_positives", lp);
        InfoNceLoss inner = new InfoNceLoss(LogitScale.fixed(5), Similarity.COS);
        double temp = 0.3;
        double want = at(inner, la, lp, 2);
        for (int l = 0; l < 2; l++) {
            want += at(inner, la, lp, l) / (1 + l) / 2;
            want += temp * kl(la, lp, 2, l, temp);
        }
        AdaptiveLayerLoss al = AdaptiveLayerLoss.fromParams(Params.of(Map.of("inner", "L101", "inner.scale", "5", "n_layers_per_step", "-1", "dtype", "F64")));
        assertEquals(want, al.compute(LossInputs.of(m)).item(), 1e-10);
        // 2D: inner = Matryoshka over dims {4, 2}; KL on the full-width embeddings
        double want2 = 0;
        for (int dcut : new int[]{4, 2}) want2 += at(inner, la.slice(2, 0, dcut), lp.slice(2, 0, dcut), 2);
        for (int l = 0; l < 2; l++) {
            double li = 0;
            for (int dcut : new int[]{4, 2}) li += at(inner, la.slice(2, 0, dcut), lp.slice(2, 0, dcut), l);
            want2 += li / (1 + l) / 2 + temp * kl(la, lp, 2, l, temp);
        }
        AdaptiveLayerLoss m2 = AdaptiveLayerLoss.matryoshka2dFromParams(Params.of(Map.of("inner", "L101", "inner.scale", "5", "dims", "4,2",
                "n_dims_per_step", "-1", "n_layers_per_step", "-1", "dtype", "F64")));
        assertEquals("L142", m2.info().id());
        assertEquals(want2, m2.compute(LossInputs.of(m)).item(), 1e-10);
        assertThrows(IllegalArgumentException.class, () -> al.compute(LossInputs.of(Map.of(InfoNce.ANCHORS, la.slice(0, 0, 1).reshape(3, 4), "layer_positives", lp))));
    }

    static double at(InfoNceLoss inner, Tensor la, Tensor lp, int l) {
        return inner.compute(LossInputs.of(Map.of(InfoNce.ANCHORS, la.slice(0, l, l + 1).reshape(3, la.dim(2)), InfoNce.POSITIVES, lp.slice(0, l, l + 1).reshape(3, lp.dim(2))))).item();
    }

    /** batchmean KL(softmax(final/T) ‖ softmax(layer/T)) over the 6 rows (anchors then positives). */
    static double kl(Tensor la, Tensor lp, int fin, int l, double temp) {
        double total = 0;
        for (Tensor x : new Tensor[]{la, lp}) {
            for (int i = 0; i < 3; i++) {
                double[] pf = soft(x, fin, i, temp), pl = soft(x, l, i, temp);
                for (int j = 0; j < pf.length; j++) total += pf[j] * Math.log(pf[j] / pl[j]);
            }
        }
        return total / 6;
    }

    static double[] soft(Tensor x, int l, int i, double temp) {
        int d = x.dim(2);
        double[] p = new double[d];
        double z = 0;
        for (int j = 0; j < d; j++) {
            p[j] = Math.exp(x.get(l, i, j) / temp);
            z += p[j];
        }
        for (int j = 0; j < d; j++) p[j] /= z;
        return p;
    }

    @Test
    void syConHandValue() {
        double[][] z1 = {{1, 0}, {0, 1}}, z2 = {{0.9, 0.3}, {0.2, 1}}, past = {{0.7, 0.7}, {-0.5, 1}}, g = {{1, 0.4}, {0.3, 1}};
        double tau = 0.5, lam = 0.7;
        double want = (ce(z1, z2, past, tau) + lam * ce(g, past, z1, tau)) ;
        SyConLoss l = new SyConLoss(tau, lam, true);
        LossInputs in = LossInputs.of(Map.of(InfoNce.ANCHORS, Tensor.fromArray(z1), InfoNce.POSITIVES, Tensor.fromArray(z2),
                SyConLoss.PAST, Tensor.fromArray(past), SyConLoss.PROJECTED, Tensor.fromArray(g)));
        assertEquals(want, l.compute(in).item(), 1e-12);
    }

    /** mean_i −log e^{c(q_i,pos_i)/τ} / (Σ_j e^{c(q_i,pos_j)/τ} + Σ_{j≠i} e^{c(q_i,extra_j)/τ}). */
    static double ce(double[][] q, double[][] pos, double[][] extra, double tau) {
        double t = 0;
        for (int i = 0; i < q.length; i++) {
            double z = 0;
            for (int j = 0; j < q.length; j++) {
                z += Math.exp(cos(q[i], pos[j]) / tau);
                if (j != i) z += Math.exp(cos(q[i], extra[j]) / tau);
            }
            t += Math.log(z) - cos(q[i], pos[i]) / tau;
        }
        return t / q.length;
    }
}
