package io.contrast4j.nn.components;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.nn.Module;
import io.contrast4j.nn.init.Init;

/**
 * Poincaré-ball layers of curvature 1 (catalog E23, T2; Ganea et al., "Hyperbolic Neural Networks", 2018; Hyp-OC;
 * H4G): feature clipping ‖x‖ ≤ r; expmap₀(v) = tanh(‖v‖)·v/‖v‖; logmap₀(y) = artanh(‖y‖)·y/‖y‖; Möbius addition
 * x⊕y = ((1 + 2⟨x,y⟩ + ‖y‖²)x + (1 − ‖x‖²)y) / (1 + 2⟨x,y⟩ + ‖x‖²‖y‖²); Möbius matrix-vector
 * M⊗x = tanh((‖Mx‖/‖x‖)·artanh‖x‖)·Mx/‖Mx‖; hyperbolic MLR (Ganea et al. eq. 25):
 * logit_k(x) = λ_{p_k}‖a_k‖·asinh(2⟨−p_k⊕x, a_k⟩ / ((1 − ‖−p_k⊕x‖²)‖a_k‖)), λ_p = 2/(1 − ‖p‖²).
 * All over the last axis. Keep ‖x‖ away from 0 and 1. (H4G's learnable block-diagonal scalings are not included.)
 */
public final class Hyperbolic {
    public static final CatalogInfo INFO = new CatalogInfo("E23", "Hyperbolic layers (clipping, exp/log maps, Möbius ops, hyperbolic MLR)", "encoder", "T2",
            "Ganea et al. 2018, Hyperbolic Neural Networks; Hyp-OC; H4G",
            "expmap₀(x) = tanh(‖x‖)x/‖x‖; M⊗x = tanh(‖Mx‖/‖x‖·artanh‖x‖)Mx/‖Mx‖; hyperbolic MLR");

    private Hyperbolic() {
    }

    private static Tensor norm(Tensor x) {
        return x.norm(x.rank() - 1, true).clampMin(1e-15);
    }

    /** r / t elementwise. */
    private static Tensor over(double r, Tensor t) {
        return Tensor.full(t.dtype(), r).div(t);
    }

    private static Tensor artanh(Tensor z) {
        return z.log1p().sub(z.neg().log1p()).mul(0.5);
    }

    private static Tensor asinh(Tensor z) {
        return z.add(z.mul(z).add(1.0).sqrt()).log();
    }

    /** x·min(1, r/‖x‖). */
    public static Tensor clip(Tensor x, double r) {
        return x.mul(over(r, norm(x).clampMin(r)));
    }

    public static Tensor expmap0(Tensor v) {
        Tensor n = norm(v);
        return v.mul(n.tanh().div(n));
    }

    public static Tensor logmap0(Tensor y) {
        Tensor n = norm(y);
        return y.mul(artanh(n).div(n));
    }

    public static Tensor mobiusAdd(Tensor x, Tensor y) {
        int a = Math.max(x.rank(), y.rank()) - 1;
        Tensor xy = x.mul(y).sum(new int[]{a}, true);
        Tensor x2 = x.mul(x).sum(new int[]{x.rank() - 1}, true), y2 = y.mul(y).sum(new int[]{y.rank() - 1}, true);
        Tensor num = x.mul(xy.mul(2).add(y2).add(1.0)).add(y.mul(x2.affine(-1, 1)));
        return num.div(xy.mul(2).add(x2.mul(y2)).add(1.0));
    }

    /** M⊗x with {@code m [out, in]} (Linear layout). */
    public static Tensor mobiusMatVec(Tensor m, Tensor x) {
        Tensor mx = x.matmul(m, false, true);
        Tensor xn = norm(x), mxn = norm(mx);
        return mx.mul(mxn.div(xn).mul(artanh(xn)).tanh().div(mxn));
    }

    /** A hyperbolic linear layer: (M⊗x) ⊕ b with b = expmap₀(bias). Parameters {@code weight [out, in]}, {@code bias [out]}. */
    public static final class Linear extends Module {
        private final Tensor weight, bias;

        public Linear(int in, int out, DType dtype, Rng rng) {
            this.weight = param("weight", Init.xavierUniform(dtype, rng, 1.0, out, in));
            this.bias = param("bias", Init.normal(dtype, rng, 0, 0.01, out));
        }

        @Override
        public Tensor forward(Tensor x) {
            return mobiusAdd(mobiusMatVec(weight, x), expmap0(bias.unsqueeze(0)));
        }
    }

    /** Hyperbolic multinomial logistic regression: {@code x [B, D]} on the ball → logits {@code [B, C]}. Parameters p (tangent at 0, mapped by expmap₀) and a. */
    public static final class MLR extends Module {
        private final Tensor p, a;

        public MLR(int dim, int classes, DType dtype, Rng rng) {
            this.p = param("p", Init.normal(dtype, rng, 0, 0.05, classes, dim));
            this.a = param("a", Init.xavierUniform(dtype, rng, 1.0, classes, dim));
        }

        @Override
        public Tensor forward(Tensor x) {
            int b = x.dim(0), c = p.dim(0), d = p.dim(1);
            Tensor pk = expmap0(p).reshape(1, c, d);
            Tensor z = mobiusAdd(pk.neg(), x.reshape(b, 1, d)); // [B, C, D]
            Tensor an = a.norm(1, false).clampMin(1e-15).reshape(1, c);
            Tensor z2 = z.mul(z).sum(2);
            Tensor arg = z.mul(a.reshape(1, c, d)).sum(2).mul(2).div(z2.affine(-1, 1).mul(an));
            Tensor lambda = over(2, pk.mul(pk).sum(2).affine(-1, 1)); // [1, C]
            return lambda.mul(an).mul(asinh(arg));
        }
    }
}
