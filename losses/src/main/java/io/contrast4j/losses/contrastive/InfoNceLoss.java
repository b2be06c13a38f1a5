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
 * L101 · InfoNCE core (NT-Xent / MNRL) — van den Oord et al., <i>Representation Learning with Contrastive Predictive
 * Coding</i> (2018); SimCLR; ST {@code MultipleNegativesRankingLoss}; PML {@code NTXentLoss}.
 * logits_ij = s·sim(a_i, C_j) over candidates C = [all positives, all hard negatives];
 * L = mean_i CE(logits_i, i). Hooks: optional {@code negative_mask} (0 drops a candidate, i.e. logit −∞) and
 * {@code negative_weights} (as L109).
 * Defaults (ST): scale s = 20 (τ = 0.05), cosine similarity, fixed scale ({@code learnable_scale=true} learns log s).
 */
public final class InfoNceLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L101", "InfoNCE core (NT-Xent / MNRL)", "contrastive", "T1",
            "van den Oord et al. 2018, Representation Learning with Contrastive Predictive Coding; SimCLR; ST MultipleNegativesRankingLoss",
            "L = mean_i CE(s·sim(a_i, [p; n]), i)");
    private final LogitScale scale;
    private final Similarity sim;

    public InfoNceLoss() {
        this(LogitScale.fixed(20), Similarity.COS);
    }

    public InfoNceLoss(LogitScale scale, Similarity sim) {
        this.scale = scale;
        this.sim = sim;
    }

    public static InfoNceLoss fromParams(Params p) {
        p.checkKnown(Set.of("scale", "temperature", "similarity", "learnable_scale", "dtype"));
        return new InfoNceLoss(LogitScale.fromParams(p, 20), Similarity.parse(p.getString("similarity", "cos")));
    }

    /** The B x C scaled logits and per-row losses (before the mean). */
    public Tensor rowLosses(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor a = in.get(InfoNce.ANCHORS), p = in.get(InfoNce.POSITIVES), n = in.getOrNull(InfoNce.NEGATIVES);
        InfoNce.checkCols(INFO.id(), a, p, n);
        int b = a.dim(0), k = n == null ? 0 : n.dim(1);
        Tensor logits = scale.apply(sim.matrix(a, InfoNce.candidates(p, n)));
        return InfoNce.weightedCe(logits, InfoNce.arange(b), InfoNce.weights(INFO.id(), in, b, k, a.dtype()));
    }

    @Override
    public Tensor compute(LossInputs in) {
        return rowLosses(in).mean();
    }

    @Override
    public List<Tensor> parameters() {
        return scale.parameters();
    }

    public LogitScale scale() {
        return scale;
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("scale", "20", "similarity", "cos", "learnable_scale", "false");
    }

    @Override
    public List<Input> inputs() {
        return InfoNce.colsInputs(false);
    }
}
