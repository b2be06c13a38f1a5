package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L123 · Multi-grained uncertainty regularisation for composed retrieval — Chen et al., <i>Composed Image Retrieval
 * with Text Feedback via Multi-grained Uncertainty Regularization</i> (ICLR 2024).
 * Inputs: composed query features f_s ({@code anchors}, B x D) and target features f_t ({@code positives}, B x D);
 * optional standard-normal draws n₁, n₂ ({@code noise1}, {@code noise2}, B x D; drawn from the loss's seeded
 * generator when absent). With per-dimension batch mean μ_t and (unbiased) standard deviation σ_t of f_t (sg):
 * f̂_t = f_t ⊙ ε₁ + ε₂, ε₁ = 1 + σ_t·n₁ (~N(1, σ_t)), ε₂ = μ_t + σ_t·n₂ (~N(μ_t, σ_t));
 * L = InfoNCE(f_s, f_t) + w·(InfoNCE(f_s, f̂_t)/σ̄² + log σ̄), σ̄ = mean_d σ_t (the aleatoric form), InfoNCE with cos/τ
 * and in-batch negatives. {@code detach_stats} (default true) makes μ_t, σ_t constant; the registry gradient check sets
 * it false. Defaults: τ = 0.1, w = 1. Formula not verified against the paper: follows CATALOG.md (the augmentation is
 * [V-sec], the weighting [K?]).
 */
public final class UncertaintyRegularizedLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L123", "Multi-grained uncertainty regularisation (composed retrieval)", "contrastive", "T2",
            "Chen et al. 2024, Composed Image Retrieval with Text Feedback via Multi-grained Uncertainty Regularization",
            "InfoNCE(f_s, f_t) + w·(InfoNCE(f_s, f_t⊙ε₁ + ε₂)/σ̄² + log σ̄), ε₁ ~ N(1, σ_t), ε₂ ~ N(μ_t, σ_t)");
    public static final String NOISE1 = "noise1";
    public static final String NOISE2 = "noise2";
    private final double tau, weight;
    private final boolean detachStats;
    private final Rng rng;

    public UncertaintyRegularizedLoss(double tau, double weight, boolean detachStats, long seed) {
        if (!(tau > 0)) throw new IllegalArgumentException("parameter 'temperature' must be > 0, got " + tau);
        this.tau = tau;
        this.weight = weight;
        this.detachStats = detachStats;
        this.rng = new Rng(seed);
    }

    public static UncertaintyRegularizedLoss fromParams(Params p) {
        p.checkKnown(Set.of("temperature", "weight", "detach_stats", "seed", "dtype"));
        return new UncertaintyRegularizedLoss(p.getPositive("temperature", 0.1), p.getDouble("weight", 1), p.getBoolean("detach_stats", true), p.getInt("seed", 0));
    }

    private Tensor infoNce(Tensor q, Tensor t) {
        return InfoNce.ce(Similarity.COS.matrix(q, t).div(tau), InfoNce.arange(q.dim(0))).mean();
    }

    private Tensor noise(LossInputs in, String name, int b, int d, DType dt) {
        Tensor n = in.getOrNull(name);
        if (n == null) return Tensor.randn(dt, rng, b, d);
        if (n.dim(0) != b || n.dim(1) != d) throw new IllegalArgumentException(INFO.id() + ": " + name + " must be " + b + " x " + d + ", got " + Arrays.toString(n.shape()));
        return n.to(dt);
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor fs = in.get(InfoNce.ANCHORS), ft = in.get(InfoNce.POSITIVES);
        InfoNce.checkCols(INFO.id(), fs, ft, null);
        int b = ft.dim(0), d = ft.dim(1);
        if (b < 2) throw new IllegalArgumentException(INFO.id() + ": batch statistics need B >= 2, got " + b);
        DType dt = ft.dtype();
        Tensor src = detachStats ? ft.detach() : ft;
        Tensor mu = src.mean(new int[]{0}, true), sigma = src.var(new int[]{0}, true, 1).sqrt();
        Tensor n1 = noise(in, NOISE1, b, d, dt), n2 = noise(in, NOISE2, b, d, dt);
        Tensor aug = ft.mul(n1.mul(sigma).add(1)).add(n2.mul(sigma).add(mu));
        Tensor sbar = sigma.mean();
        Tensor unc = infoNce(fs, aug).div(sbar.mul(sbar)).add(sbar.log());
        return infoNce(fs, ft).add(unc.mul(weight));
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("temperature", "0.1", "weight", "1", "detach_stats", "true", "seed", "0");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(InfoNce.ANCHORS, "B x D", "composed query (source + text) features"),
                Input.floats(InfoNce.POSITIVES, "B x D", "target features"),
                Input.floats(NOISE1, "B x D", "standard-normal draws for ε₁ (frozen; default: seeded)").asOptional(),
                Input.floats(NOISE2, "B x D", "standard-normal draws for ε₂ (frozen; default: seeded)").asOptional());
    }
}
