package io.contrast4j.nn.optim;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.nn.Module;
import io.contrast4j.nn.io.NamedArray;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class OptimizersTest {
    static Tensor param(double... v) {
        return Tensor.of(v).requiresGrad(true);
    }

    static void grad(Tensor p, double... g) {
        p.setGrad(Tensor.of(g));
    }

    static void close(double[] expected, Tensor p, double tol) {
        double[] a = p.toDoubleArray();
        assertEquals(expected.length, a.length);
        for (int i = 0; i < a.length; i++) assertEquals(expected[i], a[i], tol, "element " + i);
    }

    @Test
    void sgdMomentumTwoSteps() {
        Tensor p = param(1, -2);
        double lr = 0.1, mu = 0.9, wd = 0.01;
        Sgd opt = new Sgd(List.of(new ParamGroup(List.of(p), lr, wd)), mu, 0, false);
        double[] g = {0.5, 1}, w = {1, -2}, b = new double[2];
        for (int step = 1; step <= 2; step++) {
            grad(p, g);
            opt.step();
            for (int i = 0; i < 2; i++) {
                double gi = g[i] + wd * w[i];
                b[i] = step == 1 ? gi : mu * b[i] + gi;
                w[i] -= lr * b[i];
            }
            close(w, p, 1e-12);
            // step 1 by hand: b = 0.5 + 0.01·1 = 0.51 → w = 1 − 0.1·0.51 = 0.949
            if (step == 1) assertEquals(0.949, p.get(0), 1e-12);
        }
    }

    @Test
    void sgdNesterovAndDampening() {
        Tensor p = param(2.0);
        Sgd nest = new Sgd(List.of(new ParamGroup(List.of(p), 0.1, 0)), 0.5, 0, true);
        grad(p, 1.0);
        nest.step(); // b = 1, update = 1 + 0.5·1 = 1.5 → 2 − 0.15
        assertEquals(1.85, p.item(), 1e-12);
        grad(p, 1.0);
        nest.step(); // b = 0.5·1 + 1 = 1.5, update = 1 + 0.5·1.5 = 1.75
        assertEquals(1.85 - 0.175, p.item(), 1e-12);

        Tensor q = param(2.0);
        Sgd damp = new Sgd(List.of(new ParamGroup(List.of(q), 0.1, 0)), 0.5, 0.5, false);
        grad(q, 1.0);
        damp.step(); // first step: b = g (no dampening) = 1
        assertEquals(1.9, q.item(), 1e-12);
        grad(q, 1.0);
        damp.step(); // b = 0.5·1 + 0.5·1 = 1
        assertEquals(1.8, q.item(), 1e-12);
    }

    @Test
    void adamTwoStepsWithBiasCorrection() {
        Tensor p = param(1, -2);
        double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0.1;
        Adam opt = new Adam(List.of(new ParamGroup(List.of(p), lr, wd)));
        double[] g = {0.5, -3}, w = {1, -2}, m = new double[2], v = new double[2];
        for (int t = 1; t <= 2; t++) {
            grad(p, g);
            opt.step();
            for (int i = 0; i < 2; i++) {
                double gi = g[i] + wd * w[i];
                m[i] = b1 * m[i] + (1 - b1) * gi;
                v[i] = b2 * v[i] + (1 - b2) * gi * gi;
                double mh = m[i] / (1 - Math.pow(b1, t)), vh = v[i] / (1 - Math.pow(b2, t));
                w[i] -= lr * mh / (Math.sqrt(vh) + eps);
            }
            close(w, p, 1e-12);
        }
        // first Adam step moves each coordinate by ≈ lr·sign(g)
        assertEquals(1 - 0.01, stepOnce(1, 0.5).item(), 1e-9);
    }

    private static Tensor stepOnce(double w, double g) {
        Tensor p = param(w);
        Adam a = new Adam(List.of(new ParamGroup(List.of(p), 0.01, 0)));
        grad(p, g);
        a.step();
        return p;
    }

    @Test
    void adamWDecoupledDecayF32() {
        Tensor p = Tensor.of(new float[]{1f, -2f}).requiresGrad(true);
        double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0.5;
        AdamW opt = new AdamW(List.of(new ParamGroup(List.of(p), lr, wd)));
        double[] g = {0.5, -3}, w = {1, -2}, m = new double[2], v = new double[2];
        for (int t = 1; t <= 2; t++) {
            p.setGrad(Tensor.of(new float[]{0.5f, -3f}));
            opt.step();
            for (int i = 0; i < 2; i++) {
                w[i] *= 1 - lr * wd;
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                w[i] -= lr * (m[i] / (1 - Math.pow(b1, t))) / (Math.sqrt(v[i] / (1 - Math.pow(b2, t))) + eps);
            }
            close(w, p, 1e-6);
        }
        assertEquals(DType.F32, p.dtype());
    }

    @Test
    void lambTrustRatio() {
        Tensor p = param(3, 4);
        double lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-6, wd = 0.01;
        Lamb opt = new Lamb(List.of(new ParamGroup(List.of(p), lr, wd)));
        double[] g = {1, -2}, w = {3, 4}, m = new double[2], v = new double[2];
        for (int t = 1; t <= 2; t++) {
            grad(p, g);
            opt.step();
            double[] r = new double[2];
            double wn = 0, rn = 0;
            for (int i = 0; i < 2; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                r[i] = (m[i] / (1 - Math.pow(b1, t))) / (Math.sqrt(v[i] / (1 - Math.pow(b2, t))) + eps) + wd * w[i];
                wn += w[i] * w[i];
                rn += r[i] * r[i];
            }
            double ratio = Math.sqrt(wn) / Math.sqrt(rn);
            for (int i = 0; i < 2; i++) w[i] -= lr * ratio * r[i];
            close(w, p, 1e-12);
        }
    }

    @Test
    void rmsPropAndAdaGrad() {
        Tensor p = param(1.0), q = param(1.0);
        RmsProp rms = new RmsProp(List.of(new ParamGroup(List.of(p), 0.01, 0)));
        AdaGrad ada = new AdaGrad(List.of(new ParamGroup(List.of(q), 0.1, 0)));
        double wp = 1, wq = 1, v = 0, s = 0, g = 2;
        for (int t = 1; t <= 2; t++) {
            grad(p, g);
            grad(q, g);
            rms.step();
            ada.step();
            v = 0.99 * v + 0.01 * g * g;
            wp -= 0.01 * g / (Math.sqrt(v) + 1e-8);
            s += g * g;
            wq -= 0.1 * g / (Math.sqrt(s) + 1e-10);
            assertEquals(wp, p.item(), 1e-12);
            assertEquals(wq, q.item(), 1e-12);
        }
    }

    @Test
    void groupsWithDifferentLrAndDecay() {
        Tensor a = param(1.0), b = param(1.0);
        Sgd opt = new Sgd(List.of(new ParamGroup(List.of(a), 0.1, 0), new ParamGroup(List.of(b), 1.0, 0.5)));
        grad(a, 1);
        grad(b, 1);
        opt.step();
        assertEquals(1 - 0.1, a.item(), 1e-12);
        assertEquals(1 - 1.0 * (1 + 0.5 * 1), b.item(), 1e-12);
        Tensor c = param(5.0);
        new Sgd(List.of(new ParamGroup(List.of(c), 0.1, 0))).step(); // no gradient: unchanged
        assertEquals(5.0, c.item());
    }

    static final class TinyNet extends Module {
        final Tensor w, bias, lnWeight, normGain, emb;

        TinyNet() {
            w = param("weight", Tensor.zeros(DType.F64, 2, 2));
            bias = param("bias", Tensor.zeros(DType.F64, 2, 2));
            lnWeight = child("ln1", new Leaf()).p;
            normGain = child("layernorm", new Leaf()).p;
            emb = param("scale", Tensor.zeros(DType.F64, 3));
        }

        @Override
        public Tensor forward(Tensor x) {
            return x;
        }
    }

    static final class Leaf extends Module {
        final Tensor p = param("weight", Tensor.zeros(DType.F64, 2, 2));

        @Override
        public Tensor forward(Tensor x) {
            return x;
        }
    }

    @Test
    void defaultGroupsSkipDecayOnBiasNormAnd1d() {
        TinyNet net = new TinyNet();
        List<ParamGroup> gs = ParamGroups.defaults(net, 0.001, 0.05);
        assertEquals(2, gs.size());
        assertEquals(List.of(net.w), gs.get(0).params());
        assertEquals(0.05, gs.get(0).weightDecay());
        assertEquals(List.of(net.bias, net.emb, net.lnWeight, net.normGain), gs.get(1).params());
        assertEquals(0.0, gs.get(1).weightDecay());
        assertEquals("ln1.weight", gs.get(1).name(2));
    }

    @Test
    void clipGlobalNorm() {
        Tensor a = param(0, 0), b = param(0.0);
        grad(a, 3, 0);
        grad(b, 4);
        double n = GradClip.clipGlobalNorm(List.of(a, b), 1.0);
        assertEquals(5.0, n, 1e-12);
        double c = 1.0 / (5 + 1e-6);
        close(new double[]{3 * c, 0}, a.grad(), 1e-12);
        close(new double[]{4 * c}, b.grad(), 1e-12);
        // below the threshold: unchanged
        assertEquals(5 * c, GradClip.clipGlobalNorm(List.of(a, b), 10.0), 1e-12);
        close(new double[]{3 * c, 0}, a.grad(), 1e-12);
        // shared gradient storage scaled once
        Tensor x = param(0.0), y = param(0.0);
        Tensor g = Tensor.of(new double[]{2.0});
        x.setGrad(g);
        y.setGrad(g);
        GradClip.clipGlobalNorm(List.of(x, y), Math.sqrt(2));
        assertEquals(2 * Math.sqrt(2) / (Math.sqrt(8) + 1e-6), x.grad().item(), 1e-12);
    }

    @Test
    void stateRoundTrip() {
        Tensor p = param(1, 2);
        Adam a = new Adam(List.of(new ParamGroup(List.of(p), 0.1, 0)));
        grad(p, 1, 1);
        a.step();
        List<NamedArray> st = a.state();
        Tensor q = param(p.toDoubleArray());
        Adam b = new Adam(List.of(new ParamGroup(List.of(q), 0.1, 0)));
        b.loadState(st);
        grad(p, 0.3, -1);
        grad(q, 0.3, -1);
        a.step();
        b.step();
        assertArrayEquals(p.toDoubleArray(), q.toDoubleArray());
        assertEquals(2, b.stepCount());
        assertThrows(IllegalArgumentException.class, () -> new Sgd(List.of(new ParamGroup(List.of(param(1.0)), 0.1, 0)), 0.9, 0, false).loadState(st));
    }

    @Test
    void badInput() {
        Tensor p = param(1.0);
        var e = assertThrows(IllegalArgumentException.class, () -> new ParamGroup(List.of(p), Double.NaN, 0));
        assertTrue(e.getMessage().contains("lr"), e.getMessage());
        ParamGroup g = new ParamGroup(List.of(p), 0.1, 0);
        e = assertThrows(IllegalArgumentException.class, () -> g.setLr(Double.POSITIVE_INFINITY));
        assertTrue(e.getMessage().contains("lr"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Sgd(List.of(g), -0.9, 0, false));
        assertTrue(e.getMessage().contains("momentum"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(g), 1.0, 0.999, 1e-8));
        assertTrue(e.getMessage().contains("beta1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ParamGroup(List.of(p), 0.1, -1));
        assertTrue(e.getMessage().contains("weightDecay"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Sgd(List.of(g, new ParamGroup(List.of(p), 0.1, 0))));
        assertTrue(e.getMessage().contains("more than one"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Sgd(List.of()));
    }
}
