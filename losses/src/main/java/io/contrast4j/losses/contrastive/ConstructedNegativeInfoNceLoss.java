package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L119 · InfoNCE with constructed hard negatives (DeGLA IGC; MMCLIP) — Hu et al., <i>Decoupled Global-Local Alignment
 * for Improving Compositional Understanding</i> (DeGLA); <i>Hard Negative Contrastive Learning for Fine-Grained
 * Geometric Understanding in Large Multimodal Models</i> (MMCLIP).
 * Inputs: anchors I (B x D), positives T⁺ (B x D) and K constructed negatives T⁻ per anchor (B x K x D).
 * IGC ({@code in_batch=false}): ℓ_i = −log e^{s(I_i,T⁺_i)/τ} / (e^{s(I_i,T⁺_i)/τ} + Σ_k e^{s(I_i,T⁻_ik)/τ});
 * MMCLIP ({@code in_batch=true}): the row's constructed negatives are appended to the in-batch denominator
 * (Σ_j e^{s(I_i,T⁺_j)/τ} + Σ_k e^{s(I_i,T⁻_ik)/τ}). L = mean_i ℓ_i, s = cos. TGC is the same formula anchored on the
 * text side: pass the texts as {@code anchors}, the images as {@code positives} and constructed negative images.
 * T3 stand-in: the original negatives are LLM-rewritten captions; {@link #perturb} is a rule-based generator on token
 * ids (swap two distinct tokens, i.e. a word-order / attribute-binding perturbation) whose outputs the caller encodes.
 * The DeGLA self-distillation to an EMA model is a separate composition (O04 + L203), not part of this loss.
 * Defaults: τ = 0.07 (CLIP), in_batch = false. Formula not verified against the paper: follows CATALOG.md.
 */
public final class ConstructedNegativeInfoNceLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L119", "InfoNCE with constructed hard negatives (IGC/TGC; MMCLIP)", "contrastive", "T3",
            "DeGLA: Decoupled Global-Local Alignment for Improving Compositional Understanding; MMCLIP: Hard Negative Contrastive Learning for Fine-Grained Geometric Understanding",
            "−log e^{s(I,T+)/τ} / (e^{s(I,T+)/τ} + [Σ_j≠i e^{s(I,T+_j)/τ}] + Σ_k e^{s(I,T−_k)/τ})");
    private final double scale;
    private final boolean inBatch;

    public ConstructedNegativeInfoNceLoss(double scale, boolean inBatch) {
        if (!(scale > 0)) throw new IllegalArgumentException("parameter 'scale' must be > 0, got " + scale);
        this.scale = scale;
        this.inBatch = inBatch;
    }

    public static ConstructedNegativeInfoNceLoss fromParams(Params p) {
        p.checkKnown(Set.of("scale", "temperature", "in_batch", "dtype"));
        return new ConstructedNegativeInfoNceLoss(InfoNce.scale(p, 1 / 0.07), p.getBoolean("in_batch", false));
    }

    /**
     * Rule-based negatives: {@code k} copies of {@code tokens}, each with one pair of positions holding different
     * tokens swapped (positions drawn from {@code rng}); a sequence whose tokens are all equal has no such swap and is refused.
     */
    public static int[][] perturb(int[] tokens, int k, Rng rng) {
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < tokens.length; i++) for (int j = i + 1; j < tokens.length; j++) if (tokens[i] != tokens[j]) pairs.add(new int[]{i, j});
        if (pairs.isEmpty()) throw new IllegalArgumentException("perturb: the sequence " + Arrays.toString(tokens) + " has no two different tokens to swap");
        int[][] out = new int[k][];
        for (int q = 0; q < k; q++) {
            int[] pr = pairs.get(rng.nextInt(pairs.size()));
            int[] t = tokens.clone();
            t[pr[0]] = tokens[pr[1]];
            t[pr[1]] = tokens[pr[0]];
            out[q] = t;
        }
        return out;
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor a = in.get(InfoNce.ANCHORS), p = in.get(InfoNce.POSITIVES), n = in.get(InfoNce.NEGATIVES);
        InfoNce.checkCols(INFO.id(), a, p, n);
        int b = a.dim(0), k = n.dim(1), d = a.dim(1);
        Tensor an = a.normalize(1);
        Tensor own = n.normalize(2).matmul(an.reshape(b, d, 1)).reshape(b, k);
        Tensor first = inBatch ? an.matmul(p.normalize(1), false, true) : Similarity.COS.pairwise(a, p).reshape(b, 1);
        Tensor logits = Tensor.concat(List.of(first, own), 1).mul(scale);
        int[] target = inBatch ? InfoNce.arange(b) : new int[b];
        return InfoNce.ce(logits, target).mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("temperature", "0.07", "in_batch", "false");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(InfoNce.ANCHORS, "B x D", "anchor (image) embeddings"),
                Input.floats(InfoNce.POSITIVES, "B x D", "positive (caption) embeddings"),
                Input.floats(InfoNce.NEGATIVES, "B x K x D", "K constructed negatives per anchor (e.g. encoded perturb() outputs)"));
    }
}
