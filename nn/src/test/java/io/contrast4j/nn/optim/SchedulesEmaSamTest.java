package io.contrast4j.nn.optim;

import io.contrast4j.autograd.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SchedulesEmaSamTest {
    @Test
    void warmupLinear() {
        WarmupLinearLr s = new WarmupLinearLr(1e-3, 10, 110);
        assertEquals(0.0, s.factor(0));
        assertEquals(0.5, s.factor(5), 1e-15);
        assertEquals(1.0, s.factor(10), 1e-15); // warm-up end
        assertEquals(0.5, s.factor(60), 1e-15); // (110 − 60)/(110 − 10)
        assertEquals(0.0, s.factor(110));
        assertEquals(0.0, s.factor(500));
        assertEquals(5e-4, s.lr(60), 1e-18);
    }

    @Test
    void warmupCosine() {
        WarmupCosineLr s = new WarmupCosineLr(2.0, 10, 110);
        assertEquals(1.0, s.factor(10), 1e-15);
        assertEquals(0.5, s.factor(60), 1e-12); // half-way: ½(1 + cos(π/2))
        assertEquals(0.5 * (1 + Math.cos(Math.PI * 0.25)), s.factor(35), 1e-12);
        assertEquals(0.0, s.factor(110), 1e-15);
        assertEquals(1.0, s.lr(60), 1e-12);
        WarmupCosineLr m = new WarmupCosineLr(1.0, 0, 100, 0.1);
        assertEquals(0.1 + 0.9 * 0.5, m.factor(50), 1e-12);
    }

    @Test
    void stepAndConstantAndApply() {
        assertEquals(0.25, new StepLr(1.0, 10, 0.5).factor(25), 1e-15);
        assertEquals(1.0, new StepLr(1.0, 10, 0.5).factor(9), 1e-15);
        assertEquals(0.3, new ConstantLr(0.3).lr(1000));
        Tensor a = Tensor.of(new double[]{1}).requiresGrad(true), b = Tensor.of(new double[]{1}).requiresGrad(true);
        Sgd opt = new Sgd(List.of(new ParamGroup(List.of(a), 1.0, 0), new ParamGroup(List.of(b), 100.0, 0)));
        new WarmupLinearLr(1.0, 10, 20).apply(opt, 5);
        assertEquals(0.5, opt.groups().get(0).lr(), 1e-15);
        assertEquals(50.0, opt.groups().get(1).lr(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new WarmupLinearLr(1.0, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new ConstantLr(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new StepLr(1.0, 0, 0.5));
    }

    @Test
    void emaUpdate() {
        Tensor src = Tensor.of(new double[]{3, 5}).requiresGrad(true);
        Tensor tgt = Tensor.of(new double[]{1, 2});
        Ema ema = new Ema(List.of(tgt), List.of(src), 0.9);
        ema.update();
        assertArrayEquals(new double[]{0.9 * 1 + 0.1 * 3, 0.9 * 2 + 0.1 * 5}, tgt.toDoubleArray(), 1e-15);
        Ema sh = Ema.shadow(List.of(src), 0.5);
        src.host().d[0] = 7;
        sh.update();
        assertEquals(0.5 * 3 + 0.5 * 7, sh.target().get(0).get(0), 1e-15);
        assertEquals(0.996, Ema.byolMomentum(0.996, 0, 100), 1e-15);
        assertEquals(1 - 0.004 * 0.5, Ema.byolMomentum(0.996, 50, 100), 1e-12);
        assertEquals(1.0, Ema.byolMomentum(0.996, 100, 100), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new Ema(List.of(tgt), List.of(src), 1.5));
    }

    @Test
    void samOnQuadratic() {
        double[] a = {1, 3};
        Tensor w = Tensor.of(new double[]{1, 2}).requiresGrad(true);
        Tensor av = Tensor.of(a);
        double lr = 0.1, rho = 0.05;
        Sam sam = new Sam(new Sgd(List.of(new ParamGroup(List.of(w), lr, 0))), rho);
        Optimizer.Closure closure = () -> {
            Tensor l = w.mul(w).mul(av).sum().mul(0.5);
            l.backward();
            return l.item();
        };
        w.zeroGrad();
        closure.evaluate();
        sam.step(closure);
        // g = a⊙w = (1, 6), ‖g‖ = √37, ε = ρg/‖g‖, new w = w − lr·a⊙(w + ε)
        double n = Math.sqrt(37);
        double e0 = rho * 1 / (n + 1e-12), e1 = rho * 6 / (n + 1e-12);
        assertEquals(1 - lr * 1 * (1 + e0), w.get(0), 1e-12);
        assertEquals(2 - lr * 3 * (2 + e1), w.get(1), 1e-12);
        assertTrue(sam.needsClosure());
        assertThrows(IllegalStateException.class, sam::step);
        assertThrows(IllegalArgumentException.class, () -> new Sam(new Sgd(List.of(new ParamGroup(List.of(w), lr, 0))), -1));
    }
}
