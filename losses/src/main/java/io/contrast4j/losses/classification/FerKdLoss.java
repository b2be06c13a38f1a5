package io.contrast4j.losses.classification;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L326 · Teacher-confidence crop selection with soft/hard label adaptation (FerKD) — Shen &amp; Xing, <i>FerKD:
 * Surgical Label Adaptation for Efficient Distillation</i> (ICCV 2023).
 * Per crop n with teacher confidence c = p_T[n, y_n] ({@code teacher_probs} N x C, constant): c ≥ {@code easy_above}
 * (easiest crops) or c ≤ {@code background_below} (pure background) → dropped; c ≥ {@code soft_above} → target =
 * teacher soft label p_T (L202 form, CE); otherwise (low confidence) → target = label-smoothed one-hot
 * (1 − ε)·onehot + ε/C. L = mean over kept crops of −Σ_c q_c log softmax(z)_c; zero loss (on the graph) when all are dropped.
 * Thresholds: formula not verified against the paper: follows CATALOG.md.
 * Defaults: easy_above 0.95, soft_above 0.3, background_below 0.05, ε = 0.1.
 */
public final class FerKdLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L326", "Teacher-confidence crop selection with soft/hard label adaptation (FerKD)", "classification", "T2",
            "Shen & Xing 2023, FerKD: Surgical Label Adaptation for Efficient Distillation",
            "drop c >= hi or c <= lo; mid -> CE(teacher soft label); low -> CE(smoothed one-hot)");
    public static final String TEACHER_PROBS = "teacher_probs";
    private final double easyAbove, softAbove, backgroundBelow, eps;

    public FerKdLoss(double easyAbove, double softAbove, double backgroundBelow, double eps) {
        if (!(backgroundBelow < softAbove && softAbove < easyAbove)) throw new IllegalArgumentException("L326: need background_below < soft_above < easy_above");
        if (!(eps >= 0 && eps <= 1)) throw new IllegalArgumentException("L326: parameter 'smoothing' must be in [0, 1], got " + eps);
        this.easyAbove = easyAbove;
        this.softAbove = softAbove;
        this.backgroundBelow = backgroundBelow;
        this.eps = eps;
    }

    public static FerKdLoss fromParams(Params p) {
        p.checkKnown(Set.of("easy_above", "soft_above", "background_below", "smoothing", "dtype"));
        return new FerKdLoss(p.getDouble("easy_above", 0.95), p.getDouble("soft_above", 0.3), p.getDouble("background_below", 0.05), p.getDouble("smoothing", 0.1));
    }

    /** Per crop: 0 dropped, 1 soft teacher label, 2 smoothed one-hot. */
    public int[] regimes(double[] teacherProbs, int[] y, int c) {
        int[] r = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            double conf = teacherProbs[i * c + y[i]];
            r[i] = conf >= easyAbove || conf <= backgroundBelow ? 0 : conf >= softAbove ? 1 : 2;
        }
        return r;
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor z = Cls.logits(INFO.id(), in);
        int n = z.dim(0), c = z.dim(1);
        int[] y = Cls.targets(INFO.id(), in, n, c);
        Tensor pt = Cls.sameShape(INFO.id(), in, TEACHER_PROBS, z);
        int[] reg = regimes(io.contrast4j.losses.ranking.Lists.host(pt), y, c);
        double[] soft = new double[n], hard = new double[n * c];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (reg[i] == 1) soft[i] = 1;
            if (reg[i] == 2) for (int k = 0; k < c; k++) hard[i * c + k] = (k == y[i] ? 1 - eps : 0) + eps / c;
            if (reg[i] != 0) kept++;
        }
        if (kept == 0) return LossInputs.zeroLoss(z);
        Tensor q = pt.mul(Tensor.of(soft, n, 1).to(z.dtype())).add(Tensor.of(hard, n, c).to(z.dtype()));
        return q.mul(z.logSoftmax(1)).sum().div(-kept);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("easy_above", "0.95", "soft_above", "0.3", "background_below", "0.05", "smoothing", "0.1");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Cls.logitsInput(), Cls.targetsInput(), Input.floats(TEACHER_PROBS, "N x C", "teacher class probabilities per crop (constant)"));
    }
}
