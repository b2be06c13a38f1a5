package io.contrast4j.losses.ranking;

import io.contrast4j.autograd.Shape;
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
 * L220 · Noisy-label-robust Bayesian point-wise optimisation (NBPO) — Yu &amp; Qin, <i>Sampler Design for Implicit
 * Feedback Data by Noisy-label Robust Learning</i> (SIGIR 2020).
 * ŷ = σ(x) with x = p_uᵀq_i ({@code scores}, N); flip rate ρ = σ(f) from learned {@code flip_logits} (N, per user/item
 * pair, e.g. ρ_u + ρ_i logits); P(obs = 1) = (1 − ρ)·ŷ + η·(1 − ŷ);
 * L = −mean [o·log P + (1 − o)·log(1 − P)] over voted (o = 1) and sampled unvoted (o = 0) pairs ({@code observed}).
 * Logs via log-sum-exp of log-sigmoid terms (1 − P = ρŷ + (1 − η)(1 − ŷ)). The sampler that draws unvoted items by
 * their true-negative probability belongs to section (h).
 * Formula not verified against the paper: follows CATALOG.md. Defaults: η = 0.
 */
public final class NbpoLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L220", "Noisy-label-robust Bayesian point-wise optimisation (NBPO)", "ranking", "T2",
            "Yu & Qin 2020, Sampler Design for Implicit Feedback Data by Noisy-label Robust Learning",
            "P(obs=1) = (1 - rho) sigmoid(x) + eta (1 - sigmoid(x)); L = -mean log-likelihood");
    public static final String OBSERVED = "observed";
    public static final String FLIP_LOGITS = "flip_logits";
    private final double eta;

    public NbpoLoss(double eta) {
        if (!(eta >= 0 && eta < 1)) throw new IllegalArgumentException("L220: parameter 'eta' must be in [0, 1), got " + eta);
        this.eta = eta;
    }

    public static NbpoLoss fromParams(Params p) {
        p.checkKnown(Set.of("eta", "dtype"));
        return new NbpoLoss(p.getDouble("eta", 0));
    }

    private static Tensor logSig(Tensor x) {
        return x.neg().softplus().neg();
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor x = in.get(Lists.SCORES), o = in.get(OBSERVED), f = in.get(FLIP_LOGITS);
        if (x.rank() != 1 || !Shape.same(x.shape(), o.shape()) || !Shape.same(x.shape(), f.shape())) {
            throw new IllegalArgumentException("L220: scores, observed and flip_logits must all have shape N, got " + Shape.str(x.shape()) + ", " + Shape.str(o.shape()) + ", " + Shape.str(f.shape()));
        }
        Tensor logY = logSig(x), logNotY = logSig(x.neg());
        Tensor logRho = logSig(f), logKeep = logSig(f.neg());
        Tensor logP = logKeep.add(logY), logQ = logRho.add(logY);
        if (eta > 0) {
            logP = Tensor.stack(List.of(logP, logNotY.add(Math.log(eta))), 0).logsumexp(0);
            logQ = Tensor.stack(List.of(logQ, logNotY.add(Math.log1p(-eta))), 0).logsumexp(0);
        } else {
            logQ = Tensor.stack(List.of(logQ, logNotY), 0).logsumexp(0);
        }
        Tensor od = o;
        return od.mul(logP).add(od.affine(-1, 1).mul(logQ)).mean().neg();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("eta", "0");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(Lists.SCORES, "N", "preference logits p_u^T q_i"), Input.floats(OBSERVED, "N", "1 voted / 0 sampled unvoted"),
                Input.floats(FLIP_LOGITS, "N", "learned logit of the flip rate rho_ui"));
    }
}
