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
 * L109 · Weighted-negative InfoNCE — the false-negative-aware form used by MEOW/AdaMEOW, HaSa (<i>Hardness and
 * Structure-Aware Contrastive Knowledge Graph Embedding</i>) and RRRA; weights come from a sampler or filter.
 * ℓ_i = −log(e^{s·sim_ii⁺} / (e^{s·sim_ii⁺} + Σ_j w_ij e^{s·sim_ij})); w = 1 gives L101, w = 0 masks.
 * The weights are an input ({@code negative_weights}, B x B, B x K or B x C); their gradient is computed (a trained
 * weight provider receives it), a caller wanting sg passes detached weights.
 * Defaults: scale 20 (τ = 0.05), cosine.
 */
public final class WeightedNegativeInfoNceLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L109", "Weighted-negative InfoNCE", "contrastive", "T1",
            "MEOW/AdaMEOW; HaSa, Hardness and Structure-Aware Contrastive Knowledge Graph Embedding; RRRA",
            "ℓ_i = −log(e^{s_ii⁺} / (e^{s_ii⁺} + Σ_j w_ij e^{s_ij}))");
    private final LogitScale scale;
    private final Similarity sim;

    public WeightedNegativeInfoNceLoss(LogitScale scale, Similarity sim) {
        this.scale = scale;
        this.sim = sim;
    }

    public static WeightedNegativeInfoNceLoss fromParams(Params p) {
        p.checkKnown(Set.of("scale", "temperature", "similarity", "learnable_scale", "dtype"));
        return new WeightedNegativeInfoNceLoss(LogitScale.fromParams(p, 20), Similarity.parse(p.getString("similarity", "cos")));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor a = in.get(InfoNce.ANCHORS), p = in.get(InfoNce.POSITIVES), n = in.getOrNull(InfoNce.NEGATIVES);
        InfoNce.checkCols(INFO.id(), a, p, n);
        int b = a.dim(0), k = n == null ? 0 : n.dim(1);
        Tensor logits = scale.apply(sim.matrix(a, InfoNce.candidates(p, n)));
        return InfoNce.weightedCe(logits, InfoNce.arange(b), InfoNce.weights(INFO.id(), in, b, k, a.dtype())).mean();
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
        return Map.of("scale", "20", "similarity", "cos");
    }

    @Override
    public List<Input> inputs() {
        return InfoNce.colsInputs(true);
    }
}
