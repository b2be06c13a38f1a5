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
 * L313 · Label-distributionally-robust KL loss (LDR-KL) — Zhu, Ying, Yang, <i>Label Distributionally Robust Losses for
 * Multi-class Classification: Consistency, Robustness and Adaptivity</i> (ICML 2023).
 * ℓ = λ·log((1/K) Σ_k exp((h_k − h_y + c·1[k≠y])/λ)) (a margin-shifted, temperature-λ log-sum-exp); λ → 0 gives the
 * SVM-type max margin loss, c = 0 and λ = 1 gives CE − log K. Mean over rows. The adaptive ALDR-KL (learned per-instance
 * λ_i) is not implemented.
 * Defaults: λ = 1, c = 1 (choices; the paper tunes both).
 */
public final class LdrKlLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L313", "Label-distributionally-robust KL loss (LDR-KL)", "classification", "T2",
            "Zhu, Ying, Yang 2023, Label Distributionally Robust Losses for Multi-class Classification",
            "l = lambda log((1/K) sum_k exp((h_k - h_y + c 1[k!=y]) / lambda))");
    private final double lambda, margin;

    public LdrKlLoss(double lambda, double margin) {
        if (!(lambda > 0)) throw new IllegalArgumentException("L313: parameter 'lambda' must be > 0, got " + lambda);
        this.lambda = lambda;
        this.margin = margin;
    }

    public static LdrKlLoss fromParams(Params p) {
        p.checkKnown(Set.of("lambda", "margin", "dtype"));
        return new LdrKlLoss(p.getDouble("lambda", 1), p.getDouble("margin", 1));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor h = Cls.logits(INFO.id(), in);
        int k = h.dim(1);
        int[] y = Cls.targets(INFO.id(), in, h.dim(0), k);
        Tensor shift = Cls.oneHot(y, k, h.dtype()).affine(-margin, margin); // c·1[k≠y]
        Tensor a = h.sub(Cls.pick(h, y).unsqueeze(1)).add(shift).div(lambda);
        return a.logsumexp(1).sub(Math.log(k)).mul(lambda).mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("lambda", "1", "margin", "1");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Cls.logitsInput(), Cls.targetsInput());
    }
}
