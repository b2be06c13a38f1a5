package io.contrast4j.losses.contrastive;

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
 * L126 · Contrastive tension (CT; CT with in-batch negatives) — Carlsson et al., <i>Semantic Re-tuning with
 * Contrastive Tension</i> (ICLR 2021); ST {@code ContrastiveTensionLoss}, {@code ContrastiveTensionLossInBatchNegatives}.
 * {@code anchors} = f₁(s₁) (model copy 1), {@code positives} = f₂(s₂) (model 2).
 * Mode {@code pairs}: L = Σ_i BCEWithLogits(⟨a_i, p_i⟩, y_i) (label 1 = same sentence, 0 = different; a sum, as ST).
 * Mode {@code in_batch} (default): S = cos(A, P)·e^{logit_scale}; L = ½[CE(S, i) + CE(Sᵀ, i)], logit_scale learnable.
 * Defaults: logit_scale₀ = log 20; pairs come from the S015 loader (pos_neg_ratio 8).
 */
public final class ContrastiveTensionLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L126", "Contrastive tension (CT)", "contrastive", "T1",
            "Carlsson et al. 2021, Semantic Re-tuning with Contrastive Tension; ST ContrastiveTensionLoss(InBatchNegatives)",
            "pairs: Σ BCE(⟨a_i,p_i⟩, y_i); in-batch: ½[CE(S,i) + CE(Sᵀ,i)], S = e^{ls} cos(A,P)");
    public static final String PAIR_LABELS = "pair_labels";
    private final boolean inBatch;
    private final LogitScale scale;

    public ContrastiveTensionLoss(boolean inBatch, LogitScale scale) {
        this.inBatch = inBatch;
        this.scale = scale;
    }

    public static ContrastiveTensionLoss fromParams(Params p) {
        p.checkKnown(Set.of("mode", "scale", "learnable_scale", "dtype"));
        String m = p.getString("mode", "in_batch");
        if (!m.equals("in_batch") && !m.equals("pairs")) throw new IllegalArgumentException("parameter 'mode' must be in_batch or pairs, got '" + m + "'");
        double s = p.getPositive("scale", 20);
        return new ContrastiveTensionLoss(m.equals("in_batch"), p.getBoolean("learnable_scale", true) ? LogitScale.learnable(s, InfoNce.dtype(p)) : LogitScale.fixed(s));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor a = in.get(InfoNce.ANCHORS), p = in.get(InfoNce.POSITIVES);
        InfoNce.checkCols(INFO.id(), a, p, null);
        int b = a.dim(0);
        if (inBatch) {
            Tensor s = scale.apply(Similarity.COS.matrix(a, p));
            int[] t = InfoNce.arange(b);
            return InfoNce.ce(s, t).mean().add(InfoNce.ce(s.t(), t).mean()).mul(0.5);
        }
        Tensor y = in.get(PAIR_LABELS);
        if (y.numel() != b) throw new IllegalArgumentException(INFO.id() + ": pair_labels must have B=" + b + " entries, got " + Shape.str(y.shape()));
        Tensor yf = y.to(a.dtype()).reshape(b).detach();
        Tensor x = a.mul(p).sum(new int[]{1}, false);
        // BCEWithLogits(x, y) = softplus(x) − y·x
        return x.softplus().sub(yf.mul(x)).sum();
    }

    @Override
    public List<Tensor> parameters() {
        return inBatch ? scale.parameters() : List.of();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("mode", "in_batch", "scale", "20", "learnable_scale", "true");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(InfoNce.ANCHORS, "B x D", "model-1 embeddings of the first sentences"),
                Input.floats(InfoNce.POSITIVES, "B x D", "model-2 embeddings of the second sentences"),
                Input.ints(PAIR_LABELS, "B", "1 = identical sentence, 0 = different (mode pairs)").asOptional());
    }
}
