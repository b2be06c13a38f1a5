package io.contrast4j.losses.proxy;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.LossInputs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L065 · Multi-prompt diversity + semantic guidance (MSGCoOp) — Wang, Sun, Du, Huang, <i>MSGCoOp: Multiple
 * Semantic-Guided Context Optimization for Few-Shot Learning</i> (2025). M learnable context vectors ctx_m (M x D,
 * init N(0, 0.02²) as CoOp) build per-prompt class text features t_mc = g(ctx_m, e_c) from the frozen class-name
 * embeddings e_c ({@code class_tokens}, C x D). With x̂ the normalised image features ({@code embeddings}) and t̂ the
 * normalised text features: logits = mean_m s·x̂·t̂_mᵀ; L = CE(logits, y) + w·(1 − mean_c cos(mean_m t_mc, d_c))
 * + λ_div·mean_c mean_{m&lt;m'} cos(t_mc, t_m'c)², d_c = the class-description embedding ({@code descriptions}, C x D).
 * Verified against the official code Rain-Bus/MSGCoOp {@code trainers/msgcoop.py} ({@code CustomCLIP.forward},
 * {@code compute_diversity_loss}, {@code forward_backward}).
 * T3 stand-in: the frozen CLIP text encoder is replaced by the additive prompt g(ctx_m, e_c) = e_c + ctx_m, and the
 * LLM-written descriptions encoded by CLIP by a caller-supplied embedding of template class descriptions (e.g. a
 * small frozen encoder's). Defaults: s = 100 (CLIP logit scale), M = 4, w = 8 (KgCoOp), λ_div = 1 (not verified).
 */
public final class MsgCoOpLoss extends ClassHead {
    public static final CatalogInfo INFO = new CatalogInfo("L065", "Multi-prompt diversity + semantic guidance (MSGCoOp)", "metric-learning", "T3",
            "Wang et al. 2025, MSGCoOp: Multiple Semantic-Guided Context Optimization for Few-Shot Learning; Rain-Bus/MSGCoOp msgcoop.py",
            "CE(mean_m s x̂·t̂_m, y) + w(1 − mean_c cos(mean_m t_mc, d_c)) + λ mean_c mean_{m<m'} cos(t_mc, t_m'c)²");
    public static final String CLASS_TOKENS = "class_tokens";
    public static final String DESCRIPTIONS = "descriptions";
    private final int prompts;
    private final double scale, w, lambdaDiv;
    private final Tensor ctx;

    public MsgCoOpLoss(int numClasses, int embeddingSize, int prompts, double scale, double w, double lambdaDiv, DType dtype, long seed) {
        super(numClasses, embeddingSize, dtype);
        if (prompts < 1) throw new IllegalArgumentException("parameter 'num_prompts' must be >= 1, got " + prompts);
        this.prompts = prompts;
        this.scale = scale;
        this.w = w;
        this.lambdaDiv = lambdaDiv;
        this.ctx = ProxyOps.learnable(ProxyOps.normal(dtype, new Rng(seed), 0.02, prompts, embeddingSize));
    }

    public static MsgCoOpLoss fromParams(Params p) {
        p.checkKnown(Set.of("num_classes", "embedding_size", "num_prompts", "scale", "w", "lambda_div", "dtype", "seed"));
        return new MsgCoOpLoss(ProxyOps.requiredInt(p, "num_classes", "L065"), ProxyOps.requiredInt(p, "embedding_size", "L065"),
                p.getInt("num_prompts", 4), p.getPositive("scale", 100), p.getDouble("w", 8), p.getDouble("lambda_div", 1), ProxyOps.dtype(p), ProxyOps.seed(p));
    }

    /** The context vectors (M x D). */
    public Tensor context() {
        return ctx;
    }

    /** Per-prompt text features t_m (C x D each) for the class-name embeddings. */
    public List<Tensor> textFeatures(Tensor classTokens) {
        List<Tensor> t = new ArrayList<>();
        for (int m = 0; m < prompts; m++) t.add(classTokens.add(ctx.slice(0, m, m + 1)));
        return t;
    }

    private Tensor classInput(LossInputs in, String name) {
        Tensor t = in.get(name);
        if (t.dim(0) != numClasses || t.dim(1) != embeddingSize) {
            throw new IllegalArgumentException(INFO.id() + ": " + name + " must be " + numClasses + " x " + embeddingSize + ", got " + Arrays.toString(t.shape()));
        }
        return t.to(dtype);
    }

    @Override
    public Tensor compute(LossInputs in) {
        Batch b = batch(in);
        Tensor e = classInput(in, CLASS_TOKENS), desc = classInput(in, DESCRIPTIONS);
        List<Tensor> t = textFeatures(e);
        Tensor x = b.embeddings().normalize(1);
        Tensor logits = null, sum = null;
        for (Tensor tm : t) {
            Tensor l = x.matmul(tm.normalize(1), false, true).mul(scale);
            logits = logits == null ? l : logits.add(l);
            sum = sum == null ? tm : sum.add(tm);
        }
        logits = logits.div(prompts);
        Tensor ce = weightedMean(ProxyOps.crossEntropyRows(logits, b.labels()), b.minerWeights());
        Tensor guide = sum.normalize(1).mul(desc.normalize(1)).sum(new int[]{1}, false).mean().neg().add(1);
        Tensor loss = ce.add(guide.mul(w));
        if (prompts > 1) {
            Tensor div = null;
            int pairs = 0;
            for (int m = 0; m < prompts; m++) {
                for (int q = m + 1; q < prompts; q++) {
                    Tensor c = t.get(m).normalize(1).mul(t.get(q).normalize(1)).sum(new int[]{1}, false);
                    Tensor sq = c.mul(c);
                    div = div == null ? sq : div.add(sq);
                    pairs++;
                }
            }
            loss = loss.add(div.div(pairs).mean().mul(lambdaDiv));
        }
        return loss;
    }

    @Override
    public List<Tensor> parameters() {
        return List.of(ctx);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("num_prompts", "4", "scale", "100", "w", "8", "lambda_div", "1", "dtype", "F32", "seed", "0");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(LossInputs.EMBEDDINGS, "N x D", "image features"),
                Input.ints(LossInputs.LABELS, "N", "class labels in [0, num_classes)"),
                Input.floats(CLASS_TOKENS, "C x D", "frozen class-name embeddings"),
                Input.floats(DESCRIPTIONS, "C x D", "embeddings of the class descriptions (stand-in for the LLM + CLIP ones)"));
    }
}
