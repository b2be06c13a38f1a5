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
 * L309 · Comp-sum loss family — Mao, Mohri, Zhong, <i>Cross-Entropy Loss Functions: Theoretical Analysis and
 * Applications</i> (ICML 2023).
 * u = Σ_{y'≠y} e^{h_{y'} − h_y}; L_τ = Φ^τ(u), Φ¹(u) = log(1+u) (CE), otherwise Φ^τ(u) = ((1+u)^{1−τ} − 1)/(1−τ):
 * τ = 0 sum-exponential, τ = 1.5 GCE (q = 0.5), τ = 2 → 1 − p_y (MAE). Computed as log(1+u) = CE (log-sum-exp) and
 * (1+u)^{1−τ} = exp((1−τ)·CE), so τ ≥ 1 stays finite for any logits (τ &lt; 1 grows like e^{(1−τ)·CE} by design).
 * The smooth adversarial comp-sum variant (PGD inner maximisation) is not implemented. Mean over rows.
 * Defaults: τ = 1.5 (a choice: the paper studies the family, it names no single default).
 */
public final class CompSumLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L309", "Comp-sum loss family", "classification", "T2",
            "Mao, Mohri, Zhong 2023, Cross-Entropy Loss Functions: Theoretical Analysis and Applications",
            "u = sum_{y'!=y} e^(h_y' - h_y); L = log(1+u) (tau=1) or ((1+u)^(1-tau) - 1)/(1-tau)");
    private final double tau;

    public CompSumLoss(double tau) {
        if (!(tau >= 0) || Double.isInfinite(tau)) throw new IllegalArgumentException("L309: parameter 'tau' must be finite and >= 0, got " + tau);
        this.tau = tau;
    }

    public static CompSumLoss fromParams(Params p) {
        p.checkKnown(Set.of("tau", "dtype"));
        return new CompSumLoss(p.getDouble("tau", 1.5));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor z = Cls.logits(INFO.id(), in);
        int[] y = Cls.targets(INFO.id(), in, z.dim(0), z.dim(1));
        Tensor ce = z.logsumexp(1).sub(Cls.pick(z, y));
        if (tau == 1) return ce.mean();
        return ce.mul(1 - tau).exp().sub(1).div(1 - tau).mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("tau", "1.5");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Cls.logitsInput(), Cls.targetsInput());
    }
}
