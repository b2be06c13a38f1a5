package io.contrast4j.losses.classification;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
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
 * L321 · LegendreTron (learned proper canonical loss) — Lam et al., <i>LegendreTron: Uprising Proper Multiclass Loss
 * Learning</i> (ICML 2023).
 * The model outputs f(x) ∈ R^{C−1} ({@code logits}, N x (C−1)); the learned inverse canonical link is
 * p = softmax⁺(∇u(f(x))) with softmax⁺(v) = (e^{v_1}, …, e^{v_{C−1}}, 1)/(1 + Σ_c e^{v_c}) (the projected-simplex
 * softmax) and u convex; training minimises the log loss −log p_y. Here u is one input-convex block
 * u(z) = Σ_j w_j·softplus(a_jᵀz + b_j) + (ε/2)‖z‖² with w_j = softplus(w̃_j) ≥ 0 (learnable A, b, w̃ —
 * {@link #parameters()}), so ∇u(z) = Σ_j w_j σ(a_jᵀz + b_j) a_j + εz is a strongly monotone map written analytically
 * from tensor ops: the loss's backward differentiates this gradient on the tape, the analytic substitute for the
 * double backward (2B) the catalog flags. The paper stacks several such blocks; one block is used here.
 * Formula (block structure) not verified against the paper beyond its abstract: follows CATALOG.md.
 * Defaults: hidden 16, ε = 1; {@code classes} required.
 */
public final class LegendreTronLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L321", "LegendreTron (learned proper canonical loss)", "classification", "T2",
            "Lam et al. 2023, LegendreTron: Uprising Proper Multiclass Loss Learning",
            "p = softmax+(grad u(f(x))), u input-convex; L = -log p_y");
    private final int classes;
    private final double eps;
    private final Tensor a, b, wRaw;

    public LegendreTronLoss(int classes, int hidden, double eps, DType dtype, long seed) {
        if (classes < 2 || hidden < 1 || !(eps > 0)) throw new IllegalArgumentException("L321: need classes >= 2, hidden >= 1 and epsilon > 0");
        this.classes = classes;
        this.eps = eps;
        Rng r = new Rng(seed);
        this.a = Tensor.randn(dtype, r, hidden, classes - 1).mul(1 / Math.sqrt(classes - 1)).detach().requiresGrad(true);
        this.b = Tensor.randn(dtype, r, hidden).mul(0.1).detach().requiresGrad(true);
        this.wRaw = Tensor.randn(dtype, r, hidden).mul(0.1).detach().requiresGrad(true);
    }

    public static LegendreTronLoss fromParams(Params p) {
        p.checkKnown(Set.of("classes", "hidden", "epsilon", "seed", "dtype"));
        if (!p.has("classes")) throw new IllegalArgumentException("L321: parameter 'classes' is required");
        return new LegendreTronLoss(p.getInt("classes", 0), p.getInt("hidden", 16), p.getPositive("epsilon", 1), DType.valueOf(p.getString("dtype", "F32")), p.getInt("seed", 0));
    }

    /** ∇u(z) for rows z (N x (C−1)). */
    public Tensor gradU(Tensor z) {
        Tensor h = z.matmul(a, false, true).add(b.reshape(1, b.dim(0))).sigmoid(); // N x H
        Tensor w = wRaw.softplus().reshape(1, wRaw.dim(0));
        return h.mul(w).matmul(a).add(z.mul(eps));
    }

    /** log p (N x C) of the learned link. */
    public Tensor logProbs(Tensor z) {
        Tensor v = gradU(z);
        return Tensor.concat(List.of(v, Tensor.zeros(z.dtype(), z.dim(0), 1)), 1).logSoftmax(1);
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor z = in.get(Cls.LOGITS);
        if (z.rank() != 2 || z.dim(1) != classes - 1) throw new IllegalArgumentException("L321: logits must be N x (C-1) = N x " + (classes - 1) + ", got " + Shape.str(z.shape()));
        if (z.dtype() != a.dtype()) throw new IllegalArgumentException("L321: logits must be " + a.dtype() + " like the link parameters, got " + z.dtype());
        int[] y = Cls.targets(INFO.id(), in, z.dim(0), classes);
        return Cls.pick(logProbs(z), y).mean().neg();
    }

    @Override
    public List<Tensor> parameters() {
        return List.of(a, b, wRaw);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("hidden", "16", "epsilon", "1", "seed", "0");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(Cls.LOGITS, "N x Cm1", "model outputs f(x) in R^(C-1)"), Cls.targetsInput());
    }
}
