package io.contrast4j.losses.metric;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.LossInputs;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand values for L027 (SRL enveloping + homogeneity + surrogate contrast). */
class SrlLossTest {

    static double[] unit(double[] x) {
        double n = 0;
        for (double v : x) n += v * v;
        n = Math.sqrt(n);
        double[] u = x.clone();
        for (int i = 0; i < u.length; i++) u[i] /= n;
        return u;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    @Test
    void handValueWithoutSurrogates() {
        double[][] e = {{1, 0.2}, {0.3, 1}, {-1, 0.4}, {0.8, 0.5}, {-0.2, -1}};
        int[] y = {5, 7, 9, 5, 7}; // bins 5, 7, 9 in label order
        double[][] pts = {{1, 0}, {0, 1}, {-0.6, 0.8}, {0.3, -1}};
        double tau = 0.5, wc = 2, we = 3, wh = 0.7, alpha = -1, beta = 0.1;
        double[][] f = new double[5][];
        for (int i = 0; i < 5; i++) f[i] = unit(e[i]);
        int[][] members = {{0, 3}, {1, 4}, {2}};
        double[][] c = new double[3][];
        for (int b = 0; b < 3; b++) {
            double[] m = new double[2];
            for (int i : members[b]) for (int j = 0; j < 2; j++) m[j] += f[i][j] / members[b].length;
            c[b] = unit(m);
        }
        int[] row = {0, 1, 2, 0, 1};
        double con = 0;
        for (int i = 0; i < 5; i++) {
            double z = 0;
            for (double[] cb : c) z += Math.exp(dot(f[i], cb) / tau);
            con += -(dot(f[i], c[row[i]]) / tau - Math.log(z)) / 5;
        }
        double env = 0;
        for (double[] p : pts) {
            double[] pu = unit(p);
            double mx = Double.NEGATIVE_INFINITY;
            for (double[] cb : c) mx = Math.max(mx, dot(cb, pu));
            env += mx / pts.length;
        }
        env = 1 - env;
        double l0 = dot(c[1], c[0]), l1 = dot(c[2], c[1]);
        double mean = (l0 + l1) / 2, var = (l0 - mean) * (l0 - mean) + (l1 - mean) * (l1 - mean); // unbiased, n − 1 = 1
        double hom = alpha * (l0 + l1) + beta * var;
        double want = wc * con + we * env + wh * hom;
        SrlLoss loss = SrlLoss.fromParams(Params.of(Map.of("temperature", "0.5", "w_con", "2", "w_env", "3", "w_hom", "0.7")));
        LossInputs in = LossInputs.of(Tensor.fromArray(e), y).with(SrlLoss.POINTS, Tensor.fromArray(pts));
        assertEquals(want, loss.compute(in).item(), 1e-10);
    }

    @Test
    void surrogatesFillAbsentBins() {
        double[][] e = {{1, 0.2}, {0.3, 1}};
        int[] y = {0, 2};
        double[][] sur = {{0, 1}, {-1, 0.1}, {0.5, 0.5}};
        SrlLoss loss = SrlLoss.fromParams(Params.of(Map.of("w_con", "0", "w_env", "0", "w_hom", "1")));
        LossInputs in = LossInputs.of(Tensor.fromArray(e), y).with(SrlLoss.SURROGATES, Tensor.fromArray(sur)).with(SrlLoss.POINTS, Tensor.fromArray(sur));
        double[] c0 = unit(e[0]), c1 = unit(sur[1]), c2 = unit(e[1]);
        double l0 = dot(c1, c0), l1 = dot(c2, c1), m = (l0 + l1) / 2;
        double want = -(l0 + l1) + 0.1 * ((l0 - m) * (l0 - m) + (l1 - m) * (l1 - m));
        assertEquals(want, loss.compute(in).item(), 1e-12);
        Tensor next = loss.updatedSurrogates(Tensor.fromArray(e), y, Tensor.fromArray(sur));
        assertEquals(c1[0], next.get(1, 0), 1e-12);
        assertEquals(c2[1], next.get(2, 1), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> loss.compute(LossInputs.of(Tensor.fromArray(e), new int[]{0, 3}).with(SrlLoss.SURROGATES, Tensor.fromArray(sur))));
    }

    @Test
    void singleBinGivesZeroLossOnTheGraph() {
        Tensor e = Tensor.of(new double[]{1, 2, 3, 4, -1, 0.5}, 3, 2).requiresGrad(true);
        Tensor l = SrlLoss.fromParams(Params.empty()).compute(LossInputs.of(e, new int[]{4, 4, 4}));
        assertEquals(0, l.item(), 0);
        assertTrue(l.requiresGrad());
        l.backward();
        for (double g : e.grad().toDoubleArray()) assertEquals(0, g, 0);
    }

    @Test
    void refusesUnknownParameters() {
        assertThrows(IllegalArgumentException.class, () -> SrlLoss.fromParams(Params.of(Map.of("tau", "1"))));
        assertEquals(DType.F64, SrlLoss.randomPoints(3, 2, 1, DType.F64).dtype());
    }
}
