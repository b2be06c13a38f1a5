package io.contrast4j.losses.ranking;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Shape;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L225 · Soft identifiers + codeword uniformity + collaborative distillation (UniGRec) — <i>UniGRec: Unified
 * Generative Recommendation with Soft Identifiers for End-to-End Optimization</i> (2025); straight-through E22.
 * Residual soft quantisation of the item representations r₁ = {@code item_embeddings} (N x D) with L learnable codebooks
 * (L x K x D, {@link #parameters()}): a_l = softmax(−‖r_l − e_{l,k}‖²/τ), q_l = Σ_k a_{l,k} e_{l,k}, r_{l+1} = r_l − q_l;
 * with {@code hard=true} (annealed inference alignment) a_l is the one-hot argmax with the straight-through gradient
 * of the soft a_l. Uniformity L_u = Σ_l Σ_k ā_{l,k} log ā_{l,k} (negative entropy of the batch-mean assignment);
 * distillation L_d = MSE(Σ_l q_l, {@code teacher_embeddings}) (L203 form, to a lightweight CF teacher; optional);
 * L = w_u·L_u + w_d·L_d. Anneal τ between calls with {@link #setTemperature}.
 * Formula not verified against the paper: follows CATALOG.md.
 * Defaults: levels 3, codewords 16, τ = 1, w_u = 1, w_d = 1; {@code dim} required.
 */
public final class SoftIdentifierLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L225", "Soft identifiers + codeword uniformity + collaborative distillation (UniGRec)", "ranking", "T2",
            "UniGRec: Unified Generative Recommendation with Soft Identifiers for End-to-End Optimization",
            "a_l = softmax(-|r_l - e_lk|^2/tau); L = w_u sum_l sum_k abar log abar + w_d MSE(sum_l q_l, teacher)");
    public static final String ITEMS = "item_embeddings";
    public static final String TEACHER = "teacher_embeddings";
    private final Tensor codebooks;
    private final double wu, wd;
    private final boolean hard;
    private double tau;

    public SoftIdentifierLoss(int levels, int codewords, int dim, double tau, double wu, double wd, boolean hard, DType dtype, long seed) {
        if (levels < 1 || codewords < 2 || dim < 1 || !(tau > 0)) throw new IllegalArgumentException("L225: need levels >= 1, codewords >= 2, dim >= 1, temperature > 0");
        this.codebooks = Tensor.randn(dtype, new Rng(seed), levels, codewords, dim).mul(1 / Math.sqrt(dim)).detach().requiresGrad(true);
        this.tau = tau;
        this.wu = wu;
        this.wd = wd;
        this.hard = hard;
    }

    public static SoftIdentifierLoss fromParams(Params p) {
        p.checkKnown(Set.of("levels", "codewords", "dim", "temperature", "uniformity_weight", "distill_weight", "hard", "seed", "dtype"));
        if (!p.has("dim")) throw new IllegalArgumentException("L225: parameter 'dim' is required");
        return new SoftIdentifierLoss(p.getInt("levels", 3), p.getInt("codewords", 16), p.getInt("dim", 0), p.getPositive("temperature", 1),
                p.getDouble("uniformity_weight", 1), p.getDouble("distill_weight", 1), p.getBoolean("hard", false), DType.valueOf(p.getString("dtype", "F32")), p.getInt("seed", 0));
    }

    public void setTemperature(double t) {
        if (!(t > 0)) throw new IllegalArgumentException("L225: temperature must be > 0, got " + t);
        this.tau = t;
    }

    /** Per-level assignments (N x K each) and the quantised sum (N x D), index 0..L−1 then L. */
    public List<Tensor> quantise(Tensor r) {
        int levels = codebooks.dim(0), k = codebooks.dim(1), d = codebooks.dim(2);
        List<Tensor> out = new ArrayList<>();
        Tensor sum = null;
        for (int l = 0; l < levels; l++) {
            Tensor e = codebooks.slice(0, l, l + 1).reshape(k, d);
            Tensor d2 = r.mul(r).sum(new int[]{1}, true).sub(r.matmul(e, false, true).mul(2)).add(e.mul(e).sum(new int[]{1}, false).reshape(1, k));
            Tensor a = d2.div(-tau).softmax(1);
            if (hard) {
                Tensor idx = a.detach().topk(1, true);
                double[] oh = new double[r.dim(0) * k];
                int[] ix = idx.toIntArray();
                for (int i = 0; i < ix.length; i++) oh[i * k + ix[i]] = 1;
                a = Tensor.straightThrough(Tensor.of(oh, r.dim(0), k).to(r.dtype()), a);
            }
            out.add(a);
            Tensor q = a.matmul(e);
            sum = sum == null ? q : sum.add(q);
            r = r.sub(q);
        }
        out.add(sum);
        return out;
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor r = in.get(ITEMS);
        if (r.rank() != 2 || r.dim(1) != codebooks.dim(2)) throw new IllegalArgumentException("L225: item_embeddings must be N x " + codebooks.dim(2) + ", got " + Shape.str(r.shape()));
        if (r.dtype() != codebooks.dtype()) throw new IllegalArgumentException("L225: item_embeddings must be " + codebooks.dtype() + " like the codebooks, got " + r.dtype());
        List<Tensor> q = quantise(r);
        Tensor uni = null;
        for (int l = 0; l < q.size() - 1; l++) {
            Tensor mean = q.get(l).mean(new int[]{0}, false).clampMin(1e-300);
            Tensor t = mean.mul(mean.log()).sum();
            uni = uni == null ? t : uni.add(t);
        }
        Tensor loss = uni.mul(wu);
        if (in.has(TEACHER) && wd > 0) {
            Tensor t = in.get(TEACHER);
            if (!Shape.same(t.shape(), r.shape())) throw new IllegalArgumentException("L225: teacher_embeddings must be " + Shape.str(r.shape()) + ", got " + Shape.str(t.shape()));
            Tensor diff = q.get(q.size() - 1).sub(t);
            loss = loss.add(diff.mul(diff).mean().mul(wd));
        }
        return loss;
    }

    @Override
    public List<Tensor> parameters() {
        return List.of(codebooks);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("levels", "3", "codewords", "16", "temperature", "1", "uniformity_weight", "1", "distill_weight", "1", "hard", "false", "seed", "0");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(ITEMS, "N x D", "item (or user) representations to quantise"),
                Input.floats(TEACHER, "N x D", "lightweight CF teacher embeddings (distillation target)").asOptional());
    }
}
