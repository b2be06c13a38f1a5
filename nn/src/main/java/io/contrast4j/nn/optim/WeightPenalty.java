package io.contrast4j.nn.optim;

import io.contrast4j.autograd.Tensor;

import java.util.List;

/**
 * L1 / L2 / ElasticNet weight penalties added to the loss (O01; Zou &amp; Hastie 2005 for ElasticNet; as Tribuo/DJL
 * regularisers): R = λ₁Σ|θ| + λ₂Σθ² (L2 alone: λ₂Σθ²; note that coupled decay λ in {@link Sgd}/{@link Adam}
 * equals the gradient of (λ/2)Σθ²). Defaults λ₁ = λ₂ = 0.
 */
public record WeightPenalty(double l1, double l2) {
    public WeightPenalty {
        Optimizer.checkFiniteNonNegative("l1", l1);
        Optimizer.checkFiniteNonNegative("l2", l2);
    }

    public Tensor penalty(List<Tensor> params) {
        if (params.isEmpty()) throw new IllegalArgumentException("params: need at least one tensor");
        Tensor total = null;
        for (Tensor p : params) {
            Tensor t = null;
            if (l1 != 0) t = p.abs().sum().mul(l1);
            if (l2 != 0) t = t == null ? p.square().sum().mul(l2) : t.add(p.square().sum().mul(l2));
            if (t == null) t = p.sum().mul(0.0);
            total = total == null ? t : total.add(t);
        }
        return total;
    }
}
