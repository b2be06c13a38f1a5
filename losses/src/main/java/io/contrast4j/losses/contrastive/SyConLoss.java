package io.contrast4j.losses.contrastive;

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
 * L118 · Symmetric contrastive loss with past-model pseudo-negatives (Sy-CON / PNR) — Cha et al., <i>Sy-CON: Symmetric
 * Contrastive Loss for Continual Self-Supervised Representation Learning</i> (later "Regularizing with Pseudo-Negatives").
 * Inputs: current-model views z₁ = {@code anchors}, z₂ = {@code positives}; the frozen past model's embedding of view 1
 * p = {@code past}; the projector output g(z₁) = {@code projected} (all B x D, row-aligned).
 * Plasticity: ℓᴾ_i = CE over [sim(z₁_i, z₂_j)]_j ++ [sim(z₁_i, p_j)]_{j≠i}, target z₂_i (past embeddings of other
 * samples as extra negatives). Stability: ℓˢ_i = CE over [sim(g_i, p_j)]_j ++ [sim(g_i, z₁_j)]_{j≠i}, target p_i
 * (current embeddings of other samples as extra negatives). L = mean_i ℓᴾ_i + λ·mean_i ℓˢ_i, sim = cos/τ.
 * {@code detach_past} (default true) makes p constant; the registry gradient check sets it false.
 * Defaults: τ = 0.1, λ = 1. Which current view serves as the stability negatives is a reading of the catalog's
 * [K] description: formula not verified against the paper: follows CATALOG.md.
 */
public final class SyConLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L118", "Sy-CON symmetric contrastive loss with pseudo-negatives", "contrastive", "T2",
            "Cha et al., Sy-CON: Symmetric Contrastive Loss for Continual Self-Supervised Representation Learning",
            "InfoNCE(z1, z2; neg + past) + λ InfoNCE(g(z1), past; neg + current)");
    public static final String PAST = "past";
    public static final String PROJECTED = "projected";
    private final double tau, lambda;
    private final boolean detachPast;

    public SyConLoss(double tau, double lambda, boolean detachPast) {
        if (!(tau > 0)) throw new IllegalArgumentException("parameter 'temperature' must be > 0, got " + tau);
        this.tau = tau;
        this.lambda = lambda;
        this.detachPast = detachPast;
    }

    public static SyConLoss fromParams(Params p) {
        p.checkKnown(Set.of("temperature", "lambda", "detach_past", "dtype"));
        return new SyConLoss(p.getPositive("temperature", 0.1), p.getDouble("lambda", 1), p.getBoolean("detach_past", true));
    }

    /** mean_i CE([sim(q_i, pos_j)]_j ++ [sim(q_i, extra_j)]_{j≠i}, i). */
    private Tensor term(Tensor q, Tensor pos, Tensor extra) {
        int b = q.dim(0);
        Tensor l1 = Similarity.COS.matrix(q, pos).div(tau), l2 = Similarity.COS.matrix(q, extra).div(tau);
        double[] mask = new double[b * b];
        for (int i = 0; i < b; i++) mask[i * b + i] = Double.NEGATIVE_INFINITY;
        Tensor logits = Tensor.concat(List.of(l1, l2.add(Tensor.of(mask, b, b).to(q.dtype()))), 1);
        return InfoNce.ce(logits, InfoNce.arange(b)).mean();
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor z1 = in.get(InfoNce.ANCHORS), z2 = in.get(InfoNce.POSITIVES), past = in.get(PAST), g = in.get(PROJECTED);
        InfoNce.checkCols(INFO.id(), z1, z2, null);
        InfoNce.checkCols(INFO.id(), z1, past, null);
        InfoNce.checkCols(INFO.id(), z1, g, null);
        if (detachPast) past = past.detach();
        return term(z1, z2, past).add(term(g, past, z1).mul(lambda));
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("temperature", "0.1", "lambda", "1", "detach_past", "true");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(InfoNce.ANCHORS, "B x D", "current model, view 1"),
                Input.floats(InfoNce.POSITIVES, "B x D", "current model, view 2"),
                Input.floats(PAST, "B x D", "frozen past model, view 1 (constant)"),
                Input.floats(PROJECTED, "B x D", "projector g applied to the current view-1 embeddings"));
    }
}
