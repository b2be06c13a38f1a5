package io.contrast4j.losses.ranking;

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
 * L221 · Coupled estimation for pooling bias (CET) — Cai et al., <i>Hard Negatives or False Negatives: Correcting
 * Pooling Bias in Training Neural Ranking Models</i> (CIKM 2022).
 * P(label = 1 | q, d) = P(rel | q, d)·P(selected | q, d) with p_r = σ({@code scores}) (relevance model) and
 * p_s = σ({@code selection_scores}) (selection model); L = −mean [y·log(p_r p_s) + (1 − y)·log(1 − p_r p_s)].
 * Alternating training ({@code phase}): {@code relevance} treats p_s as constant (sg), {@code selection} treats p_r as
 * constant, {@code joint} trains both; at inference only the relevance model is used. log(1 − p_r p_s) is computed as
 * LSE(log(1 − p_r), log p_r + log(1 − p_s)). Mined top negatives thus count as partly unlabeled positives.
 * Formula not verified against the paper: follows CATALOG.md. Defaults: phase joint.
 */
public final class CetLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L221", "Coupled estimation for pooling bias (CET)", "ranking", "T2",
            "Cai et al. 2022, Hard Negatives or False Negatives: Correcting Pooling Bias in Training Neural Ranking Models",
            "P(label=1) = P(rel) P(sel); L = BCE(label, sigmoid(r) sigmoid(s)) with alternating sg");
    public static final String SELECTION = "selection_scores";
    public enum Phase { JOINT, RELEVANCE, SELECTION }
    private final Phase phase;

    public CetLoss(Phase phase) {
        this.phase = phase;
    }

    public static CetLoss fromParams(Params p) {
        p.checkKnown(Set.of("phase", "dtype"));
        try {
            return new CetLoss(Phase.valueOf(p.getString("phase", "joint").toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter 'phase' must be joint, relevance or selection; got '" + p.getString("phase", "") + "'");
        }
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor r = in.get(Lists.SCORES), s = in.get(SELECTION), y = in.get(Lists.LABELS);
        if (!Shape.same(r.shape(), s.shape()) || !Shape.same(r.shape(), y.shape())) {
            throw new IllegalArgumentException("L221: scores, selection_scores and labels must share a shape, got " + Shape.str(r.shape()) + ", " + Shape.str(s.shape()) + ", " + Shape.str(y.shape()));
        }
        if (phase == Phase.RELEVANCE) s = s.detach();
        if (phase == Phase.SELECTION) r = r.detach();
        Tensor logJoint = r.neg().softplus().add(s.neg().softplus()).neg(); // log p_r + log p_s < 0
        // 1 − p_r p_s = (1 − p_r) + p_r (1 − p_s): a log-sum-exp of log-sigmoid terms, exact when both p → 1
        Tensor log1m = Tensor.stack(List.of(r.softplus().neg(), r.neg().softplus().add(s.softplus()).neg()), 0).logsumexp(0);
        Tensor yd = y;
        return yd.mul(logJoint).add(yd.affine(-1, 1).mul(log1m)).mean().neg();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("phase", "joint");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(Lists.SCORES, "N", "relevance model logits"), Input.floats(SELECTION, "N", "selection model logits"),
                Input.floats(Lists.LABELS, "N", "observed label 0/1"));
    }
}
