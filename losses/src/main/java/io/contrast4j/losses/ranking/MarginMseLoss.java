package io.contrast4j.losses.ranking;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.contrastive.Similarity;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L201 · Margin-MSE distillation — Hofstätter et al., <i>Improving Efficient Neural Ranking Models with
 * Cross-Architecture Knowledge Distillation</i> (2020); ST {@code MarginMSELoss}, ST-CE {@code MarginMSELoss},
 * ST-SP {@code SparseMarginMSELoss}.
 * Student margins m_ij = s(q_i, p_i) − s(q_i, n_ij) (from the columns with {@code similarity}, or from {@code scores}
 * B x (1+K), positive first, e.g. cross-encoder logits); teacher margins from {@code teacher_scores}: B x K margins, or
 * B x (1+K) raw scores (t_pos − t_neg); L = mean_{i,j} (m_ij − t_ij)².
 * Defaults (ST): dot-product similarity.
 */
public final class MarginMseLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L201", "Margin-MSE distillation", "ranking", "T1",
            "Hofstaetter et al. 2020, Improving Efficient Neural Ranking Models with Cross-Architecture Knowledge Distillation; ST MarginMSELoss",
            "L = MSE(s(q,p) - s(q,n), t_pos - t_neg)");
    private final Similarity sim;

    public MarginMseLoss(Similarity sim) {
        this.sim = sim;
    }

    public static MarginMseLoss fromParams(Params p) {
        p.checkKnown(Set.of("similarity", "dtype"));
        return new MarginMseLoss(Similarity.parse(p.getString("similarity", "dot")));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor s = Distill.studentScores(INFO.id(), in, sim);
        int c = s.dim(1);
        if (c < 2) throw new IllegalArgumentException("L201: needs at least one negative per query (scores with >= 2 columns)");
        Tensor margins = s.slice(1, 0, 1).sub(s.slice(1, 1, c));
        Tensor t = in.get(Lists.TEACHER);
        Distill.checkTeacher(INFO.id(), t, s, c - 1, c);
        Tensor tm = t.dim(1) == c ? t.slice(1, 0, 1).sub(t.slice(1, 1, c)) : t;
        Tensor d = margins.sub(tm);
        return d.mul(d).mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("similarity", "dot");
    }

    @Override
    public List<Input> inputs() {
        return Distill.inputs("B x T", "teacher margins (B x K) or raw teacher scores (B x (1+K), positive first)");
    }
}
