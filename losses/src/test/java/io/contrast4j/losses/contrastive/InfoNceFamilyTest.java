package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-computed values, invariances and extreme inputs for L101, L102, L105–L109. */
class InfoNceFamilyTest {
    static final double[][] A = {{1, 0}, {0, 1}};
    static final double[][] P = {{0.8, 0.6}, {0.6, 0.8}};
    static final double[][] N = {{-1, 0}, {0, -1}}; // one hard negative per row (K = 1)

    static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) s += x[i] * y[i];
        return s;
    }

    static double[] unit(double[] x) {
        double n = Math.sqrt(dot(x, x));
        double[] u = x.clone();
        for (int i = 0; i < u.length; i++) u[i] /= n;
        return u;
    }

    static LossInputs cols(double[][] a, double[][] p, double[][] n) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put(InfoNce.ANCHORS, Tensor.fromArray(a));
        m.put(InfoNce.POSITIVES, Tensor.fromArray(p));
        if (n != null) {
            double[] flat = new double[n.length * n[0].length];
            for (int i = 0; i < n.length; i++) System.arraycopy(n[i], 0, flat, i * n[0].length, n[0].length);
            m.put(InfoNce.NEGATIVES, Tensor.of(flat, n.length, 1, n[0].length));
        }
        return LossInputs.of(m);
    }

    @Test
    void infoNceHandValueWithHardNegatives() {
        double s = 20;
        // candidates: p0, p1, n0, n1 (already unit vectors)
        double[][] c = {P[0], P[1], N[0], N[1]};
        double total = 0;
        for (int i = 0; i < 2; i++) {
            double z = 0;
            for (double[] cj : c) z += Math.exp(s * dot(A[i], cj));
            total += -(s * dot(A[i], P[i]) - Math.log(z));
        }
        double v = new InfoNceLoss().compute(cols(A, P, N)).item();
        assertEquals(total / 2, v, 1e-9);
    }

    @Test
    void maskDropsCandidatesAndWeightsMatchFormula() {
        double s = 20;
        // mask out p1 for row 0 (B x B mask), weight 0.5 on row 1's own hard negative (B x K weights)
        LossInputs in = cols(A, P, N).with(InfoNce.NEGATIVE_MASK, Tensor.ofInts(new int[]{1, 0, 1, 1}, 2, 2))
                .with(InfoNce.NEGATIVE_WEIGHTS, Tensor.of(new double[]{1, 0.5}, 2, 1));
        double r0 = -s * dot(A[0], P[0]) + Math.log(Math.exp(s * dot(A[0], P[0])) + Math.exp(s * dot(A[0], N[0])) + Math.exp(s * dot(A[0], N[1])));
        double r1 = -s * dot(A[1], P[1]) + Math.log(Math.exp(s * dot(A[1], P[0])) + Math.exp(s * dot(A[1], P[1]))
                + Math.exp(s * dot(A[1], N[0])) + 0.5 * Math.exp(s * dot(A[1], N[1])));
        assertEquals((r0 + r1) / 2, new InfoNceLoss().compute(in).item(), 1e-9);
        assertEquals((r0 + r1) / 2, WeightedNegativeInfoNceLoss.fromParams(Params.empty()).compute(in).item(), 1e-9);
    }

    @Test
    void badShapesAreClearErrors() {
        LossInputs in = cols(A, P, null).with(InfoNce.NEGATIVE_MASK, Tensor.ofInts(new int[]{1, 1, 1}, 1, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new InfoNceLoss().compute(in));
        assertTrue(e.getMessage().contains("negative_mask"), e.getMessage());
        LossInputs bad = LossInputs.of(Map.of(InfoNce.ANCHORS, Tensor.zeros(DType.F64, 2, 3), InfoNce.POSITIVES, Tensor.zeros(DType.F64, 3, 3)));
        assertThrows(IllegalArgumentException.class, () -> new InfoNceLoss().compute(bad));
        assertThrows(IllegalArgumentException.class, () -> InfoNceLoss.fromParams(Params.of(Map.of("scale", "20", "temperature", "0.05"))));
    }

    @Test
    void symmetricHandValue() {
        double s = 20, f = 0, b = 0;
        for (int i = 0; i < 2; i++) {
            double zr = 0, zc = 0;
            for (int j = 0; j < 2; j++) {
                zr += Math.exp(s * dot(A[i], P[j]));
                zc += Math.exp(s * dot(A[j], P[i]));
            }
            f += Math.log(zr) - s * dot(A[i], P[i]);
            b += Math.log(zc) - s * dot(A[i], P[i]);
        }
        assertEquals(0.5 * (f / 2 + b / 2), new SymmetricInfoNceLoss().compute(cols(A, P, null)).item(), 1e-9);
    }

    @Test
    void sigLipHandValue() {
        double t = 10, bias = -10, sum = 0;
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++) {
                double z = i == j ? 1 : -1;
                sum += -Math.log(1 / (1 + Math.exp(-z * (t * dot(A[i], P[j]) + bias))));
            }
        assertEquals(sum / 2, SigLipLoss.fromParams(Params.of(Map.of("dtype", "F64"))).compute(cols(A, P, null)).item(), 1e-9);
    }

    @Test
    void dclHandValueAndWeightedVariant() {
        double tau = 0.1, sigma = 0.5;
        double[][] p = {unit(P[0]), unit(new double[]{0.3, 0.9})};
        double[][] z = {A[0], A[1], p[0], p[1]};
        double dcl = 0, dclw = 0;
        double[] e = new double[4];
        for (int i = 0; i < 4; i++) e[i] = Math.exp(dot(z[i], z[(i + 2) % 4]) / sigma);
        double mean = (e[0] + e[1] + e[2] + e[3]) / 4;
        for (int i = 0; i < 4; i++) {
            int partner = (i + 2) % 4;
            double lse = 0;
            for (int k = 0; k < 4; k++) if (k != i && k != partner) lse += Math.exp(dot(z[i], z[k]) / tau);
            dcl += -dot(z[i], z[partner]) / tau + Math.log(lse);
            dclw += -(2 - e[i] / mean) * dot(z[i], z[partner]) / tau + Math.log(lse);
        }
        LossInputs in = cols(A, new double[][]{{0.8, 0.6}, {0.3, 0.9}}, null);
        assertEquals(dcl / 4, DecoupledContrastiveLoss.fromParams(Params.empty()).compute(in).item(), 1e-9);
        assertEquals(dclw / 4, DecoupledContrastiveLoss.fromParams(Params.of(Map.of("weighted", "true"))).compute(in).item(), 1e-9);
    }

    @Test
    void focalHandValueAndGammaZeroIsInfoNce() {
        double s = 5, total = 0;
        for (int i = 0; i < 2; i++) {
            double z = Math.exp(s * dot(A[i], P[0])) + Math.exp(s * dot(A[i], P[1]));
            double pI = Math.exp(s * dot(A[i], P[i])) / z;
            total += -Math.pow(1 - pI, 2) * Math.log(pI);
        }
        LossInputs in = cols(A, P, null);
        assertEquals(total / 2, FocalInfoNceLoss.fromParams(Params.of(Map.of("scale", "5"))).compute(in).item(), 1e-9);
        assertEquals(InfoNceLoss.fromParams(Params.of(Map.of("scale", "5"))).compute(in).item(),
                FocalInfoNceLoss.fromParams(Params.of(Map.of("scale", "5", "gamma", "0"))).compute(in).item(), 1e-12);
    }

    @Test
    void hardnessAwareLimits() {
        LossInputs in = ContrastiveLosses.cols(5, 5, 4, 2);
        double plain = new InfoNceLoss().compute(in).item();
        // top-K with K = all negatives, and tilt with β = 0 (uniform weights |N|/|N| = 1), are plain InfoNCE
        assertEquals(plain, HardnessAwareInfoNceLoss.fromParams(Params.of(Map.of("mode", "topk", "k", "14"))).compute(in).item(), 1e-10);
        assertEquals(plain, HardnessAwareInfoNceLoss.fromParams(Params.of(Map.of("beta", "0"))).compute(in).item(), 1e-10);
        // top-1 by hand on row data: keep only the hardest negative
        LossInputs two = cols(A, P, N);
        double s = 20, total = 0;
        double[][] c = {P[0], P[1], N[0], N[1]};
        for (int i = 0; i < 2; i++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < 4; j++) if (j != i) best = Math.max(best, dot(A[i], c[j]));
            total += -s * dot(A[i], P[i]) + Math.log(Math.exp(s * dot(A[i], P[i])) + Math.exp(s * best));
        }
        assertEquals(total / 2, HardnessAwareInfoNceLoss.fromParams(Params.of(Map.of("mode", "topk", "k", "1"))).compute(two).item(), 1e-9);
    }

    static List<Loss> colsLosses() {
        return List.of(new InfoNceLoss(), new SymmetricInfoNceLoss(), FocalInfoNceLoss.fromParams(Params.empty()),
                HardnessAwareInfoNceLoss.fromParams(Params.empty()), HardnessAwareInfoNceLoss.fromParams(Params.of(Map.of("mode", "topk", "k", "3"))),
                DecoupledContrastiveLoss.fromParams(Params.of(Map.of("weighted", "true"))), SigLipLoss.fromParams(Params.of(Map.of("dtype", "F64"))),
                ContrastiveTensionLoss.fromParams(Params.of(Map.of("dtype", "F64"))));
    }

    static LossInputs permuteRows(LossInputs in, int[] perm) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (var e : in.asMap().entrySet()) m.put(e.getKey(), e.getValue().indexSelect(0, perm));
        return LossInputs.of(m);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void permutingBatchRowsTogetherLeavesLossUnchanged(long seed) {
        LossInputs in = ContrastiveLosses.cols(seed, 6, 5, 0);
        int[] perm = InfoNce.arange(6);
        new Rng(seed).shuffle(perm);
        for (Loss l : colsLosses()) {
            double a = l.compute(in).item(), b = l.compute(permuteRows(in, perm)).item();
            assertEquals(a, b, 1e-9 * Math.max(1, Math.abs(a)), "seed " + seed + " " + l.info().id());
        }
        // with hard negatives (the candidate order changes, the loss does not)
        LossInputs hn = ContrastiveLosses.cols(seed, 6, 5, 2);
        double a = new InfoNceLoss().compute(hn).item(), b = new InfoNceLoss().compute(permuteRows(hn, perm)).item();
        assertEquals(a, b, 1e-9 * Math.max(1, a), "seed " + seed + " L101 with negatives");
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void cosineLossesIgnoreEmbeddingScale(long seed) {
        LossInputs in = ContrastiveLosses.cols(seed, 5, 4, 1);
        Rng r = new Rng(seed);
        Map<String, Tensor> scaled = new LinkedHashMap<>();
        for (var e : in.asMap().entrySet()) {
            Tensor t = e.getValue();
            // a different positive factor per row
            int rows = t.dim(0);
            double[] f = new double[rows];
            for (int i = 0; i < rows; i++) f[i] = 0.1 + 10 * r.nextDouble();
            int[] shape = new int[t.rank()];
            java.util.Arrays.fill(shape, 1);
            shape[0] = rows;
            scaled.put(e.getKey(), t.mul(Tensor.of(f, shape)));
        }
        for (Loss l : List.of(new InfoNceLoss(), new SymmetricInfoNceLoss(), FocalInfoNceLoss.fromParams(Params.empty()), HardnessAwareInfoNceLoss.fromParams(Params.empty()))) {
            double a = l.compute(in).item(), b = l.compute(LossInputs.of(scaled)).item();
            assertEquals(a, b, 1e-9 * Math.max(1, Math.abs(a)), "seed " + seed + " " + l.info().id());
        }
    }

    @Test
    void extremeInputsGiveFiniteLossesAndGradients() {
        for (Params p : List.of(Params.of(Map.of("scale", "100")), Params.of(Map.of("temperature", "0.01")))) {
            for (Loss l : List.of(InfoNceLoss.fromParams(p), SymmetricInfoNceLoss.fromParams(p), FocalInfoNceLoss.fromParams(p),
                    HardnessAwareInfoNceLoss.fromParams(p), WeightedNegativeInfoNceLoss.fromParams(p))) {
                for (double norm : new double[]{1e-3, 1e4}) {
                    LossInputs in = ContrastiveLosses.cols(7, 6, 4, 2);
                    Map<String, Tensor> m = new LinkedHashMap<>();
                    for (var e : in.asMap().entrySet()) m.put(e.getKey(), e.getValue().mul(norm).detach().requiresGrad(true));
                    LossInputs big = LossInputs.of(m);
                    if (l instanceof WeightedNegativeInfoNceLoss) big = ContrastiveLosses.weighted(big, 3);
                    assertFinite(l, big, p + " norm " + norm);
                }
            }
        }
        for (Loss l : List.of(DecoupledContrastiveLoss.fromParams(Params.of(Map.of("temperature", "0.01", "weighted", "true", "sigma", "0.01"))),
                new SigLipLoss(Math.log(100), -50, true, DType.F64), ContrastiveTensionLoss.fromParams(Params.of(Map.of("scale", "100", "dtype", "F64"))))) {
            LossInputs in = ContrastiveLosses.cols(9, 6, 4, 0);
            Map<String, Tensor> m = new LinkedHashMap<>();
            for (var e : in.asMap().entrySet()) m.put(e.getKey(), e.getValue().mul(1e4).detach().requiresGrad(true));
            assertFinite(l, LossInputs.of(m), l.info().id());
        }
    }

    static void assertFinite(Loss l, LossInputs in, String what) {
        Tensor v = l.compute(in);
        assertTrue(Double.isFinite(v.item()), l.info().id() + " " + what + ": loss " + v.item());
        v.backward();
        for (var e : in.asMap().entrySet()) {
            if (e.getValue().grad() == null) continue;
            for (double g : e.getValue().grad().toDoubleArray()) assertTrue(Double.isFinite(g), l.info().id() + " " + what + ": gradient of " + e.getKey() + " " + g);
        }
    }
}
