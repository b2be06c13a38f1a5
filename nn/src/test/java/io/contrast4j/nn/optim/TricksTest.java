package io.contrast4j.nn.optim;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class TricksTest {
    static Tensor param(double... v) {
        return Tensor.of(v).requiresGrad(true);
    }

    @Test
    void o02RefinedSchedule() {
        RefinedLr s = new RefinedLr(2.0, new double[]{1, 2, 1, 0.5});
        // ‖g‖^-2 = (1, 1/4, 1, 4); w = (1·(1/4+1+4), 1/4·(1+4), 1·4, 0) = (5.25, 1.25, 4, 0); /max
        assertEquals(1.0, s.factor(0), 1e-15);
        assertEquals(1.25 / 5.25, s.factor(1), 1e-15);
        assertEquals(4 / 5.25, s.factor(2), 1e-15);
        assertEquals(0.0, s.factor(3));
        assertEquals(0.0, s.factor(10));
        assertEquals(2 * 4 / 5.25, s.lr(2), 1e-15);
        // window 2 → centred half-width 1: medians of {1,2}, {1,2,1}, {2,1,0.5}, {1,0.5}
        assertArrayEquals(new double[]{1.5, 1, 1, 0.75}, RefinedLr.medianFilter(new double[]{1, 2, 1, 0.5}, 2), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new RefinedLr(1, new double[]{1, 0}));
    }

    /** InfoNCE over (a, b) pairs with embeddings tanh(xW), temperature 0.1. */
    static Tensor infoNce(List<Tensor> reps) {
        Tensor ea = reps.get(0).normalize(1), eb = reps.get(1).normalize(1);
        Tensor s = ea.matmul(eb, false, true).div(0.1);
        int n = s.dim(0);
        int[] lab = new int[n];
        for (int i = 0; i < n; i++) lab[i] = i;
        return Tensor.oneHot(Tensor.ofInts(lab, n), n, DType.F64).mul(s.logSoftmax(1)).sum().neg().div(n);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void o03GradCacheEqualsPlainGradient(long seed) {
        Rng rng = new Rng(seed);
        Tensor w = Tensor.randn(DType.F64, rng, 5, 4).requiresGrad(true);
        Tensor xa = Tensor.randn(DType.F64, rng, 8, 5), xb = Tensor.randn(DType.F64, rng, 8, 5);
        GradCache.Embed embed = (chunk, idx) -> chunk.matmul(w).tanh();
        Tensor plain = infoNce(List.of(embed.embed(xa, 0), embed.embed(xb, 1)));
        plain.backward();
        double[] expected = w.grad().toDoubleArray();
        w.zeroGrad();
        double v = GradCache.run(List.of(xa, xb), 3, embed, TricksTest::infoNce);
        assertEquals(plain.item(), v, 1e-12, "seed " + seed);
        double[] got = w.grad().toDoubleArray();
        for (int i = 0; i < got.length; i++) {
            assertEquals(expected[i], got[i], 1e-6 * Math.max(1e-3, Math.abs(expected[i])), "seed " + seed + " element " + i);
        }
        assertThrows(IllegalArgumentException.class, () -> GradCache.run(List.of(xa), 0, embed, r -> r.get(0).sum()));
    }

    @Test
    void o05ModelSoup() {
        Map<String, Tensor> a = Map.of("w", Tensor.of(new double[]{1, 2})), b = Map.of("w", Tensor.of(new double[]{3, 6})),
                c = Map.of("w", Tensor.of(new double[]{10, 10}));
        assertArrayEquals(new double[]{2, 4}, ModelSoup.uniform(List.of(a, b)).get("w").toDoubleArray(), 1e-15);
        // score = −‖w − (2, 4)‖²: own scores −5, −5, −100; A+B = (2, 4) scores 0 ≥ −5 (kept), adding C drops it
        ModelSoup.Result r = ModelSoup.greedy(List.of(a, b, c), m -> {
            double[] w = m.get("w").toDoubleArray();
            return -((w[0] - 2) * (w[0] - 2) + (w[1] - 4) * (w[1] - 4));
        });
        assertEquals(List.of(0, 1), r.ingredients());
        assertEquals(0.0, r.score(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> ModelSoup.uniform(List.of(a, Map.of("w", Tensor.of(new double[]{1, 2, 3})))));
    }

    @Test
    void o13MoMoTwoSteps() {
        Tensor x = param(1, 2);
        MoMo opt = new MoMo(List.of(new ParamGroup(List.of(x), 10.0, 0)));
        double[] xs = {1, 2}, d = new double[2];
        double fbar = 0, gamma = 0;
        for (int k = 1; k <= 2; k++) {
            double f = 0.5 * (xs[0] * xs[0] + xs[1] * xs[1]); // f = ½‖x‖², g = x
            x.setGrad(Tensor.of(xs.clone()));
            opt.step(f);
            double gx = xs[0] * xs[0] + xs[1] * xs[1];
            for (int i = 0; i < 2; i++) d[i] = k == 1 ? xs[i] : 0.9 * d[i] + 0.1 * xs[i];
            fbar = k == 1 ? f : 0.9 * fbar + 0.1 * f;
            gamma = k == 1 ? gx : 0.9 * gamma + 0.1 * gx;
            double h = fbar + d[0] * xs[0] + d[1] * xs[1] - gamma;
            double tau = Math.min(10.0, Math.max(h, 0) / (d[0] * d[0] + d[1] * d[1]));
            if (k == 1) assertEquals(0.5, tau, 1e-15); // h = 2.5, ‖d‖² = 5
            for (int i = 0; i < 2; i++) xs[i] -= tau * d[i];
            assertArrayEquals(xs, x.toDoubleArray(), 1e-12, "step " + k);
        }
        assertThrows(IllegalStateException.class, opt::step);
        assertTrue(opt.needsLoss());
    }

    @Test
    void o14AdaGradNormAndNormTest() {
        Tensor x = param(3, 4);
        AdaGradNorm opt = new AdaGradNorm(List.of(new ParamGroup(List.of(x), 1.0, 0)), 1.0);
        x.setGrad(Tensor.of(new double[]{3, 4}));
        opt.step(); // Σ‖g‖² = 25, step 1/√(1 + 25)
        assertArrayEquals(new double[]{3 - 3 / Math.sqrt(26), 4 - 4 / Math.sqrt(26)}, x.toDoubleArray(), 1e-12);
        x.setGrad(Tensor.of(new double[]{3, 4}));
        opt.step();
        assertEquals(3 - 3 / Math.sqrt(26) - 3 / Math.sqrt(51), x.get(0), 1e-12);
        double[][] g = {{1, 0}, {3, 0}}; // mean (2, 0), Var = (1 + 1)/1 = 2, Var/b = 1
        assertEquals(2, AdaGradNorm.nextBatchSize(g, 0.5, 100)); // η²‖ḡ‖² = 1: not exceeded
        assertEquals(4, AdaGradNorm.nextBatchSize(g, 0.4, 100)); // ⌈2/0.64⌉ = 4
        assertEquals(3, AdaGradNorm.nextBatchSize(g, 0.4, 3));
        assertThrows(IllegalArgumentException.class, () -> AdaGradNorm.nextBatchSize(new double[][]{{1}}, 0.4, 3));
    }

    @Test
    void o15PriorBiasAndGuidedScaling() {
        assertEquals(-Math.log(99), PriorBias.bias(0.01), 1e-12);
        assertEquals(0.0, PriorBias.bias(0.5), 1e-15);
        assertEquals(0.25, PriorBias.prior(1, 4));
        Tensor x = param(2.0), r = param(3.0);
        Tensor l = PriorBias.guidedScale(x.square(), r.mul(1.0 / 3)); // value L_reg = 1
        assertEquals(1.0, l.item(), 1e-15);
        l.backward();
        assertEquals(1.0 / 4 * 2 * 2, x.grad().item(), 1e-15); // (L_reg/L_cls)·2x
        assertNull(r.grad());
        assertThrows(IllegalArgumentException.class, () -> PriorBias.bias(1.0));
    }

    @Test
    void o16NormalizedGd() {
        Tensor w = param(1.0);
        NormalizedGd opt = new NormalizedGd(List.of(new ParamGroup(List.of(w), 0.5, 0)));
        w.setGrad(Tensor.of(new double[]{2}));
        opt.step(4.0);
        assertEquals(1 - 0.5 / 4 * 2, w.item(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> opt.step(0.0));
    }

    @Test
    void o17OrthoGrad() {
        Tensor t = param(1, 0);
        OrthoGrad opt = new OrthoGrad(new Sgd(List.of(new ParamGroup(List.of(t), 0.1, 0))));
        t.setGrad(Tensor.of(new double[]{1, 1}));
        opt.step(); // g⊥ = (1,1) − 1·(1,0) = (0,1), rescaled to ‖g‖ = √2
        assertArrayEquals(new double[]{1, -0.1 * Math.sqrt(2)}, t.toDoubleArray(), 1e-12);
        Tensor u = param(1, 0);
        OrthoGrad plain = new OrthoGrad(new Sgd(List.of(new ParamGroup(List.of(u), 0.1, 0))), false);
        u.setGrad(Tensor.of(new double[]{1, 1}));
        plain.step();
        assertArrayEquals(new double[]{1, -0.1}, u.toDoubleArray(), 1e-12);
    }

    @Test
    void o19Regularizers() {
        Tensor w = Tensor.of(new double[]{3, 0, 0, 1}, 2, 2).requiresGrad(true);
        SpectralRegularizer s = new SpectralRegularizer(List.of(w), 2, 7);
        Tensor p = s.penalty(List.of(w), 100);
        assertEquals(3.0, Math.abs(s.sigma(List.of(w), 0)), 1e-9);
        assertEquals((9 - 1) * (9 - 1), p.item(), 1e-8);
        Tensor init = Tensor.of(new double[]{0, 1, 0});
        WassersteinRegularizer wr = new WassersteinRegularizer(List.of(init));
        Tensor th = param(3, 1, 2);
        Tensor q = wr.penalty(List.of(th)); // sorted (1,2,3) vs (0,0,1): 1 + 4 + 4
        assertEquals(9.0, q.item(), 1e-15);
        q.backward();
        assertArrayEquals(new double[]{2 * (3 - 1), 2 * (1 - 0), 2 * (2 - 0)}, th.grad().toDoubleArray(), 1e-15);
    }

    @Test
    void o20EnsembleDistillation() {
        Tensor z1 = Tensor.of(new double[]{0, 0}, 1, 2), z2 = Tensor.of(new double[]{Math.log(3), 0}, 1, 2);
        Tensor target = EnsembleDistillation.ensembleTarget(List.of(z1, z2), 1.0); // (½(½ + ¾), ½(½ + ¼))
        assertArrayEquals(new double[]{0.625, 0.375}, target.toDoubleArray(), 1e-12);
        Tensor s = Tensor.of(new double[]{0, 0}, 1, 2);
        assertEquals(Math.log(2), EnsembleDistillation.loss(s, target, null, 1.0, 1.0).item(), 1e-12);
        Tensor y = Tensor.ofInts(new int[]{0}, 1);
        double exp = 0.5 * 4 * -(0.625 * Math.log(0.5) + 0.375 * Math.log(0.5)) + 0.5 * Math.log(2);
        assertEquals(exp, EnsembleDistillation.loss(s, target, y, 2.0, 0.5).item(), 1e-12);
    }

    @Test
    void o21ScalingLawFit() {
        double[] n = {1e5, 1e6, 1e7, 1e8}, l = new double[4];
        for (int i = 0; i < 4; i++) l[i] = Math.pow(8.8e13 / n[i], 0.076);
        ScalingLaw.PowerLaw f = ScalingLaw.fitPowerLaw(n, l);
        assertEquals(0.076, f.alpha(), 1e-9);
        assertEquals(8.8e13, f.c(), 8.8e13 * 1e-6);
        double[] loss = {2, 3, 4}, b = new double[3];
        for (int i = 0; i < 3; i++) b[i] = 2e3 / Math.pow(loss[i], 1 / 0.21);
        double[] cb = ScalingLaw.fitCriticalBatch(loss, b);
        assertEquals(2e3, cb[0], 1e-6);
        assertEquals(0.21, cb[1], 1e-9);
        assertEquals(2e3 / Math.pow(3, 1 / 0.21), ScalingLaw.criticalBatch(3, 2e3, 0.21), 1e-9);
        assertEquals(1000.0 / (1 + 256.0 / 512), ScalingLaw.minSteps(1000, 512, 256), 1e-12);
        assertEquals(Math.pow(2, 0.5) + Math.pow(3, 0.25), ScalingLaw.loss(1, 1, new ScalingLaw.PowerLaw(2, 0.5), new ScalingLaw.PowerLaw(3, 0.25)), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> ScalingLaw.fitPowerLaw(new double[]{1, 1}, new double[]{1, 2}));
    }

    @Test
    void o01WeightPenalty() {
        Tensor a = param(1, -2);
        assertEquals(0.5 * 3 + 0.25 * 5, new WeightPenalty(0.5, 0.25).penalty(List.of(a)).item(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new WeightPenalty(-1, 0));
    }
}
