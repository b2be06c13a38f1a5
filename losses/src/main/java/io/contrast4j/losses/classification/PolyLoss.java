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
 * L307 · PolyLoss — Leng et al., <i>PolyLoss: A Polynomial Expansion Perspective of Classification Loss Functions</i>
 * (ICLR 2022).
 * Poly-N: ℓ = −log p_t + Σ_{j=1..N} ε_j (1 − p_t)^j ({@code epsilons}, default ε₁ only); Poly-1 focal
 * ({@code gamma} set): ℓ = FL_γ + ε₁ (1 − p_t)^{γ+1}. 1 − p_t comes from a masked log-sum-exp (exact near p_t = 1).
 * Mean over rows. Defaults: ε₁ = 1 (the paper tunes it per task, ≈ 2 for ImageNet), no focal term.
 */
public final class PolyLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L307", "PolyLoss", "classification", "T1",
            "Leng et al. 2022, PolyLoss: A Polynomial Expansion Perspective of Classification Loss Functions",
            "Poly-1 = CE + eps (1 - p_t); Poly-1 focal = FL_gamma + eps (1 - p_t)^(gamma+1)");
    private final double[] epsilons;
    private final double gamma;

    /** @param gamma focal exponent, or NaN for the cross-entropy base */
    public PolyLoss(double[] epsilons, double gamma) {
        this.epsilons = epsilons.clone();
        this.gamma = gamma;
        if (!Double.isNaN(gamma) && (gamma < 0 || epsilons.length != 1)) throw new IllegalArgumentException("L307: the focal form needs gamma >= 0 and a single epsilon");
    }

    public static PolyLoss fromParams(Params p) {
        p.checkKnown(Set.of("epsilon", "epsilons", "gamma", "dtype"));
        if (p.has("epsilon") && p.has("epsilons")) throw new IllegalArgumentException("give either parameter 'epsilon' or 'epsilons', not both");
        double[] eps = p.has("epsilons") ? Cls.doubles(p, "epsilons") : new double[]{p.getDouble("epsilon", 1)};
        return new PolyLoss(eps, p.has("gamma") ? p.getDouble("gamma", 2) : Double.NaN);
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor z = Cls.logits(INFO.id(), in);
        int[] y = Cls.targets(INFO.id(), in, z.dim(0), z.dim(1));
        Tensor logp = Cls.pick(z.logSoftmax(1), y);
        Tensor q = Cls.logOneMinusPy(z, y).exp(); // 1 − p_t
        Tensor l;
        if (Double.isNaN(gamma)) {
            l = logp.neg();
            for (int j = 0; j < epsilons.length; j++) l = l.add(Cls.powUnit(q, j + 1).mul(epsilons[j]));
        } else {
            l = Cls.powUnit(q, gamma).mul(logp).neg().add(Cls.powUnit(q, gamma + 1).mul(epsilons[0]));
        }
        return l.mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("epsilon", "1", "gamma", "none (CE base)");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Cls.logitsInput(), Cls.targetsInput());
    }
}
