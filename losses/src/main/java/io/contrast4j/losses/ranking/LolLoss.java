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
 * L216 · Loss-over-loss comparative regulariser (LoL) — Zhu et al., <i>LoL: A Comparative Regularization Loss over
 * Query Reformulation Losses for Pseudo-Relevance Feedback</i> (SIGIR 2022).
 * Input {@code revision_losses} B x n: column i is the ranking loss L_rank(q̃_{k_i}) of the query revised with the top
 * k_i feedback documents, k₁ &lt; … &lt; k_n (computed by the caller with any ranking loss, on the graph);
 * L = mean_b [Σ_i L_i + λ Σ_{i&lt;j} [L_j − L_i]₊] (more feedback must not give a larger loss).
 * Hinge form per CATALOG.md [K]; the paper may use a softmax/CE form of the comparison — not verified.
 * Defaults: λ = 1.
 */
public final class LolLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L216", "Loss-over-loss comparative regulariser (LoL)", "ranking", "T2",
            "Zhu et al. 2022, LoL: A Comparative Regularization Loss over Query Reformulation Losses for Pseudo-Relevance Feedback",
            "L = sum_i L_rank(q_ki) + lambda sum_{i<j} [L_rank(q_kj) - L_rank(q_ki)]_+");
    public static final String REVISION_LOSSES = "revision_losses";
    private final double lambda;

    public LolLoss(double lambda) {
        if (!(lambda >= 0)) throw new IllegalArgumentException("L216: parameter 'lambda' must be >= 0, got " + lambda);
        this.lambda = lambda;
    }

    public static LolLoss fromParams(Params p) {
        p.checkKnown(Set.of("lambda", "dtype"));
        return new LolLoss(p.getDouble("lambda", 1));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor l = in.get(REVISION_LOSSES);
        if (l.rank() != 2 || l.dim(0) == 0 || l.dim(1) == 0) throw new IllegalArgumentException("L216: revision_losses must be B x n with B, n >= 1, got " + io.contrast4j.autograd.Shape.str(l.shape()));
        int n = l.dim(1);
        Tensor total = l.sum(new int[]{1}, false);
        if (n > 1 && lambda > 0) {
            // D[b, i, j] = L_j − L_i, upper triangle i < j
            Tensor d = l.unsqueeze(1).sub(l.unsqueeze(2));
            double[] tri = new double[n * n];
            for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) tri[i * n + j] = 1;
            Tensor reg = d.relu().mul(Tensor.of(tri, 1, n, n).to(l.dtype())).sum(new int[]{1, 2}, false);
            total = total.add(reg.mul(lambda));
        }
        return total.mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("lambda", "1");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(REVISION_LOSSES, "B x n", "per-query ranking loss of each revision, ordered by increasing feedback depth"));
    }
}
