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
 * L305 · Focal loss — Lin et al., <i>Focal Loss for Dense Object Detection</i> (ICCV 2017).
 * Multi-class ({@code targets}, N): ℓ = −α_y (1 − p_y)^γ log p_y with log p_y from log-softmax and 1 − p_y from a
 * masked log-sum-exp (exact as p_y → 1); α_y from {@code class_weights} (1 when absent); mean over rows.
 * Binary / multi-label ({@code binary_targets}, N x C in [0,1], torchvision {@code sigmoid_focal_loss}):
 * ℓ = α_t (1 − p_t)^γ · BCE(z, y), p_t = p y + (1−p)(1−y), α_t = α y + (1−α)(1−y) (α &lt; 0 disables), mean.
 * Defaults: γ = 2, α = 0.25 (binary form only).
 */
public final class FocalLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L305", "Focal loss", "classification", "T1",
            "Lin et al. 2017, Focal Loss for Dense Object Detection",
            "FL = -alpha_t (1 - p_t)^gamma log p_t");
    private final double gamma, alpha;
    private final double[] classWeights;

    public FocalLoss(double gamma, double alpha, double[] classWeights) {
        if (!(gamma >= 0)) throw new IllegalArgumentException("L305: parameter 'gamma' must be >= 0, got " + gamma);
        if (alpha > 1) throw new IllegalArgumentException("L305: parameter 'alpha' must be <= 1 (negative disables), got " + alpha);
        this.gamma = gamma;
        this.alpha = alpha;
        this.classWeights = classWeights;
    }

    public static FocalLoss fromParams(Params p) {
        p.checkKnown(Set.of("gamma", "alpha", "class_weights", "dtype"));
        return new FocalLoss(p.getDouble("gamma", 2), p.getDouble("alpha", 0.25), Cls.doubles(p, "class_weights"));
    }

    /** Multi-class per-row focal terms (length N). */
    public Tensor rowLosses(Tensor z, int[] y) {
        Tensor logp = Cls.pick(z.logSoftmax(1), y);
        if (gamma == 0) return logp.neg();
        Tensor oneMinus = Cls.logOneMinusPy(z, y).exp();
        return Cls.powUnit(oneMinus, gamma).mul(logp).neg();
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor z = Cls.logits(INFO.id(), in);
        if (in.has(Cls.BINARY_TARGETS)) {
            if (in.has(Cls.TARGETS)) throw new IllegalArgumentException("L305: give either 'targets' or 'binary_targets', not both");
            Tensor y = Cls.sameShape(INFO.id(), in, Cls.BINARY_TARGETS, z);
            Tensor ce = z.neg().softplus().mul(y).add(z.softplus().mul(y.affine(-1, 1)));
            Tensor p = z.sigmoid();
            // 1 − p_t = p (1 − y) + (1 − p) y
            Tensor oneMinusPt = p.mul(y.affine(-1, 1)).add(p.affine(-1, 1).mul(y));
            Tensor l = Cls.powUnit(oneMinusPt, gamma).mul(ce);
            if (alpha >= 0) l = l.mul(y.mul(alpha).add(y.affine(-1, 1).mul(1 - alpha)));
            return l.mean();
        }
        int[] y = Cls.targets(INFO.id(), in, z.dim(0), z.dim(1));
        Tensor rows = rowLosses(z, y);
        double[] w = Cls.classWeights(INFO.id(), classWeights, z.dim(1));
        if (w == null) return rows.mean();
        double[] wy = new double[y.length];
        for (int i = 0; i < y.length; i++) wy[i] = w[y[i]];
        return rows.mul(Tensor.of(wy, y.length).to(z.dtype())).mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("gamma", "2", "alpha", "0.25", "class_weights", "none");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Cls.logitsInput(), Cls.targetsInput().asOptional(),
                Input.floats(Cls.BINARY_TARGETS, "N x C", "binary / multi-label targets in [0, 1] (sigmoid form)").asOptional());
    }
}
