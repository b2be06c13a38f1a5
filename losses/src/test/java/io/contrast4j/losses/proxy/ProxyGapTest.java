package io.contrast4j.losses.proxy;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.LossInputs;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Hand values for L056 (AMarX) and L065 (MSGCoOp). */
class ProxyGapTest {

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    static double[] unit(double[] x) {
        double n = Math.sqrt(dot(x, x));
        double[] u = x.clone();
        for (int i = 0; i < u.length; i++) u[i] /= n;
        return u;
    }

    static double[] row(double[] m, int r, int d) {
        double[] out = new double[d];
        System.arraycopy(m, r * d, out, 0, d);
        return out;
    }

    @Test
    void amarxHandValueWithVarianceEnlarging() {
        int c = 3, d = 2;
        double lambda = 0.5;
        AmarxLoss loss = AmarxLoss.fromParams(Params.of(Map.of("num_classes", "3", "embedding_size", "2", "lambda", "0.5", "dtype", "F64", "seed", "7")));
        ProxyOps.set(loss.parameters().get(1), new double[]{0.1, -0.2, 0.3});
        double[] w = loss.weights().toDoubleArray(), bias = {0.1, -0.2, 0.3};
        double[][] mu = {{1, 0.5}, {-0.3, 0.8}};
        int[] y = {0, 2};
        double[][][] cov = {{{0.5, 0.1}, {0.1, 0.3}}, {{0.2, -0.05}, {-0.05, 0.4}}};
        boolean[] old = {true, false};
        double want = 0;
        for (int k = 0; k < 2; k++) {
            double[] z = new double[c];
            double[] wy = row(w, y[k], d);
            for (int j = 0; j < c; j++) {
                double[] wj = row(w, j, d), v = {wj[0] - wy[0], wj[1] - wy[1]};
                double q = 0;
                for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) {
                    double s = cov[k][a][b] + (old[k] && a == b ? lambda * cov[k][a][a] : 0);
                    q += v[a] * s * v[b];
                }
                z[j] = dot(wj, mu[k]) + bias[j] + 0.5 * q;
            }
            double lse = 0;
            for (double zj : z) lse += Math.exp(zj);
            want += (Math.log(lse) - z[y[k]]) / 2;
        }
        double[] covFlat = {0.5, 0.1, 0.1, 0.3, 0.2, -0.05, -0.05, 0.4};
        LossInputs in = LossInputs.of(Tensor.fromArray(mu), y).with(AmarxLoss.COVARIANCES, Tensor.of(covFlat, 2, 2, 2))
                .with(AmarxLoss.ENLARGE, Tensor.ofInts(new int[]{1, 0}, 2));
        assertEquals(want, loss.compute(in).item(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> loss.compute(in.with(AmarxLoss.COVARIANCES, Tensor.of(covFlat, 2, 4))));
    }

    @Test
    void msgCoOpHandValue() {
        int c = 2, d = 3, m = 2;
        double s = 4, wg = 1.5, ld = 0.7;
        MsgCoOpLoss loss = MsgCoOpLoss.fromParams(Params.of(Map.of("num_classes", "2", "embedding_size", "3", "num_prompts", "2", "scale", "4",
                "w", "1.5", "lambda_div", "0.7", "dtype", "F64")));
        double[] ctx = {0.3, -0.2, 0.1, -0.4, 0.5, 0.2};
        ProxyOps.set(loss.context(), ctx);
        double[][] x = {{1, 0.2, -0.3}, {0.3, 1, 0.5}, {-0.6, 0.1, 0.9}}, names = {{1, 0, 0.2}, {0, 1, -0.3}}, desc = {{0.9, 0.2, 0.1}, {0.1, 0.8, -0.5}};
        int[] y = {0, 1, 1};
        double[][][] t = new double[m][c][d];
        for (int p = 0; p < m; p++) for (int k = 0; k < c; k++) for (int j = 0; j < d; j++) t[p][k][j] = names[k][j] + ctx[p * d + j];
        double ce = 0;
        for (int i = 0; i < 3; i++) {
            double[] z = new double[c];
            for (int k = 0; k < c; k++) for (int p = 0; p < m; p++) z[k] += s * dot(unit(x[i]), unit(t[p][k])) / m;
            double lse = 0;
            for (double v : z) lse += Math.exp(v);
            ce += (Math.log(lse) - z[y[i]]) / 3;
        }
        double guide = 0, div = 0;
        for (int k = 0; k < c; k++) {
            double[] mean = new double[d];
            for (int p = 0; p < m; p++) for (int j = 0; j < d; j++) mean[j] += t[p][k][j];
            guide += dot(unit(mean), unit(desc[k])) / c;
            double cs = dot(unit(t[0][k]), unit(t[1][k]));
            div += cs * cs / c;
        }
        double want = ce + wg * (1 - guide) + ld * div;
        LossInputs in = LossInputs.of(Tensor.fromArray(x), y).with(MsgCoOpLoss.CLASS_TOKENS, Tensor.fromArray(names)).with(MsgCoOpLoss.DESCRIPTIONS, Tensor.fromArray(desc));
        assertEquals(want, loss.compute(in).item(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> loss.compute(in.with(MsgCoOpLoss.DESCRIPTIONS, Tensor.fromArray(new double[][]{{1, 2, 3}}))));
    }
}
