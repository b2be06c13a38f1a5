package io.contrast4j.nn.optim;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.nn.layers.Linear;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** O12 virtual adversarial training and O10 learning from the undesirable. */
class VatLfuTest {
    private static final DType F64 = DType.F64;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void vatDirectionIsTheTopEigenvectorOfTheKlHessian(long seed) {
        Linear model = new Linear(4, 3, false, F64, new Rng(seed));
        Tensor x = Tensor.randn(F64, new Rng(seed + 1), 1, 4);
        VirtualAdversarial vat = new VirtualAdversarial(1e-6, 2.0, 40, new Rng(seed + 2));
        double[] r = vat.perturbation(model, model::forward, x).toDoubleArray();
        assertNull(model.weight().grad(), "model gradients must stay untouched");
        assertTrue(model.weight().requiresGrad());
        // H = Wᵀ(diag p − ppᵀ)W for logits = x·Wᵀ; top eigenvector by plain power iteration
        double[] w = model.weight().toDoubleArray(), xv = x.toDoubleArray();
        double[] z = new double[3], p = new double[3];
        double zs = 0;
        for (int c = 0; c < 3; c++) {
            for (int d = 0; d < 4; d++) z[c] += w[c * 4 + d] * xv[d];
            zs += Math.exp(z[c]);
        }
        for (int c = 0; c < 3; c++) p[c] = Math.exp(z[c]) / zs;
        double[][] hm = new double[4][4];
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) {
            hm[i][j] += w[a * 4 + i] * ((a == b ? p[a] : 0) - p[a] * p[b]) * w[b * 4 + j];
        }
        double[] v = {1, 0.3, -0.2, 0.5};
        for (int it = 0; it < 2000; it++) {
            double[] nv = new double[4];
            double n = 0;
            for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) nv[i] += hm[i][j] * v[j];
            for (double q : nv) n += q * q;
            n = Math.sqrt(n);
            for (int i = 0; i < 4; i++) v[i] = nv[i] / n;
        }
        double dot = 0, rn = 0;
        for (int i = 0; i < 4; i++) {
            dot += v[i] * r[i];
            rn += r[i] * r[i];
        }
        assertEquals(2.0, Math.sqrt(rn), 1e-9, "‖r_adv‖ = ε");
        assertEquals(1, Math.abs(dot) / Math.sqrt(rn), 1e-6, "seed " + seed);
    }

    @Test
    void ldsIsTheKlToTheAdversarialPointAndTrainsTheModel() {
        Linear model = new Linear(3, 4, true, F64, new Rng(5));
        Tensor x = Tensor.randn(F64, new Rng(6), 6, 3);
        VirtualAdversarial vat = new VirtualAdversarial(1e-6, 0.5, 1, new Rng(7));
        Tensor lds = vat.lds(model, model::forward, x);
        assertTrue(lds.item() > 0);
        lds.backward();
        assertNotNull(model.weight().grad());
        // kl by hand on a 1×2 example
        Tensor p = Tensor.of(new double[]{0.25, 0.75}, 1, 2);
        Tensor logits = Tensor.of(new double[]{0, Math.log(2)}, 1, 2); // q = (1/3, 2/3)
        double expected = 0.25 * Math.log(0.25 / (1.0 / 3)) + 0.75 * Math.log(0.75 / (2.0 / 3));
        assertEquals(expected, VirtualAdversarial.kl(p, logits).item(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new VirtualAdversarial(0, 1, 1, new Rng(1)));
    }

    @Test
    void lfuObjectiveEqualsTheFormulaAndRestoresTheWeights() {
        Linear model = new Linear(2, 1, false, F64, new Rng(8));
        Tensor x = Tensor.of(new double[]{1, 2, -1, 0.5, 0.3, -2}, 3, 2);
        double[] w = model.weight().toDoubleArray(), xv = x.toDoubleArray();
        double eta = 0.1, lambda = 0.7;
        LearningFromUndesirable lfu = new LearningFromUndesirable(eta, lambda);
        LearningFromUndesirable.Forward fwd = () -> {
            Tensor y = model.forward(x);
            return new LearningFromUndesirable.Output(y.square().mean(), List.of(y));
        };
        double value = lfu.objective(model, fwd).item();
        assertArrayEquals(w, model.weight().toDoubleArray(), 0, "θ restored");
        // by hand: y = x·w, L = mean(y²), g = (2/3) Σ y_i x_i, w' = w + ηg, cons = mean((y − x·w')²)
        double[] y = new double[3];
        double l = 0;
        double[] g = new double[2];
        for (int i = 0; i < 3; i++) {
            y[i] = xv[2 * i] * w[0] + xv[2 * i + 1] * w[1];
            l += y[i] * y[i] / 3;
            g[0] += 2.0 / 3 * y[i] * xv[2 * i];
            g[1] += 2.0 / 3 * y[i] * xv[2 * i + 1];
        }
        double cons = 0;
        for (int i = 0; i < 3; i++) {
            double y2 = xv[2 * i] * (w[0] + eta * g[0]) + xv[2 * i + 1] * (w[1] + eta * g[1]);
            cons += Math.pow(y[i] - y2, 2) / 3;
        }
        assertEquals(l + lambda * cons, value, 1e-12);
        assertThrows(IllegalArgumentException.class, () -> LearningFromUndesirable.consistency(List.of(x), List.of(x, x)));
    }
}
