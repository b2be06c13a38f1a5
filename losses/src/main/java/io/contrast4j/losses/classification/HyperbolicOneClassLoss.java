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
 * L327 · Hyperbolic one-class losses (Hyp-CE, Hyp-PC) with pseudo-negatives — Narayan et al., <i>Hyp-OC: Hyperbolic
 * One Class Classification for Face Anti-Spoofing</i> (FG 2024); hyperbolic MLR of Ganea et al., <i>Hyperbolic Neural
 * Networks</i> (NeurIPS 2018); layers E23, pseudo-negatives S307.
 * Features x ({@code features}, N x D) are clipped: x ← min(1, r/‖x‖)·x, then x_h = expmap₀(x) = tanh(√c‖x‖)·x/(√c‖x‖) on the Poincaré ball of
 * curvature −c. Hyperbolic MLR with learnable p_k = expmap₀(p̃_k), a_k (two classes: 1 = real, 0 = pseudo-negative):
 * logit_k = (λ_{p_k}‖a_k‖/√c)·asinh(2√c⟨−p_k ⊕ x_h, a_k⟩ / ((1 − c‖−p_k ⊕ x_h‖²)‖a_k‖)), λ_p = 2/(1 − c‖p‖²),
 * ⊕ Möbius addition. Hyp-CE = mean CE(logits, {@code labels}); Hyp-PC = mean_{i&lt;j} ‖softmax_i − softmax_j‖² over
 * pairs with different labels (pairwise confusion); L = Hyp-CE + w_pc·Hyp-PC. Gradient clipping is an optimizer
 * concern (O-section). Hyp-PC form and default radius: formula not verified against the paper: follows CATALOG.md.
 * Defaults: c = 1, r = 1, w_pc = 0; {@code dim} required.
 */
public final class HyperbolicOneClassLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L327", "Hyperbolic one-class losses (Hyp-PC, Hyp-CE) with pseudo-negatives", "classification", "T2",
            "Narayan et al. 2024, Hyp-OC: Hyperbolic One Class Classification for Face Anti-Spoofing; Ganea et al. 2018, Hyperbolic Neural Networks",
            "logit_k = (lambda_pk |a_k| / sqrt c) asinh(2 sqrt c <-p_k (+) x, a_k> / ((1 - c|-p_k (+) x|^2)|a_k|)); L = CE + w PC");
    public static final String FEATURES = "features";
    public static final String LABELS = "labels";
    private final double c, radius, pcWeight;
    private final Tensor pTangent, a;

    public HyperbolicOneClassLoss(int dim, double c, double radius, double pcWeight, DType dtype, long seed) {
        if (dim < 1 || !(c > 0) || !(radius > 0) || !(pcWeight >= 0)) throw new IllegalArgumentException("L327: need dim >= 1, curvature > 0, radius > 0, pc_weight >= 0");
        this.c = c;
        this.radius = radius;
        this.pcWeight = pcWeight;
        Rng r = new Rng(seed);
        this.pTangent = Tensor.randn(dtype, r, 2, dim).mul(0.1).detach().requiresGrad(true);
        this.a = Tensor.randn(dtype, r, 2, dim).mul(1 / Math.sqrt(dim)).detach().requiresGrad(true);
    }

    public static HyperbolicOneClassLoss fromParams(Params p) {
        p.checkKnown(Set.of("dim", "curvature", "radius", "pc_weight", "seed", "dtype"));
        if (!p.has("dim")) throw new IllegalArgumentException("L327: parameter 'dim' is required");
        return new HyperbolicOneClassLoss(p.getInt("dim", 0), p.getPositive("curvature", 1), p.getPositive("radius", 1), p.getDouble("pc_weight", 0),
                DType.valueOf(p.getString("dtype", "F32")), p.getInt("seed", 0));
    }

    /** expmap₀ on the ball, rows of x (N x D); x must be away from 0. */
    public Tensor expmap0(Tensor x) {
        double sc = Math.sqrt(c);
        Tensor n = x.norm(1, true).clampMin(1e-15);
        return x.mul(n.mul(sc).tanh().div(n.mul(sc)));
    }

    /** Möbius addition u ⊕ v of row sets (broadcasting: u 1 x K x D or N x K x D, v N x 1 x D). */
    Tensor mobiusAdd(Tensor u, Tensor v) {
        Tensor uv = u.mul(v).sum(new int[]{2}, true), uu = u.mul(u).sum(new int[]{2}, true), vv = v.mul(v).sum(new int[]{2}, true);
        Tensor num = u.mul(uv.mul(2 * c).add(vv.mul(c)).add(1)).add(v.mul(uu.affine(-c, 1)));
        Tensor den = uv.mul(2 * c).add(uu.mul(vv).mul(c * c)).add(1);
        return num.div(den);
    }

    /** asinh(u) = ±log(|u| + √(u² + 1)), branches on clamped arguments (no cancellation for u ≪ 0). */
    static Tensor asinh(Tensor u) {
        Tensor pos = u.clampMin(0), neg = u.neg().clampMin(0);
        Tensor rp = pos.mul(pos).add(1).sqrt(), rn = neg.mul(neg).add(1).sqrt();
        return Tensor.where(u.ge(0.0), pos.add(rp).log(), neg.add(rn).log().neg());
    }

    /** Hyperbolic MLR logits N x 2 of ball points (N x D). */
    public Tensor logits(Tensor xh) {
        int n = xh.dim(0), d = xh.dim(1);
        double sc = Math.sqrt(c);
        Tensor p = expmap0(pTangent); // 2 x D
        Tensor pp = p.mul(p).sum(new int[]{1}, false); // 2
        Tensor lam = pp.affine(-c, 1).pow(-1.0).mul(2); // 2
        Tensor an = a.norm(1, false); // 2
        Tensor w = mobiusAdd(p.neg().reshape(1, 2, d), xh.reshape(n, 1, d)); // N x 2 x D
        Tensor wa = w.mul(a.reshape(1, 2, d)).sum(new int[]{2}, false); // N x 2
        Tensor ww = w.mul(w).sum(new int[]{2}, false);
        Tensor arg = wa.mul(2 * sc).div(ww.affine(-c, 1).mul(an.reshape(1, 2)));
        return asinh(arg).mul(lam.mul(an).div(sc).reshape(1, 2));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor x = in.get(FEATURES);
        if (x.rank() != 2 || x.dim(1) != a.dim(1)) throw new IllegalArgumentException("L327: features must be N x " + a.dim(1) + ", got " + Shape.str(x.shape()));
        if (x.dtype() != a.dtype()) throw new IllegalArgumentException("L327: features must be " + a.dtype() + " like the MLR parameters, got " + x.dtype());
        int n = x.dim(0);
        int[] y = in.get(LABELS).toIntArray();
        if (y.length != n) throw new IllegalArgumentException("L327: labels must have length N = " + n + ", got " + y.length);
        for (int i = 0; i < n; i++) if (y[i] != 0 && y[i] != 1) throw new IllegalArgumentException("L327: label " + y[i] + " at row " + i + " must be 1 (real) or 0 (pseudo-negative)");
        Tensor norm = x.norm(1, true).clampMin(1e-15);
        Tensor clipped = x.mul(norm.pow(-1.0).mul(radius).minimum(Tensor.ones(x.dtype(), 1, 1)));
        Tensor z = logits(expmap0(clipped));
        Tensor logp = z.logSoftmax(1);
        Tensor loss = Cls.pick(logp, y).mean().neg();
        if (pcWeight > 0) {
            Tensor pr = logp.exp();
            Tensor diff = pr.reshape(n, 1, 2).sub(pr.reshape(1, n, 2));
            double[] mask = new double[n * n];
            int pairs = 0;
            for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) if (y[i] != y[j]) {
                mask[i * n + j] = 1;
                pairs++;
            }
            if (pairs > 0) loss = loss.add(diff.mul(diff).sum(new int[]{2}, false).mul(Tensor.of(mask, n, n).to(x.dtype())).sum().div(pairs).mul(pcWeight));
        }
        return loss;
    }

    @Override
    public List<Tensor> parameters() {
        return List.of(pTangent, a);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("curvature", "1", "radius", "1", "pc_weight", "0", "seed", "0");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(FEATURES, "N x D", "Euclidean features (clipped, then mapped to the ball)"),
                Input.ints(LABELS, "N", "1 = real (one class), 0 = pseudo-negative"));
    }
}
