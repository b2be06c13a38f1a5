package io.contrast4j.losses.metric;

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
 * L025 · Cosine contrastive loss (CCL) — Mao et al., <i>SimpleX: A Simple and Strong Baseline for Collaborative
 * Filtering</i> (CIKM 2021).
 * ℓ_u = [1 − cos(u, i⁺)]₊ + (w/|N|)·Σ_{j∈N} [cos(u, j) − m]₊ (with w unset: Σ_{j∈N} [cos(u, j) − m]₊); L = mean_u ℓ_u.
 * Verified against the reference implementation reczoo/RecBox {@code deem/pytorch/losses/cosine_contrastive_loss.py}
 * (pos: relu(1 − cos); neg: relu(cos − m), mean × negative_weight, or sum when negative_weight is None).
 * Inputs: users ({@code anchors}, B x D), positive items ({@code positives}, B x D), sampled negatives
 * ({@code negatives}, B x K x D). Defaults: m = 0 (RecBox), w unset (sum); the paper tunes m ∈ [0, 1] and w.
 */
public final class CosineContrastiveLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L025", "Cosine contrastive loss (CCL)", "metric-learning", "T2",
            "Mao et al. 2021, SimpleX: A Simple and Strong Baseline for Collaborative Filtering; reczoo/RecBox CosineContrastiveLoss",
            "[1 − cos(u,i+)]+ + (w/|N|) Σ_j [cos(u,j) − m]+");
    private final double margin, negativeWeight;

    /** {@code negativeWeight} NaN means "sum over negatives" (RecBox's None). */
    public CosineContrastiveLoss(double margin, double negativeWeight) {
        if (negativeWeight < 0) throw new IllegalArgumentException("parameter 'negative_weight' must be >= 0, got " + negativeWeight);
        this.margin = margin;
        this.negativeWeight = negativeWeight;
    }

    public static CosineContrastiveLoss fromParams(Params p) {
        p.checkKnown(Set.of("margin", "negative_weight", "dtype"));
        return new CosineContrastiveLoss(p.getDouble("margin", 0), p.has("negative_weight") ? p.getDouble("negative_weight", 0) : Double.NaN);
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor u = in.get(PairInputs.ANCHORS), ip = in.get(PairInputs.POSITIVES), n = in.get(PairInputs.NEGATIVES);
        PairInputs.checkAligned(INFO.id(), in, PairInputs.ANCHORS, PairInputs.POSITIVES);
        int b = u.dim(0), d = u.dim(1);
        if (n.rank() != 3 || n.dim(0) != b || n.dim(2) != d) throw new IllegalArgumentException(INFO.id() + ": negatives must be " + b + " x K x " + d + ", got " + java.util.Arrays.toString(n.shape()));
        Tensor un = u.normalize(1);
        Tensor pos = PairInputs.cos(u, ip).neg().add(1).relu();
        Tensor cn = n.normalize(2).matmul(un.reshape(b, d, 1)).reshape(b, n.dim(1));
        Tensor neg = cn.sub(margin).relu();
        Tensor negTerm = Double.isNaN(negativeWeight) ? neg.sum(new int[]{1}, false) : neg.mean(new int[]{1}, false).mul(negativeWeight);
        return pos.add(negTerm).mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("margin", "0", "negative_weight", "unset (sum over negatives)");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(PairInputs.ANCHORS, "B x D", "user embeddings"),
                Input.floats(PairInputs.POSITIVES, "B x D", "positive item embeddings"),
                Input.floats(PairInputs.NEGATIVES, "B x K x D", "sampled negative item embeddings"));
    }
}
