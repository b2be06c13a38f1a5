package io.contrast4j.losses.classification;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * L314 · Dice, self-adjusting Dice and Tversky losses — Li et al., <i>Dice Loss for Data-imbalanced NLP Tasks</i>
 * (ACL 2020).
 * p = softmax(z) with one-hot {@code targets} (N), or p = σ(z) with {@code binary_targets} (N x C in [0, 1]).
 * Dice: DSC = (2(1−p)^α p y + γ)/((1−p)^α p + y + γ) (α = 0: plain soft Dice, α &gt; 0: self-adjusting);
 * Tversky: TI = (p y + γ)/(p y + a·p(1−y) + b·(1−p)y + γ); L = (1/N) Σ_{n,c} (1 − DSC or TI) (the paper's Σ_i per
 * sample, averaged over rows).
 * Defaults: kind dice, α = 1, γ = 1, Tversky a = b = 0.5.
 */
public final class DiceLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L314", "Dice, self-adjusting Dice and Tversky losses", "classification", "T2",
            "Li et al. 2020, Dice Loss for Data-imbalanced NLP Tasks",
            "DSC = (2(1-p)^alpha p y + gamma)/((1-p)^alpha p + y + gamma); L = sum (1 - DSC)");
    private final boolean tversky;
    private final double alpha, gamma, a, b;

    public DiceLoss(boolean tversky, double alpha, double gamma, double a, double b) {
        if (!(alpha >= 0) || !(gamma >= 0) || !(a >= 0) || !(b >= 0)) throw new IllegalArgumentException("L314: alpha, gamma, tversky_alpha, tversky_beta must be >= 0");
        this.tversky = tversky;
        this.alpha = alpha;
        this.gamma = gamma;
        this.a = a;
        this.b = b;
    }

    public static DiceLoss fromParams(Params p) {
        p.checkKnown(Set.of("kind", "alpha", "gamma", "tversky_alpha", "tversky_beta", "dtype"));
        String k = p.getString("kind", "dice").toLowerCase(Locale.ROOT);
        if (!k.equals("dice") && !k.equals("tversky")) throw new IllegalArgumentException("parameter 'kind' must be dice or tversky, got '" + k + "'");
        return new DiceLoss(k.equals("tversky"), p.getDouble("alpha", 1), p.getDouble("gamma", 1), p.getDouble("tversky_alpha", 0.5), p.getDouble("tversky_beta", 0.5));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor z = Cls.logits(INFO.id(), in);
        Tensor p, y;
        if (in.has(Cls.BINARY_TARGETS)) {
            if (in.has(Cls.TARGETS)) throw new IllegalArgumentException("L314: give either 'targets' or 'binary_targets', not both");
            y = Cls.sameShape(INFO.id(), in, Cls.BINARY_TARGETS, z);
            p = z.sigmoid();
        } else {
            y = Cls.oneHot(Cls.targets(INFO.id(), in, z.dim(0), z.dim(1)), z.dim(1), z.dtype());
            p = z.softmax(1);
        }
        Tensor py = p.mul(y), score;
        if (tversky) {
            Tensor den = py.add(p.mul(y.affine(-1, 1)).mul(a)).add(p.affine(-1, 1).mul(y).mul(b)).add(gamma);
            score = py.add(gamma).div(den);
        } else {
            Tensor w = alpha == 0 ? p : Cls.powUnit(p.affine(-1, 1), alpha).mul(p);
            score = w.mul(y).mul(2).add(gamma).div(w.add(y).add(gamma));
        }
        return score.affine(-1, 1).sum().div(z.dim(0));
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("kind", "dice", "alpha", "1", "gamma", "1", "tversky_alpha", "0.5", "tversky_beta", "0.5");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Cls.logitsInput(), Cls.targetsInput().asOptional(),
                Input.floats(Cls.BINARY_TARGETS, "N x C", "binary / multi-label targets in [0, 1] (sigmoid form)").asOptional());
    }
}
