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
 * L301 · Softmax cross-entropy with label smoothing — the basic multinomial log loss (SameDiff
 * {@code softmaxCrossEntropy}, DJL {@code SoftmaxCrossEntropyLoss}, PyTorch {@code F.cross_entropy}, ST-CE
 * {@code CrossEntropyLoss}); label smoothing as in Szegedy et al., <i>Rethinking the Inception Architecture</i> (2016).
 * ℓ = −Σ_c q_c log softmax(z)_c with q = (1−ε)·onehot(y) + ε/C (hard {@code targets}) or q = {@code soft_targets}
 * (rows summing to 1, smoothed the same way); fused log-softmax with a max shift. Optional {@code mask} (N, 1 keeps a
 * row). Class weights w (PyTorch semantics): Σ_i w_{y_i} ℓ_i / Σ_i w_{y_i}, the smoothing term weighted per class.
 * Defaults: ε = 0, no class weights.
 */
public final class CrossEntropyLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L301", "Softmax cross-entropy (+ label smoothing)", "classification", "T1",
            "multinomial log loss; Szegedy et al. 2016 (label smoothing); SameDiff softmaxCrossEntropy, DJL SoftmaxCrossEntropyLoss, ST-CE CrossEntropyLoss",
            "l = -sum_c q_c log softmax(z)_c, q = (1-eps) onehot(y) + eps/C");
    public static final String MASK = "mask";
    private final double smoothing;
    private final double[] classWeights;

    public CrossEntropyLoss() {
        this(0, null);
    }

    public CrossEntropyLoss(double smoothing, double[] classWeights) {
        if (!(smoothing >= 0 && smoothing <= 1)) throw new IllegalArgumentException("L301: parameter 'label_smoothing' must be in [0, 1], got " + smoothing);
        this.smoothing = smoothing;
        this.classWeights = classWeights == null ? null : classWeights.clone();
    }

    public static CrossEntropyLoss fromParams(Params p) {
        p.checkKnown(Set.of("label_smoothing", "class_weights", "dtype"));
        return new CrossEntropyLoss(p.getDouble("label_smoothing", 0), Cls.doubles(p, "class_weights"));
    }

    /** Per-row losses (length N) for hard targets without class weights. */
    public Tensor rowLosses(Tensor z, int[] y) {
        Tensor logp = z.logSoftmax(1);
        Tensor nll = Cls.pick(logp, y).neg();
        if (smoothing == 0) return nll;
        return nll.mul(1 - smoothing).add(logp.mean(new int[]{1}, false).neg().mul(smoothing));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor z = Cls.logits(INFO.id(), in);
        int n = z.dim(0), c = z.dim(1);
        double[] w = Cls.classWeights(INFO.id(), classWeights, c);
        Tensor mask = maskOf(in, n, z);
        if (in.has(Cls.SOFT_TARGETS)) {
            if (in.has(Cls.TARGETS)) throw new IllegalArgumentException("L301: give either 'targets' or 'soft_targets', not both");
            Tensor q = Cls.sameShape(INFO.id(), in, Cls.SOFT_TARGETS, z);
            if (smoothing > 0) q = q.mul(1 - smoothing).add(smoothing / c);
            Tensor logp = z.logSoftmax(1);
            Tensor wq = w == null ? q : q.mul(Tensor.of(w, 1, c).to(z.dtype()));
            Tensor rows = wq.mul(logp).sum(new int[]{1}, false).neg();
            return mask == null ? rows.mean() : rows.mul(mask).sum().div(Math.max(1, mask.sum().item()));
        }
        int[] y = Cls.targets(INFO.id(), in, n, c);
        if (w == null && mask == null) return rowLosses(z, y).mean();
        double[] mv = mask == null ? null : mask.toDoubleArray();
        double[] wy = new double[n], keep = new double[n];
        double tot = 0;
        for (int i = 0; i < n; i++) {
            keep[i] = mv == null ? 1 : mv[i];
            wy[i] = keep[i] * (w == null ? 1 : w[y[i]]);
            tot += wy[i];
        }
        if (tot == 0) return LossInputs.zeroLoss(z);
        // PyTorch semantics: sum_i [(1-eps) w_{y_i} nll_i + eps * (-sum_c w_c log p_ic / C)] / sum_i w_{y_i}
        Tensor logp = z.logSoftmax(1);
        Tensor num = Cls.pick(logp, y).neg().mul(Tensor.of(wy, n).to(z.dtype())).sum().mul(1 - smoothing);
        if (smoothing > 0) {
            Tensor wc = w == null ? Tensor.ones(z.dtype(), 1, c) : Tensor.of(w, 1, c).to(z.dtype());
            Tensor smooth = logp.mul(wc).sum(new int[]{1}, false).div(-c);
            num = num.add(smooth.mul(Tensor.of(keep, n).to(z.dtype())).sum().mul(smoothing));
        }
        return num.div(tot);
    }

    private static Tensor maskOf(LossInputs in, int n, Tensor z) {
        Tensor m = in.getOrNull(MASK);
        if (m == null) return null;
        if (m.rank() != 1 || m.dim(0) != n) throw new IllegalArgumentException("L301: mask must have length N = " + n + ", got " + io.contrast4j.autograd.Shape.str(m.shape()));
        return m.to(z.dtype()).abs().gt(0.0).detach();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("label_smoothing", "0", "class_weights", "none");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Cls.logitsInput(), Cls.targetsInput().asOptional(),
                Input.floats(Cls.SOFT_TARGETS, "N x C", "soft target distribution per row (instead of targets)").asOptional(),
                Input.ints(MASK, "N", "1 keeps a row, 0 drops it").asOptional());
    }
}
