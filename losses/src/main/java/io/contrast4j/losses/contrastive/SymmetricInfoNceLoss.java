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
 * L102 · Symmetric InfoNCE (CLIP-style) — Radford et al., <i>Learning Transferable Visual Models From Natural
 * Language Supervision</i> (CLIP, 2021); ST {@code MultipleNegativesSymmetricRankingLoss}; Sample4Geo.
 * S = s·sim(A, C) with C = [positives; hard negatives]; L = ½[CE_rows(S, i) + CE_rows(S[:, :B]ᵀ, i)] (the backward
 * direction uses only the positive block).
 * Defaults: scale 20, cosine, fixed scale ({@code learnable_scale=true}: learnable log s, as CLIP / Sample4Geo).
 */
public final class SymmetricInfoNceLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L102", "Symmetric InfoNCE (CLIP-style)", "contrastive", "T1",
            "Radford et al. 2021, CLIP; ST MultipleNegativesSymmetricRankingLoss",
            "L = ½[CE_rows(S, i) + CE_rows(S[:, :B]ᵀ, i)], S = s·sim(A, [P; N])");
    private final LogitScale scale;
    private final Similarity sim;

    public SymmetricInfoNceLoss() {
        this(LogitScale.fixed(20), Similarity.COS);
    }

    public SymmetricInfoNceLoss(LogitScale scale, Similarity sim) {
        this.scale = scale;
        this.sim = sim;
    }

    public static SymmetricInfoNceLoss fromParams(Params p) {
        p.checkKnown(Set.of("scale", "temperature", "similarity", "learnable_scale", "dtype"));
        return new SymmetricInfoNceLoss(LogitScale.fromParams(p, 20), Similarity.parse(p.getString("similarity", "cos")));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor a = in.get(InfoNce.ANCHORS), p = in.get(InfoNce.POSITIVES), n = in.getOrNull(InfoNce.NEGATIVES);
        InfoNce.checkCols(INFO.id(), a, p, n);
        int b = a.dim(0);
        Tensor s = scale.apply(sim.matrix(a, InfoNce.candidates(p, n)));
        int[] t = InfoNce.arange(b);
        Tensor forward = InfoNce.ce(s, t).mean();
        Tensor backward = InfoNce.ce(s.slice(1, 0, b).t(), t).mean();
        return forward.add(backward).mul(0.5);
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
        return Map.of("scale", "20", "similarity", "cos", "learnable_scale", "false");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(InfoNce.ANCHORS, "B x D", "anchor embeddings"),
                Input.floats(InfoNce.POSITIVES, "B x D", "positive embeddings, row-aligned"),
                Input.floats(InfoNce.NEGATIVES, "B x K x D", "K hard negatives per anchor (forward direction only)").asOptional());
    }
}
