package io.contrast4j.losses.classification;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.check.GradCheck;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossEntry;
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

/** Hand-computed values, limits/invariances and extreme inputs for the section (d) losses. */
class ClassificationLossesTest {
    static final double[][] Z = {{2.0, -1.0, 0.5}, {0.1, 0.3, -0.4}};
    static final int[] Y = {0, 2};

    static LossInputs in(double[][] z, int[] y) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put(Cls.LOGITS, Tensor.fromArray(z));
        m.put(Cls.TARGETS, Tensor.ofInts(y, y.length));
        return LossInputs.of(m);
    }

    static double[] softmax(double[] z) {
        double m = Double.NEGATIVE_INFINITY, s = 0;
        for (double v : z) m = Math.max(m, v);
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) s += p[i] = Math.exp(z[i] - m);
        for (int i = 0; i < z.length; i++) p[i] /= s;
        return p;
    }

    static double val(Loss l, LossInputs in) {
        return l.compute(in).item();
    }

    static Params p(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return Params.of(m);
    }

    @Test
    void crossEntropyWithSmoothingAndClassWeights() {
        double eps = 0.1;
        double[] w = {1, 0.5, 2};
        double num = 0, den = 0, plain = 0;
        for (int i = 0; i < 2; i++) {
            double[] pr = softmax(Z[i]);
            double smooth = 0;
            for (int c = 0; c < 3; c++) smooth += -w[c] * Math.log(pr[c]) / 3;
            num += (1 - eps) * w[Y[i]] * -Math.log(pr[Y[i]]) + eps * smooth;
            den += w[Y[i]];
            plain += -Math.log(pr[Y[i]]);
        }
        assertEquals(plain / 2, val(new CrossEntropyLoss(), in(Z, Y)), 1e-12);
        assertEquals(num / den, val(CrossEntropyLoss.fromParams(p("label_smoothing", "0.1", "class_weights", "1,0.5,2")), in(Z, Y)), 1e-12);
        // soft targets equal to the smoothed one-hot give the same as hard targets with smoothing
        double[][] q = {{0.9 + 0.1 / 3, 0.1 / 3, 0.1 / 3}, {0.1 / 3, 0.1 / 3, 0.9 + 0.1 / 3}};
        LossInputs soft = LossInputs.of(Map.of(Cls.LOGITS, Tensor.fromArray(Z), Cls.SOFT_TARGETS, Tensor.fromArray(q)));
        assertEquals(val(new CrossEntropyLoss(0.1, null), in(Z, Y)), val(new CrossEntropyLoss(), soft), 1e-12);
        // mask drops row 1
        LossInputs masked = in(Z, Y).with(CrossEntropyLoss.MASK, Tensor.ofInts(new int[]{1, 0}, 2));
        assertEquals(-Math.log(softmax(Z[0])[0]), val(new CrossEntropyLoss(), masked), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new CrossEntropyLoss().compute(in(Z, new int[]{0, 3})));
        assertThrows(IllegalArgumentException.class, () -> CrossEntropyLoss.fromParams(p("class_weights", "1,2")).compute(in(Z, Y)));
    }

    @Test
    void bceAndRegressionHandValues() {
        double[][] y = {{1, 0, 0.5}, {0, 1, 1}};
        double s = 0;
        for (int i = 0; i < 2; i++)
            for (int c = 0; c < 3; c++) {
                double sg = 1 / (1 + Math.exp(-Z[i][c]));
                s += -(2 * y[i][c] * Math.log(sg) + (1 - y[i][c]) * Math.log(1 - sg));
            }
        LossInputs bin = LossInputs.of(Map.of(Cls.LOGITS, Tensor.fromArray(Z), Cls.TARGETS, Tensor.fromArray(y)));
        assertEquals(s / 6, val(SigmoidBceLoss.fromParams(p("pos_weight", "2")), bin), 1e-12);

        double[][] pr = {{0.5, 2.0}, {-1.0, 0.2}}, t = {{1.0, 1.0}, {1.0, -1.0}};
        LossInputs r = LossInputs.of(Map.of(RegressionLoss.PREDICTIONS, Tensor.fromArray(pr), Cls.TARGETS, Tensor.fromArray(t)));
        double[] e = {-0.5, 1.0, -2.0, 1.2};
        double mse = 0, l1 = 0, hub = 0, q = 0, poi = 0;
        double[] yv = {1, 1, 1, -1}, pv = {0.5, 2.0, -1.0, 0.2};
        double hinge = 0;
        for (int i = 0; i < 4; i++) {
            mse += e[i] * e[i] / 4;
            l1 += Math.abs(e[i]) / 4;
            hub += (Math.abs(e[i]) <= 1 ? 0.5 * e[i] * e[i] : Math.abs(e[i]) - 0.5) / 4;
            q += Math.max(0.3 * -e[i], (0.3 - 1) * -e[i]) / 4;
            poi += (Math.exp(pv[i]) - yv[i] * pv[i]) / 4;
            hinge += Math.max(0, 1 - yv[i] * pv[i]) / 4;
        }
        assertEquals(mse, val(RegressionLoss.fromParams(p()), r), 1e-12);
        assertEquals(mse / 2, val(RegressionLoss.fromParams(p("kind", "l2")), r), 1e-12);
        assertEquals(l1, val(RegressionLoss.fromParams(p("kind", "l1")), r), 1e-12);
        assertEquals(hub, val(RegressionLoss.fromParams(p("kind", "huber")), r), 1e-12);
        assertEquals(q, val(RegressionLoss.fromParams(p("kind", "quantile", "quantile", "0.3")), r), 1e-12);
        assertEquals(poi, val(RegressionLoss.fromParams(p("kind", "log_poisson")), r), 1e-12);
        assertEquals(hinge, val(RegressionLoss.fromParams(p("kind", "hinge")), r), 1e-12);
        // mean pairwise SE: one pair per row
        double mp = (Math.pow(e[0] - e[1], 2) + Math.pow(e[2] - e[3], 2)) / 2;
        assertEquals(mp, val(RegressionLoss.fromParams(p("kind", "mean_pairwise_se")), r), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> RegressionLoss.fromParams(p("kind", "nope")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mse", "l1", "l2", "quantile", "log_poisson", "mean_pairwise_se", "log_loss"})
    void regressionKindsPassTheGradientCheck(String kind) {
        Params ps = p("kind", kind);
        LossEntry e = kind.equals("log_loss")
                ? LossEntry.of("L303", RegressionLoss::fromParams, ps, s -> {
                    Rng r = new Rng(s);
                    return LossInputs.of(Map.of(RegressionLoss.PREDICTIONS, Tensor.rand(DType.F64, r, 0.1, 0.9, 3, 2), Cls.TARGETS, Tensor.rand(DType.F64, r, 0, 1, 3, 2)));
                })
                : LossEntry.of("L303", RegressionLoss::fromParams, ps, ClassificationLosses::regression);
        for (long seed : new long[]{3, 4}) assertTrue(e.gradCase().run(seed).passed(), kind + " seed " + seed + ": " + e.gradCase().run(seed).summary());
    }

    @Test
    void sbertHeadIsLinearOverTheFeatures() {
        SbertSoftmaxLoss l = SbertSoftmaxLoss.fromParams(p("num_labels", "2", "dim", "2", "dtype", "F64"));
        double[][] u = {{1, 2}}, v = {{0.5, -1}};
        double[] f = {1, 2, 0.5, -1, 0.5, 3};
        double[] w = l.parameters().get(0).toDoubleArray(), b = l.parameters().get(1).toDoubleArray();
        double[] z = new double[2];
        for (int c = 0; c < 2; c++) {
            z[c] = b[c];
            for (int k = 0; k < 6; k++) z[c] += f[k] * w[k * 2 + c];
        }
        LossInputs in = LossInputs.of(Map.of(SbertSoftmaxLoss.U, Tensor.fromArray(u), SbertSoftmaxLoss.V, Tensor.fromArray(v), Cls.TARGETS, Tensor.ofInts(new int[]{1}, 1)));
        assertEquals(-Math.log(softmax(z)[1]), val(l, in), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> SbertSoftmaxLoss.fromParams(p("num_labels", "3")));
    }

    @Test
    void focalAsymmetricAndPolyHandValues() {
        double g = 2, fl = 0, poly = 0;
        for (int i = 0; i < 2; i++) {
            double pt = softmax(Z[i])[Y[i]];
            fl += -Math.pow(1 - pt, g) * Math.log(pt) / 2;
            poly += (-Math.log(pt) + 1 * (1 - pt) + 0.5 * Math.pow(1 - pt, 2)) / 2;
        }
        assertEquals(fl, val(FocalLoss.fromParams(p()), in(Z, Y)), 1e-12);
        assertEquals(poly, val(PolyLoss.fromParams(p("epsilons", "1,0.5")), in(Z, Y)), 1e-12);
        // binary focal, one element each: y=1 z=2, y=0 z=-1
        double[][] z = {{2, -1}};
        double[][] y = {{1, 0}};
        double p1 = 1 / (1 + Math.exp(-2)), p0 = 1 / (1 + Math.exp(1));
        double bf = (0.25 * Math.pow(1 - p1, 2) * -Math.log(p1) + 0.75 * Math.pow(p0, 2) * -Math.log(1 - p0)) / 2;
        LossInputs b = LossInputs.of(Map.of(Cls.LOGITS, Tensor.fromArray(z), Cls.BINARY_TARGETS, Tensor.fromArray(y)));
        assertEquals(bf, val(FocalLoss.fromParams(p()), b), 1e-12);
        // ASL: positive (1 − p)^1 log p; negative p_m^4 log(1 − p_m), m = 0.05
        double pm = p0 - 0.05;
        double asl = -((1 - p1) * Math.log(p1) + Math.pow(pm, 4) * Math.log(1 - pm));
        LossInputs a = LossInputs.of(Map.of(Cls.LOGITS, Tensor.fromArray(z), Cls.TARGETS, Tensor.fromArray(y)));
        assertEquals(asl, val(AsymmetricLoss.fromParams(p("gamma_pos", "1")), a), 1e-12);
        // ASL with no focusing and no clip is BCE summed over labels
        assertEquals(-(Math.log(p1) + Math.log(1 - p0)), val(AsymmetricLoss.fromParams(p("gamma_neg", "0", "clip", "0")), a), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void limitsReduceToCrossEntropy(long seed) {
        LossInputs in = ClassificationLosses.logits(seed, 7, 5);
        double ce = val(new CrossEntropyLoss(), in);
        assertEquals(ce, val(FocalLoss.fromParams(p("gamma", "0")), in), 1e-12, "focal gamma 0, seed " + seed);
        assertEquals(ce, val(PolyLoss.fromParams(p("epsilon", "0")), in), 1e-12, "poly eps 0, seed " + seed);
        assertEquals(ce, val(CompSumLoss.fromParams(p("tau", "1")), in), 1e-12, "comp-sum tau 1, seed " + seed);
        assertEquals(ce, val(CoverageLoss.fromParams(p("n", "1")), in), 1e-12, "DCO N=1, seed " + seed);
        assertEquals(ce - Math.log(5), val(LdrKlLoss.fromParams(p("lambda", "1", "margin", "0")), in), 1e-12, "LDR-KL, seed " + seed);
        assertEquals(ce, val(NormalizedLoss.fromParams(p("active", "ce", "passive", "none")), in), 1e-12, "APL CE, seed " + seed);
        // comp-sum tau = 2 is 1 − p_y (MAE family)
        double[] z = in.get(Cls.LOGITS).toDoubleArray();
        int[] y = in.get(Cls.TARGETS).toIntArray();
        double mae = 0;
        for (int i = 0; i < 7; i++) mae += (1 - softmax(java.util.Arrays.copyOfRange(z, i * 5, i * 5 + 5))[y[i]]) / 7;
        assertEquals(mae, val(CompSumLoss.fromParams(p("tau", "2")), in), 1e-12, "comp-sum tau 2, seed " + seed);
        assertEquals(2 * mae, val(NormalizedLoss.fromParams(p("active", "none", "passive", "mae")), in), 1e-12, "MAE, seed " + seed);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void zLossIsShiftAndScaleInvariant(long seed) {
        LossInputs in = ClassificationLosses.logits(seed, 5, 4);
        Tensor z = in.get(Cls.LOGITS);
        double a = val(new ZLoss(2, 0.5), in);
        double b = val(new ZLoss(2, 0.5), in.with(Cls.LOGITS, z.mul(3.7).add(-12.5)));
        assertEquals(a, b, 1e-10, "seed " + seed);
    }

    @Test
    void otherHandValues() {
        // Z-loss, row 0 only
        double[] z = Z[0];
        double mu = (z[0] + z[1] + z[2]) / 3, var = 0;
        for (double v : z) var += (v - mu) * (v - mu) / 3;
        double zy = (z[0] - mu) / Math.sqrt(var);
        double zl = Math.log1p(Math.exp(2 * (0.5 - zy))) / 2;
        assertEquals(zl, val(new ZLoss(2, 0.5), in(new double[][]{z}, new int[]{0})), 1e-12);
        // comp-sum τ = 0: u = Σ_{y'≠y} e^{h_y' − h_y}
        double u = Math.exp(z[1] - z[0]) + Math.exp(z[2] - z[0]);
        assertEquals(u, val(new CompSumLoss(0), in(new double[][]{z}, new int[]{0})), 1e-12);
        assertEquals((Math.pow(1 + u, -0.5) - 1) / -0.5, val(new CompSumLoss(1.5), in(new double[][]{z}, new int[]{0})), 1e-12);
        // DCO, N = 3
        double pt = softmax(z)[0];
        assertEquals(-Math.log(1 - Math.pow(1 - pt, 3)), val(new CoverageLoss(3), in(new double[][]{z}, new int[]{0})), 1e-12);
        // StableMax
        double s0 = z[0] + 1, s1 = 1 / (1 - z[1]), s2 = z[2] + 1;
        assertEquals(-Math.log(s1 / (s0 + s1 + s2)), val(new StableMaxLoss(), in(new double[][]{z}, new int[]{1})), 1e-12);
        // LDR-KL λ = 0.5, c = 1
        double lse = (Math.exp(0) + Math.exp((z[1] - z[0] + 1) / 0.5) + Math.exp((z[2] - z[0] + 1) / 0.5)) / 3;
        assertEquals(0.5 * Math.log(lse), val(new LdrKlLoss(0.5, 1), in(new double[][]{z}, new int[]{0})), 1e-12);
        // Squentropy
        assertEquals(-Math.log(pt) + (z[1] * z[1] + z[2] * z[2]) / 2, val(new SquentropyLoss(), in(new double[][]{z}, new int[]{0})), 1e-12);
        // NCE + RCE
        double[] pr = softmax(z);
        double nce = Math.log(pr[0]) / (Math.log(pr[0]) + Math.log(pr[1]) + Math.log(pr[2]));
        assertEquals(nce + 4 * (1 - pr[0]), val(NormalizedLoss.fromParams(p()), in(new double[][]{z}, new int[]{0})), 1e-12);
        // NFL (γ = 0.5) + MAE, α = 2, β = 0.5
        double[] fl = new double[3];
        for (int c = 0; c < 3; c++) fl[c] = -Math.pow(1 - pr[c], 0.5) * Math.log(pr[c]);
        double nfl = fl[0] / (fl[0] + fl[1] + fl[2]);
        assertEquals(2 * nfl + 0.5 * 2 * (1 - pr[0]), val(NormalizedLoss.fromParams(p("active", "nfl", "passive", "mae", "alpha", "2", "beta", "0.5")), in(new double[][]{z}, new int[]{0})), 1e-12);
    }

    @Test
    void anyLossF1AndGmean() {
        double[] pr = {0.9, 0.2, 0.6, 0.4}, y = {1, 0, 0, 1};
        double L = 5, tp = 0, fn = 0, fp = 0, tn = 0;
        for (int i = 0; i < 4; i++) {
            double ph = 1 / (1 + Math.exp(-L * (pr[i] - 0.5)));
            tp += y[i] * ph;
            fn += y[i] * (1 - ph);
            fp += (1 - y[i]) * ph;
            tn += (1 - y[i]) * (1 - ph);
        }
        LossInputs in = LossInputs.of(Map.of(AnyLoss.PROBABILITIES, Tensor.of(pr, 4), Cls.TARGETS, Tensor.of(y, 4)));
        assertEquals(1 - 2 * tp / (2 * tp + fp + fn), val(AnyLoss.fromParams(p("amplifier", "5")), in), 1e-12);
        assertEquals(1 - Math.sqrt(tp / (tp + fn) * tn / (tn + fp)), val(AnyLoss.fromParams(p("amplifier", "5", "metric", "gmean")), in), 1e-12);
        assertEquals(1 - (tp + tn) / 4, val(AnyLoss.fromParams(p("amplifier", "5", "metric", "accuracy")), in), 1e-12);
    }

    static List<Loss> logitLosses() {
        return List.of(new CrossEntropyLoss(0.1, null), FocalLoss.fromParams(p()), FocalLoss.fromParams(p("gamma", "0.5")), PolyLoss.fromParams(p()),
                PolyLoss.fromParams(p("gamma", "2")), new ZLoss(1, 1), new CompSumLoss(1.5), new CompSumLoss(2), new CoverageLoss(4),
                new StableMaxLoss(), new LdrKlLoss(1, 1), new SquentropyLoss(), NormalizedLoss.fromParams(p()),
                NormalizedLoss.fromParams(p("active", "nfl", "passive", "mae")));
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e4, 100})
    void extremeLogitsGiveFiniteLossesAndGradients(double scale) {
        double[][] z = {{scale, -scale, 0.5 * scale}, {-scale, scale, 0}, {0, -scale, scale}};
        int[] y = {1, 1, 0}; // confidently wrong rows and a confidently right one
        for (Loss l : logitLosses()) {
            Tensor zt = Tensor.fromArray(z).requiresGrad(true);
            Tensor loss = l.compute(LossInputs.of(Map.of(Cls.LOGITS, zt, Cls.TARGETS, Tensor.ofInts(y, 3))));
            loss.backward();
            assertTrue(Double.isFinite(loss.item()), l.info().id() + " scale " + scale + " loss " + loss.item());
            for (double g : zt.grad().toDoubleArray()) assertTrue(Double.isFinite(g), l.info().id() + " scale " + scale + " gradient " + g);
        }
        double[][] yb = {{1, 0, 1}, {0, 1, 0}, {1, 1, 0}};
        for (Loss l : List.<Loss>of(SigmoidBceLoss.fromParams(p("pos_weight", "3")), AsymmetricLoss.fromParams(p()), AsymmetricLoss.fromParams(p("clip", "0")))) {
            Tensor zt = Tensor.fromArray(z).requiresGrad(true);
            Tensor loss = l.compute(LossInputs.of(Map.of(Cls.LOGITS, zt, Cls.TARGETS, Tensor.fromArray(yb))));
            loss.backward();
            assertTrue(Double.isFinite(loss.item()), l.info().id() + " scale " + scale);
            for (double g : zt.grad().toDoubleArray()) assertTrue(Double.isFinite(g), l.info().id() + " scale " + scale + " gradient " + g);
        }
        Tensor zt = Tensor.fromArray(z).requiresGrad(true);
        Tensor loss = FocalLoss.fromParams(p()).compute(LossInputs.of(Map.of(Cls.LOGITS, zt, Cls.BINARY_TARGETS, Tensor.fromArray(yb))));
        loss.backward();
        assertTrue(Double.isFinite(loss.item()));
        for (double g : zt.grad().toDoubleArray()) assertTrue(Double.isFinite(g), "binary focal gradient " + g);
    }

    @Test
    void softmaxCollapseDiagnostic() {
        float[][] z = {{200f, 0f, 0f}, {1f, 0f, 0f}};
        assertEquals(0.5, StableMaxLoss.softmaxCollapseFraction(z, new int[]{0, 0}), 0);
    }
}
