package io.contrast4j.losses.classification;

import io.contrast4j.autograd.Shape;
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
 * L320 · Learning-to-reject surrogate with a fixed predictor — Mohri et al., <i>Learning to Reject with a Fixed
 * Predictor: Application to Decontextualization</i> (ICLR 2024).
 * Target loss 1[h(x) ≠ y]·1[r(x) &gt; 0] + c·1[r(x) ≤ 0] (accept when r &gt; 0). Surrogate: cost-weighted binary
 * classification of "h is correct": L = mean [c·Φ(r) + 1[h ≠ y]·Φ(−r)], Φ(u) = log(1 + e^{−u}) (logistic) or e^{−u}
 * (exp); inputs: rejector {@code scores} r (N) and {@code correct} (N, 1 when the fixed predictor is right).
 * Formula not verified against the paper: follows CATALOG.md. Report coverage at fixed error with M04.
 * Defaults: c = 0.3, Φ logistic.
 */
public final class RejectorLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L320", "Learning-to-reject surrogate (fixed predictor)", "classification", "T2",
            "Mohri et al. 2024, Learning to Reject with a Fixed Predictor: Application to Decontextualization",
            "L = mean [c Phi(r) + 1[h != y] Phi(-r)], Phi logistic or exp");
    public static final String SCORES = "scores";
    public static final String CORRECT = "correct";
    private final double cost;
    private final boolean exp;

    public RejectorLoss(double cost, boolean exp) {
        if (!(cost > 0 && cost < 1)) throw new IllegalArgumentException("L320: parameter 'cost' must be in (0, 1), got " + cost);
        this.cost = cost;
        this.exp = exp;
    }

    public static RejectorLoss fromParams(Params p) {
        p.checkKnown(Set.of("cost", "phi", "dtype"));
        String f = p.getString("phi", "logistic").toLowerCase(Locale.ROOT);
        if (!f.equals("logistic") && !f.equals("exp")) throw new IllegalArgumentException("parameter 'phi' must be logistic or exp, got '" + f + "'");
        return new RejectorLoss(p.getDouble("cost", 0.3), f.equals("exp"));
    }

    private Tensor phi(Tensor u) {
        return exp ? u.neg().exp() : u.neg().softplus();
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor r = in.get(SCORES), c = in.get(CORRECT);
        if (r.rank() != 1 || !Shape.same(r.shape(), c.shape())) throw new IllegalArgumentException("L320: scores and correct must both have shape N, got " + Shape.str(r.shape()) + " and " + Shape.str(c.shape()));
        return phi(r).mul(cost).add(c.affine(-1, 1).mul(phi(r.neg()))).mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("cost", "0.3", "phi", "logistic");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(SCORES, "N", "rejector score r(x) (> 0 accepts)"), Input.floats(CORRECT, "N", "1 when the fixed predictor is correct, else 0"));
    }
}
