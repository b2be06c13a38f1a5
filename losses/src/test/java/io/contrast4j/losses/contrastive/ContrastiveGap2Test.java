package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.LossInputs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.contrast4j.losses.contrastive.ContrastiveGapTest.cos;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Hand values for L122 (PamC), L123, L124 (Glocal-IB), L125 and L135 (contractive / denoising AE). */
class ContrastiveGap2Test {

    @Test
    void pamcHandValue() {
        double[][] z = {{1, 0.2}, {0.3, 1}, {-0.5, 0.4}, {0.8, -0.6}};
        double[][] a = {{1, 1, 0, 0}, {1, 1, 1, 0}, {0, 1, 1, 1}, {0, 0, 1, 1}};
        int[] cl = {3, 3, 8, 3};
        double tau = 1.5, pos = 0;
        for (int i = 0; i < 4; i++) {
            double s = 0;
            for (int j = 0; j < 4; j++) s += a[i][j] * Math.exp(tau * (i == j ? 0 : cos(z[i], z[j])));
            pos += Math.log(s + 1e-10) / 4;
        }
        double[][] m = {{z[0][0] + z[1][0] + z[3][0], z[0][1] + z[1][1] + z[3][1]}, z[2]};
        double neg = 0;
        for (int p = 0; p < 2; p++) {
            double s = 0;
            for (int q = 0; q < 2; q++) s += Math.exp(tau * (p == q ? 0 : cos(m[p], m[q])));
            neg += Math.log(s + 1e-10) / 2;
        }
        LossInputs in = LossInputs.of(Map.of(LossInputs.EMBEDDINGS, Tensor.fromArray(z), PamcLoss.ADJACENCY, Tensor.fromArray(a), PamcLoss.CLUSTERS, Tensor.ofInts(cl, 4)));
        assertEquals(neg - pos, PamcLoss.fromParams(Params.of(Map.of("tau", "1.5"))).compute(in).item(), 1e-12);
    }

    static double infoNce(double[][] q, double[][] t, double tau) {
        double total = 0;
        for (int i = 0; i < q.length; i++) {
            double z = 0;
            for (double[] tj : t) z += Math.exp(cos(q[i], tj) / tau);
            total += (Math.log(z) - cos(q[i], t[i]) / tau) / q.length;
        }
        return total;
    }

    @Test
    void uncertaintyRegularisationHandValue() {
        double[][] fs = {{1, 0.2}, {0.3, 1}, {-0.5, 0.4}}, ft = {{0.9, 0.1}, {0.2, 1.2}, {-0.4, -0.3}};
        double[][] n1 = {{0.5, -1}, {1.2, 0.3}, {-0.7, 0.1}}, n2 = {{-0.2, 0.4}, {0.9, -1.1}, {0.3, 0.6}};
        double tau = 0.5, w = 0.8;
        double[] mu = new double[2], sd = new double[2];
        for (int d = 0; d < 2; d++) {
            for (double[] r : ft) mu[d] += r[d] / 3;
            for (double[] r : ft) sd[d] += (r[d] - mu[d]) * (r[d] - mu[d]) / 2;
            sd[d] = Math.sqrt(sd[d]);
        }
        double[][] aug = new double[3][2];
        for (int i = 0; i < 3; i++) for (int d = 0; d < 2; d++) aug[i][d] = ft[i][d] * (1 + sd[d] * n1[i][d]) + mu[d] + sd[d] * n2[i][d];
        double sbar = (sd[0] + sd[1]) / 2;
        double want = infoNce(fs, ft, tau) + w * (infoNce(fs, aug, tau) / (sbar * sbar) + Math.log(sbar));
        LossInputs in = LossInputs.of(Map.of(InfoNce.ANCHORS, Tensor.fromArray(fs), InfoNce.POSITIVES, Tensor.fromArray(ft),
                UncertaintyRegularizedLoss.NOISE1, Tensor.fromArray(n1), UncertaintyRegularizedLoss.NOISE2, Tensor.fromArray(n2)));
        assertEquals(want, UncertaintyRegularizedLoss.fromParams(Params.of(Map.of("temperature", "0.5", "weight", "0.8"))).compute(in).item(), 1e-12);
    }

    @Test
    void glocalIbHandValues() {
        double[][] xh = {{1, 2, 3}, {0, -1, 0.5}}, x = {{1.5, 2, 2}, {0.2, -1, 1}};
        int[] m = {1, 0, 1, 1, 1, 0};
        double[][] zm = {{1, 0.2}, {0.3, 1}}, zo = {{0.9, 0.4}, {0.1, 1}};
        double rec = (0.25 + 1 + 0.04 + 0) / 4;
        double lam = 0.3;
        LossInputs in = LossInputs.of(Map.of(GlocalIbLoss.RECONSTRUCTION, Tensor.fromArray(xh), GlocalIbLoss.TARGETS, Tensor.fromArray(x),
                GlocalIbLoss.MASK, Tensor.ofInts(m, 2, 3), InfoNce.ANCHORS, Tensor.fromArray(zm), InfoNce.POSITIVES, Tensor.fromArray(zo)));
        assertEquals(rec + lam * infoNce(zm, zo, 0.2), GlocalIbLoss.fromParams(Params.of(Map.of("lambda", "0.3", "temperature", "0.2"))).compute(in).item(), 1e-12);
        double cosAlign = (1 - cos(zm[0], zo[0]) + 1 - cos(zm[1], zo[1])) / 2;
        assertEquals(rec + lam * cosAlign, GlocalIbLoss.fromParams(Params.of(Map.of("lambda", "0.3", "align", "cos"))).compute(in).item(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> GlocalIbLoss.fromParams(Params.of(Map.of("align", "l2"))));
    }

    @Test
    void paraphraseConsistencyHandValues() {
        double[][] a = {{1, 0.2, -0.3}, {0.3, 1, 0.5}}, b = {{0.8, 0.5, 0.1}, {-0.2, 1, 0.4}};
        double cosTerm = (1 - cos(a[0], b[0]) + 1 - cos(a[1], b[1])) / 2;
        double kl = 0;
        for (int i = 0; i < 2; i++) {
            double za = 0, zb = 0;
            for (int j = 0; j < 3; j++) {
                za += Math.exp(a[i][j]);
                zb += Math.exp(b[i][j]);
            }
            for (int j = 0; j < 3; j++) {
                double pa = Math.exp(a[i][j]) / za, pb = Math.exp(b[i][j]) / zb;
                kl += pa * Math.log(pa / pb) / 2;
            }
        }
        LossInputs in = LossInputs.of(Map.of(InfoNce.ANCHORS, Tensor.fromArray(a), InfoNce.POSITIVES, Tensor.fromArray(b)));
        assertEquals(2 * cosTerm, ParaphraseConsistencyLoss.fromParams(Params.of(Map.of("lambda", "2"))).compute(in).item(), 1e-12);
        assertEquals(1.5 + 2 * kl, ParaphraseConsistencyLoss.fromParams(Params.of(Map.of("lambda", "2", "mode", "kl")))
                .compute(in.with(ParaphraseConsistencyLoss.TASK_LOSS, Tensor.scalar(1.5, DType.F64))).item(), 1e-12);
        assertEquals(List.of("Summarize the text.", "Please summarize the text.", "Can you summarize the text?", "Task: Summarize the text."),
                ParaphraseConsistencyLoss.rephrasings("Summarize the text."));
    }

    @Test
    void contractivePenaltyMatchesClosedFormAndFiniteDifferenceJacobian() {
        ContractiveAutoEncoderLoss loss = ContractiveAutoEncoderLoss.fromParams(Params.of(Map.of("dim", "3", "hidden", "2", "lambda", "0.4", "seed", "3", "dtype", "F64")));
        double[] w = loss.parameters().get(0).toDoubleArray(), b = loss.parameters().get(1).toDoubleArray(),
                v = loss.parameters().get(2).toDoubleArray(), c = loss.parameters().get(3).toDoubleArray();
        double[][] x = {{0.5, -1, 2}, {1, 0.3, -0.4}};
        double rec = 0, jac = 0;
        for (double[] xi : x) {
            double[] h = new double[2];
            for (int j = 0; j < 2; j++) {
                double s = b[j];
                for (int i = 0; i < 3; i++) s += xi[i] * w[i * 2 + j];
                h[j] = 1 / (1 + Math.exp(-s));
            }
            for (int d = 0; d < 3; d++) {
                double r = c[d];
                for (int j = 0; j < 2; j++) r += h[j] * v[j * 3 + d];
                rec += (r - xi[d]) * (r - xi[d]) / 2;
            }
            // ‖∂h/∂x‖_F² by central differences of the encoder
            for (int i = 0; i < 3; i++) {
                double[] xp = xi.clone(), xm = xi.clone();
                xp[i] += 1e-6;
                xm[i] -= 1e-6;
                double[] hp = loss.encode(Tensor.of(xp, 1, 3)).toDoubleArray(), hm = loss.encode(Tensor.of(xm, 1, 3)).toDoubleArray();
                for (int j = 0; j < 2; j++) {
                    double g = (hp[j] - hm[j]) / 2e-6;
                    jac += g * g / 2;
                }
            }
        }
        assertEquals(rec + 0.4 * jac, loss.compute(LossInputs.of(Map.of(LossInputs.EMBEDDINGS, Tensor.fromArray(x)))).item(), 1e-7);
    }

    @Test
    void denoisingModeReconstructsTheCleanInput() {
        ContractiveAutoEncoderLoss loss = ContractiveAutoEncoderLoss.fromParams(Params.of(Map.of("dim", "2", "hidden", "2", "mode", "denoising", "sigma", "0.5", "seed", "4", "dtype", "F64")));
        double[][] x = {{0.5, -1}, {1, 0.3}}, eps = {{1, -2}, {0.4, 0.1}};
        double[][] noisy = {{0.5 + 0.5, -1 - 1}, {1 + 0.2, 0.3 + 0.05}};
        double[] r = loss.decode(loss.encode(Tensor.fromArray(noisy))).toDoubleArray();
        double want = 0;
        for (int i = 0; i < 2; i++) for (int d = 0; d < 2; d++) want += (r[i * 2 + d] - x[i][d]) * (r[i * 2 + d] - x[i][d]) / 2;
        LossInputs in = LossInputs.of(Map.of(LossInputs.EMBEDDINGS, Tensor.fromArray(x), ContractiveAutoEncoderLoss.NOISE, Tensor.fromArray(eps)));
        assertEquals(want, loss.compute(in).item(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> ContractiveAutoEncoderLoss.fromParams(Params.of(Map.of("dim", "2"))));
    }

    @Test
    void softRepaHandValue() {
        double[][] eps = {{1, 0}, {0, 1}};
        double[][][] pred = {{{0.8, 0.1}, {0.2, 0.9}}, {{0.5, 0.5}, {-0.1, 1.2}}};
        double tau = 0.5, want = 0;
        for (int i = 0; i < 2; i++) {
            double[] l = new double[2];
            for (int j = 0; j < 2; j++) {
                double e = 0;
                for (int k = 0; k < 2; k++) e += (eps[i][k] - pred[i][j][k]) * (eps[i][k] - pred[i][j][k]);
                l[j] = -e / tau;
            }
            want += (Math.log(Math.exp(l[0]) + Math.exp(l[1])) - l[i]) / 2;
        }
        double[] flat = {0.8, 0.1, 0.2, 0.9, 0.5, 0.5, -0.1, 1.2};
        LossInputs in = LossInputs.of(Map.of(SoftRepaLoss.NOISE, Tensor.fromArray(eps), SoftRepaLoss.PREDICTIONS, Tensor.of(flat, 2, 2, 2)));
        assertEquals(want, SoftRepaLoss.fromParams(Params.of(Map.of("temperature", "0.5"))).compute(in).item(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> SoftRepaLoss.fromParams(Params.empty()).compute(
                LossInputs.of(Map.of(SoftRepaLoss.NOISE, Tensor.fromArray(eps), SoftRepaLoss.PREDICTIONS, Tensor.of(flat, 1, 4, 2)))));
    }
}
