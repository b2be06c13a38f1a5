package io.contrast4j.losses.proxy;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-computed values, invariances and descent for the margin-softmax heads L045–L052. */
class MarginHeadsTest {
    // two 2-D samples, two classes; W rows set explicitly
    static final double[][] X = {{2 * Math.cos(0.3), 2 * Math.sin(0.3)}, {0.5, 1.0}};
    static final int[] Y = {0, 1};
    static final double[][] W = {{1, 0.2}, {-0.3, 2}};

    static LossInputs batch() {
        return LossInputs.of(Tensor.fromArray(X), Y);
    }

    static double norm(double[] v) {
        double s = 0;
        for (double x : v) s += x * x;
        return Math.sqrt(s);
    }

    static double cos(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s / (norm(a) * norm(b));
    }

    /** −log softmax(logits)[y]. */
    static double ce(double[] logits, int y) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) max = Math.max(max, l);
        double s = 0;
        for (double l : logits) s += Math.exp(l - max);
        return max + Math.log(s) - logits[y];
    }

    static <L extends Loss> L withWeights(L loss, double[][] w) {
        double[] flat = new double[w.length * w[0].length];
        for (int i = 0; i < w.length; i++) System.arraycopy(w[i], 0, flat, i * w[0].length, w[0].length);
        ProxyOps.set(loss.parameters().get(0), flat);
        return loss;
    }

    @Test
    void cosFaceByHand() {
        double m = 0.35, s = 64, expected = 0;
        for (int i = 0; i < 2; i++) {
            double[] l = new double[2];
            for (int j = 0; j < 2; j++) l[j] = s * (cos(X[i], W[j]) - (j == Y[i] ? m : 0));
            expected += ce(l, Y[i]) / 2;
        }
        double got = withWeights(new CosFaceLoss(2, 2, m, s, DType.F64, 1), W).compute(batch()).item();
        assertEquals(expected, got, 1e-9);
    }

    @Test
    void arcFaceByHandIncludingTheFallbackBranch() {
        double mDeg = 28.6, m = Math.toRadians(mDeg), s = 64;
        // third sample nearly opposite its class weight: θ > π − m takes the cos θ − m·sin m branch
        double[][] x = {X[0], X[1], {-1, -0.1}};
        int[] y = {0, 1, 0};
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            double[] l = new double[2];
            for (int j = 0; j < 2; j++) {
                double c = cos(x[i], W[j]);
                if (j == y[i]) {
                    double theta = Math.acos(c);
                    c = theta <= Math.PI - m ? Math.cos(theta + m) : c - m * Math.sin(m);
                }
                l[j] = s * c;
            }
            expected += ce(l, y[i]) / 3;
        }
        assertTrue(Math.acos(cos(x[2], W[0])) > Math.PI - m, "sample 2 must be on the fallback branch");
        double got = withWeights(new ArcFaceLoss(2, 2, mDeg, s, DType.F64, 1), W).compute(LossInputs.of(Tensor.fromArray(x), y)).item();
        assertEquals(expected, got, 1e-8);
    }

    @Test
    void largeMarginSoftmaxAndSphereFaceByHand() {
        int m = 4;
        double scale = 1.5, lsm = 0, sph = 0;
        for (int i = 0; i < 2; i++) {
            double[] l1 = new double[2], l2 = new double[2];
            for (int j = 0; j < 2; j++) {
                double c = cos(X[i], W[j]);
                if (j == Y[i]) {
                    double theta = Math.acos(c);
                    double k = Math.floor(theta * m / Math.PI);
                    c = Math.pow(-1, k) * Math.cos(m * theta) - 2 * k;
                }
                l1[j] = c * norm(X[i]) * norm(W[j]) * scale;
                l2[j] = c * norm(X[i]) * scale;
            }
            lsm += ce(l1, Y[i]) / 2;
            sph += ce(l2, Y[i]) / 2;
        }
        assertEquals(lsm, withWeights(new LargeMarginSoftmaxLoss(2, 2, m, scale, DType.F64, 1), W).compute(batch()).item(), 1e-9);
        assertEquals(sph, withWeights(new SphereFaceLoss(2, 2, m, scale, DType.F64, 1), W).compute(batch()).item(), 1e-9);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 6})
    void multipleAngleExpansionEqualsCosOfMultipleAngle(int m) {
        LargeMarginSoftmaxLoss l = new LargeMarginSoftmaxLoss(2, 2, m, 1, DType.F64, 0);
        double[] c = {-0.95, -0.4, 0.0, 0.3, 0.77, 0.999};
        double[] got = l.cosOfMultipleAngle(Tensor.of(c, c.length)).toDoubleArray();
        for (int i = 0; i < c.length; i++) assertEquals(Math.cos(m * Math.acos(c[i])), got[i], 1e-12, "m=" + m + " c=" + c[i]);
    }

    @Test
    void normalizedSoftmaxP2SGradAndSFaceByHand() {
        double tau = 0.05, ns = 0;
        for (int i = 0; i < 2; i++) {
            double[] l = new double[2];
            for (int j = 0; j < 2; j++) l[j] = cos(X[i], W[j]) / tau;
            ns += ce(l, Y[i]) / 2;
        }
        assertEquals(ns, withWeights(new NormalizedSoftmaxLoss(2, 2, tau, DType.F64, 1), W).compute(batch()).item(), 1e-9);

        // P2SGrad renormalises W rows, then mean over N×C of (cos − onehot)²
        double p2 = 0;
        for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) p2 += Math.pow(cos(X[i], W[j]) - (j == Y[i] ? 1 : 0), 2) / 4;
        P2SGradLoss p2s = withWeights(new P2SGradLoss(2, 2, DType.F64, 1), W);
        assertEquals(p2, p2s.compute(batch()).item(), 1e-9);
        assertEquals(1, norm(new double[]{p2s.weights().get(0, 0), p2s.weights().get(0, 1)}), 1e-12, "rows renormalised");

        double s = 64, k = 80, a = 0.87, b = 1.22, intra = 0, inter = 0;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                double c = cos(X[i], W[j]), th = Math.acos(c);
                if (j == Y[i]) intra += -s / (1 + Math.exp(-k * (th - a))) * c / 2;
                else inter += s / (1 + Math.exp(k * (th - b))) * c / 2;
            }
        }
        assertEquals(intra + inter, withWeights(new SFaceLoss(2, 2, s, k, a, b, DType.F64, 1), W).compute(batch()).item(), 1e-9);
    }

    @Test
    void subCenterTakesTheMaxOverSubCentersAndFindsOutliers() {
        // class 0 sub-centres rows 0,1; class 1 rows 2,3
        double[][] w = {{1, 0.2}, {0, -1}, {-0.3, 2}, {-1, -1}};
        double m = Math.toRadians(28.6), s = 64, expected = 0;
        for (int i = 0; i < 2; i++) {
            double[] l = new double[2];
            for (int c = 0; c < 2; c++) {
                double v = Math.max(cos(X[i], w[2 * c]), cos(X[i], w[2 * c + 1]));
                if (c == Y[i]) v = Math.acos(v) <= Math.PI - m ? Math.cos(Math.acos(v) + m) : v - m * Math.sin(m);
                l[c] = s * v;
            }
            expected += ce(l, Y[i]) / 2;
        }
        SubCenterArcFaceLoss loss = withWeights(new SubCenterArcFaceLoss(2, 2, 2, 28.6, s, DType.F64, 1), w);
        assertEquals(expected, loss.compute(batch()).item(), 1e-8);
        // outliers: sample 2 of class 0 points away from the dominant sub-centre (row 0)
        double[][] x = {{1, 0.1}, {1, 0.3}, {-1, 0.5}};
        var out = loss.outliers(Tensor.fromArray(x), new int[]{0, 0, 0}, 75);
        assertEquals(List.of(2), java.util.Arrays.stream(out.indices()).boxed().toList());
        assertEquals(w[0][0] / norm(w[0]), out.dominantCenters().get(0, 0), 1e-12);
    }

    static List<Supplier<Loss>> normalisedHeads(long seed) {
        return List.of(() -> new NormalizedSoftmaxLoss(3, 4, 0.1, DType.F64, seed), () -> new CosFaceLoss(3, 4, 0.35, 16, DType.F64, seed),
                () -> new ArcFaceLoss(3, 4, 28.6, 16, DType.F64, seed), () -> new SubCenterArcFaceLoss(3, 4, 2, 28.6, 16, DType.F64, seed),
                () -> new P2SGradLoss(3, 4, DType.F64, seed), () -> new SFaceLoss(3, 4, 64, 80, 0.87, 1.22, DType.F64, seed),
                () -> new ProxyAnchorLoss(3, 4, 0.1, 32, DType.F64, seed), () -> new ProxyNCALoss(3, 4, 1, DType.F64, seed),
                () -> new SoftTripleLoss(3, 4, 2, 20, 0.1, 0.01, DType.F64, seed), () -> UnpgLoss.fromParams(ProxyLosses.HEAD.with("dtype", "F64").with("seed", seed)));
    }

    /** The papers' heads see only directions: scaling every embedding by c &gt; 0 leaves the loss unchanged. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void normalisedHeadsAreInvariantToEmbeddingScale(long seed) {
        Rng rng = new Rng(seed);
        Tensor e = Tensor.randn(DType.F64, rng, 9, 4);
        int[] y = {0, 1, 2, 0, 1, 2, 0, 1, 2};
        double c = 0.1 + 5 * rng.nextDouble();
        for (Supplier<Loss> s : normalisedHeads(seed)) {
            Loss l = s.get();
            double a = l.compute(LossInputs.of(e, y)).item(), b = l.compute(LossInputs.of(e.mul(c), y)).item();
            assertEquals(a, b, 1e-9 * Math.max(1, Math.abs(a)), l.info().id() + " seed " + seed + " scale " + c);
        }
    }

    /** L-Softmax is not scale-invariant (logits grow with ‖x‖), which the paper uses to sharpen the margin. */
    @Test
    void largeMarginSoftmaxDependsOnTheNorm() {
        LargeMarginSoftmaxLoss l = new LargeMarginSoftmaxLoss(2, 2, 4, 1, DType.F64, 1);
        double a = l.compute(batch()).item(), b = l.compute(LossInputs.of(Tensor.fromArray(X).mul(3), Y)).item();
        assertFalse(Math.abs(a - b) < 1e-6);
    }

    /** A few plain gradient steps (p −= lr·grad) on the embeddings and the head's parameters reduce the loss. */
    @ParameterizedTest
    @ValueSource(longs = {5, 6})
    void gradientStepsReduceTheLossOnASeparableBatch(long seed) {
        List<Supplier<Loss>> all = new java.util.ArrayList<>(normalisedHeads(seed));
        all.add(() -> new LargeMarginSoftmaxLoss(3, 4, 2, 1, DType.F64, seed));
        all.add(() -> new SphereFaceLoss(3, 4, 2, 1, DType.F64, seed));
        all.add(() -> new CenterLoss(3, 4, 0.05, 0.5, true, false, DType.F64, seed));
        for (Supplier<Loss> s : all) {
            Loss loss = s.get();
            assertFalse(loss.parameters().isEmpty(), loss.info().id() + " must expose learnable parameters");
            double first = descend(loss, seed, 30, 0.02);
            double last = descend(loss, seed, 1, 0);
            assertTrue(last < first, loss.info().id() + " seed " + seed + ": " + first + " -> " + last);
        }
    }

    /** Separable toy batch: class k clusters around axis k. Runs {@code steps} steps, returns the first loss. */
    static double descend(Loss loss, long seed, int steps, double lr) {
        Rng rng = new Rng(seed);
        int n = 9;
        double[] e = new double[n * 4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < 4; j++) e[i * 4 + j] = 0.2 * rng.nextGaussian() + (j == y[i] ? 1 : 0);
        }
        Tensor x = Tensor.of(e, n, 4);
        double first = Double.NaN;
        for (int step = 0; step < Math.max(steps, 1); step++) {
            for (Tensor p : loss.parameters()) p.zeroGrad();
            Tensor v = loss.compute(LossInputs.of(x, y));
            if (step == 0) first = v.item();
            if (lr == 0) break;
            v.backward();
            for (Tensor p : loss.parameters()) {
                if (p.grad() == null) continue;
                double[] pv = p.toDoubleArray(), g = p.grad().toDoubleArray();
                for (int i = 0; i < pv.length; i++) pv[i] -= lr * g[i];
                ProxyOps.set(p, pv);
            }
        }
        return first;
    }

    @Test
    void badInputsAreRefusedWithClearMessages() {
        CosFaceLoss l = new CosFaceLoss(2, 2, 0.35, 64, DType.F64, 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> l.compute(LossInputs.of(Tensor.fromArray(X), new int[]{0, 2})))
                .getMessage().contains("label 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> l.compute(LossInputs.of(Tensor.fromArray(X).to(DType.F32), Y)))
                .getMessage().contains("dtype"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CosFaceLoss.fromParams(io.contrast4j.autograd.registry.Params.of(java.util.Map.of("num_classes", "2"))))
                .getMessage().contains("embedding_size"));
    }
}
