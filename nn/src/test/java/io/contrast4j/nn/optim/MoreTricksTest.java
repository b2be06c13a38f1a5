package io.contrast4j.nn.optim;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class MoreTricksTest {
    @Test
    void o11GradNormPenaltyOnQuadratic() {
        // L = ½Σ a_i θ_i², g = a⊙θ, H = diag(a): penalised gradient g + λ·2Hg, exact for a quadratic
        double[] a = {1, 3};
        Tensor th = Tensor.of(new double[]{1, -2}).requiresGrad(true);
        Tensor av = Tensor.of(a);
        Optimizer.Closure closure = () -> {
            Tensor l = th.square().mul(av).sum().mul(0.5);
            l.backward();
            return l.item();
        };
        closure.evaluate();
        GradNormPenalty pen = new GradNormPenalty(1e-3, 1.0, 0.1, 0.5);
        double n2 = pen.apply(List.of(th), closure);
        double g0 = 1, g1 = -6;
        assertEquals(g0 * g0 + g1 * g1, n2, 1e-12);
        assertEquals(g0 + 0.5 * 2 * a[0] * g0, th.grad().get(0), 1e-8);
        assertEquals(g1 + 0.5 * 2 * a[1] * g1, th.grad().get(1), 1e-8);
        assertArrayEquals(new double[]{1, -2}, th.toDoubleArray(), 0); // θ restored
        assertEquals(0.5 + 0.1 * (37 - 1.0), pen.lambda(), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 1.0, 2.0})
    void o18GeneralizedGaussianMoments(double beta) {
        double var = 0.04;
        double alpha = GeneralizedGaussian.alphaFor(var, beta);
        Tensor t = Tensor.zeros(DType.F64, 40000);
        GeneralizedGaussian.init(t, var, beta, new Rng(11));
        double[] v = t.toDoubleArray();
        double m = 0, s2 = 0, abs = 0;
        for (double x : v) {
            m += x / v.length;
            s2 += x * x / v.length;
            abs += Math.abs(x) / v.length;
        }
        assertEquals(0, m, 0.01, "beta " + beta);
        assertEquals(var, s2, var * 0.06, "beta " + beta);
        // E|w| = α Γ(2/β)/Γ(1/β)
        double eAbs = alpha * Math.exp(GeneralizedGaussian.lnGamma(2 / beta) - GeneralizedGaussian.lnGamma(1 / beta));
        assertEquals(eAbs, abs, eAbs * 0.03, "beta " + beta);
    }

    @Test
    void o18AlphaAndPenalty() {
        assertEquals(Math.sqrt(2), GeneralizedGaussian.alphaFor(1, 2), 1e-7); // Var = α²Γ(3/2)/Γ(1/2) = α²/2
        assertEquals(Math.sqrt(0.5), GeneralizedGaussian.alphaFor(1, 1), 1e-7); // Laplace: Var = 2α²
        assertEquals(Math.log(24), GeneralizedGaussian.lnGamma(5), 1e-7);
        Tensor w = Tensor.of(new double[]{1, -4});
        assertEquals(0.1 * (Math.pow(0.5, 1.5) + Math.pow(2, 1.5)), GeneralizedGaussian.penalty(w, 2, 1.5, 0.1).item(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> GeneralizedGaussian.alphaFor(1, 0));
    }
}
