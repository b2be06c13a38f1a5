package io.contrast4j.losses.ranking;

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
 * L204 · KL-Top (truncated distillation) — Hu et al., <i>OstQuant: Refining Large Language Model Quantization with
 * Orthogonal and Scaling Transformations for Better Distribution Fitting</i> (ICLR 2025).
 * With K = the teacher's top-k columns of each row (a frozen selection): p_T = softmax(T_K/τ), log p_S =
 * log_softmax(S_K/τ), both renormalised over K; L = τ²·mean_q Σ_{c∈K} p_T (log p_T − log p_S).
 * {@code scores} (student) and {@code teacher_scores} are B x C (classes or candidates).
 * Formula not verified against the paper: follows CATALOG.md.
 * Defaults: k = 10 (clamped to C), τ = 1.
 */
public final class KlTopLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L204", "KL-Top (truncated distillation)", "ranking", "T2",
            "Hu et al. 2025, OstQuant: Refining Large Language Model Quantization with Orthogonal and Scaling Transformations for Better Distribution Fitting",
            "L = tau^2 KL(softmax(T_topk/tau) || softmax(S_topk/tau))");
    private final int k;
    private final double tau;

    public KlTopLoss(int k, double tau) {
        if (k < 1) throw new IllegalArgumentException("L204: parameter 'k' must be >= 1, got " + k);
        if (!(tau > 0)) throw new IllegalArgumentException("L204: parameter 'temperature' must be > 0, got " + tau);
        this.k = k;
        this.tau = tau;
    }

    public static KlTopLoss fromParams(Params p) {
        p.checkKnown(Set.of("k", "temperature", "dtype"));
        return new KlTopLoss(p.getInt("k", 10), p.getPositive("temperature", 1));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor s = Lists.scores(INFO.id(), in);
        Tensor t = Lists.like(INFO.id(), in, Lists.TEACHER, s);
        int kk = Math.min(k, s.dim(1));
        Tensor idx = t.detach().topk(kk, true);
        Tensor tk = t.gather(1, idx).div(tau), sk = s.gather(1, idx).div(tau);
        Tensor logPt = tk.logSoftmax(1);
        return DistillKlLoss.kl(logPt.exp(), logPt, sk.logSoftmax(1)).mean().mul(tau * tau);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("k", "10", "temperature", "1");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Lists.scoresInput(), Input.floats(Lists.TEACHER, "B x C", "teacher scores aligned with the student's"));
    }
}
