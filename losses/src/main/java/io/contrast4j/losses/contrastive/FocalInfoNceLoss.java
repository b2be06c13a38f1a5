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
 * L108 · Focal InfoNCE — <i>KaLM-Embedding-V2: Superior Training Techniques and Data Inspire A Versatile Embedding
 * Model</i> (2025), focal-style re-weighting of the InfoNCE term.
 * p_i = softmax probability of row i's positive; ℓ_i = −(1 − p_i)^γ·log p_i; L = mean_i ℓ_i. With
 * {@code detach_weight} the factor (1 − p_i)^γ is sg. Supports the L101 mask/weight hooks.
 * Defaults: γ = 2 (focal-loss default), weight not detached, scale 20, cosine.
 * [K?] formula not verified against the paper: follows CATALOG.md.
 */
public final class FocalInfoNceLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L108", "Focal InfoNCE", "contrastive", "T1",
            "KaLM-Embedding-V2: Superior Training Techniques and Data Inspire A Versatile Embedding Model",
            "ℓ_i = −(1 − p_i)^γ log p_i, p_i = softmax(s·sim_i)[i]");
    private final double gamma;
    private final boolean detachWeight;
    private final LogitScale scale;
    private final Similarity sim;

    public FocalInfoNceLoss(double gamma, boolean detachWeight, LogitScale scale, Similarity sim) {
        if (!(gamma >= 0)) throw new IllegalArgumentException("parameter 'gamma' must be >= 0, got " + gamma);
        this.gamma = gamma;
        this.detachWeight = detachWeight;
        this.scale = scale;
        this.sim = sim;
    }

    public static FocalInfoNceLoss fromParams(Params p) {
        p.checkKnown(Set.of("gamma", "detach_weight", "scale", "temperature", "similarity", "learnable_scale", "dtype"));
        return new FocalInfoNceLoss(p.getDouble("gamma", 2), p.getBoolean("detach_weight", false), LogitScale.fromParams(p, 20),
                Similarity.parse(p.getString("similarity", "cos")));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor a = in.get(InfoNce.ANCHORS), p = in.get(InfoNce.POSITIVES), n = in.getOrNull(InfoNce.NEGATIVES);
        InfoNce.checkCols(INFO.id(), a, p, n);
        int b = a.dim(0), k = n == null ? 0 : n.dim(1);
        Tensor logits = scale.apply(sim.matrix(a, InfoNce.candidates(p, n)));
        Tensor nll = InfoNce.weightedCe(logits, InfoNce.arange(b), InfoNce.weights(INFO.id(), in, b, k, a.dtype()));
        // 1 − p = 1 − e^{−nll} = −expm1(−nll); computed as 1 − exp(−nll), clamped at 0 against rounding
        Tensor oneMinusP = nll.neg().exp().affine(-1, 1).clampMin(0);
        Tensor w = gamma == 0 ? null : oneMinusP.pow(gamma);
        if (w == null) return nll.mean();
        return (detachWeight ? w.detach() : w).mul(nll).mean();
    }

    @Override
    public List<Tensor> parameters() {
        return scale.parameters();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("gamma", "2", "detach_weight", "false", "scale", "20", "similarity", "cos");
    }

    @Override
    public List<Input> inputs() {
        return InfoNce.colsInputs(false);
    }
}
