package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Grad;
import io.contrast4j.autograd.Shape;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.losses.LossInputs;

import java.util.ArrayList;
import java.util.List;

/**
 * Shared pieces of the InfoNCE family (CATALOG.md L101 hooks): the ST column layout, candidate building, the
 * additive mask / per-negative weight hook and a weighted cross-entropy with a max-shifted log-sum-exp.
 *
 * <p>Column layout: candidates C = [p_1..p_B, n_{1,1}..n_{1,K}, n_{2,1}..n_{B,K}] (every row's positive, then
 * every row's K hard negatives, row-major over (row, k)); a row's target is its own positive, column i.
 * Weights/masks may be given as B x B (the positive block), B x K (each row's own hard negatives) or B x C (all
 * candidates); the target's weight is always 1.
 */
public final class InfoNce {
    public static final String ANCHORS = "anchors";
    public static final String POSITIVES = "positives";
    public static final String NEGATIVES = "negatives";
    public static final String NEGATIVE_WEIGHTS = "negative_weights";
    public static final String NEGATIVE_MASK = "negative_mask";

    private InfoNce() {
    }

    /** The declared ST column inputs: anchors, positives, optional hard negatives, optional mask (and weights when {@code weights}). */
    public static List<Input> colsInputs(boolean weightsRequired) {
        List<Input> in = new ArrayList<>();
        in.add(Input.floats(ANCHORS, "B x D", "anchor embeddings"));
        in.add(Input.floats(POSITIVES, "B x D", "positive embeddings, row-aligned with the anchors"));
        in.add(Input.floats(NEGATIVES, "B x K x D", "K hard negatives per anchor").asOptional());
        Input w = Input.floats(NEGATIVE_WEIGHTS, "B x C", "per-negative weights >= 0 (B x B, B x K or B x (B+B*K); sg)");
        in.add(weightsRequired ? w : w.asOptional());
        in.add(Input.ints(NEGATIVE_MASK, "B x C", "1 keep / 0 drop per negative (B x B, B x K or B x (B+B*K))").asOptional());
        return in;
    }

    /** Checks the aligned shapes of anchors, positives and negatives. */
    public static void checkCols(String id, Tensor a, Tensor p, Tensor n) {
        if (a.rank() != 2 || p.rank() != 2 || a.dim(0) != p.dim(0) || a.dim(1) != p.dim(1)) {
            throw new IllegalArgumentException(id + ": anchors and positives must both be B x D, got " + Shape.str(a.shape()) + " and " + Shape.str(p.shape()));
        }
        if (a.dim(0) == 0) throw new IllegalArgumentException(id + ": empty batch (B = 0)");
        if (n != null && (n.rank() != 3 || n.dim(0) != a.dim(0) || n.dim(2) != a.dim(1))) {
            throw new IllegalArgumentException(id + ": negatives must be B x K x D = " + a.dim(0) + " x K x " + a.dim(1) + ", got " + Shape.str(n.shape()));
        }
        if (a.dtype() != p.dtype() || (n != null && n.dtype() != a.dtype())) {
            throw new IllegalArgumentException(id + ": anchors, positives and negatives must share a dtype");
        }
    }

    /** Candidates (B + B·K) x D: the positives then the flattened hard negatives. */
    public static Tensor candidates(Tensor p, Tensor n) {
        if (n == null || n.dim(1) == 0) return p;
        return Tensor.concat(List.of(p, n.reshape(n.dim(0) * n.dim(1), n.dim(2))), 0);
    }

    /**
     * Combined multiplicative weights (B x C) of the optional weight and mask inputs, expanded to all candidates,
     * or null when neither is given.
     */
    public static Tensor weights(String id, LossInputs in, int b, int k, DType dtype) {
        Tensor w = in.getOrNull(NEGATIVE_WEIGHTS);
        Tensor m = in.getOrNull(NEGATIVE_MASK);
        Tensor out = null;
        if (w != null) {
            if (w.dtype() != dtype) throw new IllegalArgumentException(id + ": negative_weights must be " + dtype + ", got " + w.dtype());
            double mn;
            try (var g = Grad.off()) {
                mn = w.numel() == 0 ? 0 : w.min().item();
            }
            if (mn < 0) throw new IllegalArgumentException(id + ": negative_weights must be >= 0, found " + mn);
            out = expand(id, NEGATIVE_WEIGHTS, w, b, k);
        }
        if (m != null) {
            Tensor mf;
            try (var g = Grad.off()) {
                mf = m.to(dtype).abs().gt(0.0).detach();
            }
            Tensor me = expand(id, NEGATIVE_MASK, mf, b, k);
            out = out == null ? me : out.mul(me);
        }
        return out;
    }

    /** Expands a B x B, B x K or B x C tensor to B x C (C = B + B·K) with ones elsewhere. */
    static Tensor expand(String id, String name, Tensor w, int b, int k) {
        int c = b + b * k;
        if (w.rank() != 2 || w.dim(0) != b) throw new IllegalArgumentException(id + ": " + name + " must be B x B, B x K or B x (B+B*K) with B=" + b + ", K=" + k + "; got " + Shape.str(w.shape()));
        int cols = w.dim(1);
        if (cols == c) return w;
        if (cols == b) {
            return k == 0 ? w : Tensor.concat(List.of(w, Tensor.ones(w.dtype(), b, b * k)), 1);
        }
        if (cols == k) {
            int[] idx = new int[b * k];
            for (int i = 0; i < b; i++) for (int j = 0; j < k; j++) idx[i * k + j] = i * k + j;
            Tensor hard = Tensor.ones(w.dtype(), b, b * k).scatterAdd(1, Tensor.ofInts(idx, b, k), w.sub(1.0));
            return Tensor.concat(List.of(Tensor.ones(w.dtype(), b, b), hard), 1);
        }
        throw new IllegalArgumentException(id + ": " + name + " must be B x B, B x K or B x (B+B*K) with B=" + b + ", K=" + k + "; got " + Shape.str(w.shape()));
    }

    /** Logits[i, target[i]] as a vector. */
    public static Tensor pickTargets(Tensor logits, int[] target) {
        return logits.gather(1, Tensor.ofInts(target, target.length, 1)).reshape(target.length);
    }

    /** Per-row cross-entropy −log softmax(logits_i)[target_i] (length B). */
    public static Tensor ce(Tensor logits, int[] target) {
        return logits.logsumexp(1).sub(pickTargets(logits, target));
    }

    /**
     * Per-row weighted cross-entropy: −logit_{i,t} + log(e^{logit_{i,t}} + Σ_{j≠t} w_ij e^{logit_ij}); {@code w} null
     * means plain CE. The shift is the detached max over the kept entries, so fully weighted-out columns cost nothing.
     */
    public static Tensor weightedCe(Tensor logits, int[] target, Tensor w) {
        if (w == null) return ce(logits, target);
        int b = logits.dim(0), c = logits.dim(1);
        Tensor onehot = targetOneHot(b, c, target, logits.dtype());
        Tensor wt = w.mul(onehot.affine(-1, 1)).add(onehot);
        Tensor shift;
        try (var g = Grad.off()) {
            Tensor kept = Tensor.where(wt.detach().gt(0.0), logits.detach(), Tensor.full(logits.dtype(), Double.NEGATIVE_INFINITY));
            shift = kept.max(new int[]{1}, true).detach();
        }
        Tensor lse = wt.mul(logits.sub(shift).exp()).sum(new int[]{1}, false).log().add(shift.reshape(b));
        return lse.sub(pickTargets(logits, target));
    }

    /** B x C one-hot of the targets. */
    public static Tensor targetOneHot(int b, int c, int[] target, DType dtype) {
        double[] v = new double[b * c];
        for (int i = 0; i < b; i++) v[i * c + target[i]] = 1;
        return Tensor.of(v, b, c).to(dtype);
    }

    /** 0..n−1. */
    public static int[] arange(int n) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) t[i] = i;
        return t;
    }

    /** Parses the {@code dtype} parameter (F32 default) used for learnable scalars. */
    public static DType dtype(io.contrast4j.autograd.registry.Params p) {
        String s = p.getString("dtype", "F32").toUpperCase(java.util.Locale.ROOT);
        return switch (s) {
            case "F32" -> DType.F32;
            case "F64" -> DType.F64;
            default -> throw new IllegalArgumentException("parameter 'dtype' must be F32 or F64, got '" + s + "'");
        };
    }

    /** Scale from the {@code scale} or {@code temperature} parameter (refuses both), default {@code defScale}. */
    public static double scale(io.contrast4j.autograd.registry.Params p, double defScale) {
        if (p.has("scale") && p.has("temperature")) throw new IllegalArgumentException("give either parameter 'scale' or 'temperature', not both");
        if (p.has("temperature")) return 1.0 / p.getPositive("temperature", 1.0 / defScale);
        return p.getPositive("scale", defScale);
    }
}
