package io.contrast4j.nn.components;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.nn.Module;
import io.contrast4j.nn.init.Init;
import io.contrast4j.nn.layers.Linear;

import java.util.Arrays;

/**
 * Softmax-free Gaussian-kernel linear attention, SOFT (catalog E20, T2; Lu et al., <i>SOFT: Softmax-free Transformer
 * with Linear Complexity</i>, NeurIPS 2021 and <i>Softmax-free Linear Transformers</i>, IJCV 2024; checked against
 * the official {@code fudan-zvg/SOFT} {@code softmax_free_transformer.py}). Per head, Q = K = x W_q scaled by
 * d_h^{−1/4} so that S(a, b) = exp(−‖a − b‖²/2) = exp(−‖q_i − k_j‖²/(2√d_h)); landmarks Q̃ (m rows) = masked means
 * of Q over m contiguous segments (the official code uses a strided conv + LayerNorm + GELU; the catalog's "pooled
 * tokens" is followed); Ŝ V = S(Q, Q̃)·pinv(S(Q̃, Q̃))·(S(Q̃, Q)·V), evaluated right to left (linear in T); padded
 * keys are dropped by zeroing their V rows. pinv by Newton iteration A_{k+1} = 2A_k − A_k B A_k from A_0 = αB,
 * α = 1/(max row sum of B)², halved while ‖I − BA_0‖₁ > 1.01 (at most 10 times; α a constant). The official code
 * starts from 2/(max row sum)², which puts the top eigenvalue of I − αB² exactly on −1 (no convergence) whenever the
 * row sums are equal (e.g. any 2×2 kernel matrix); 1/(…)² keeps every residual eigenvalue in [0, 1). Optional symmetric
 * normalisation (the IJCV "norm" variant): pinv ← D^{−1/2} pinv D^{−1/2} with D = rowsum S(Q̃, Q̃). Then W_o.
 * The gradient is that of the unrolled Newton iteration (the paper's custom pinv backward is not used).
 * Defaults: 16 landmarks, 20 Newton iterations, no normalisation.
 */
public final class SoftAttention extends Module {
    public static final CatalogInfo INFO = new CatalogInfo("E20", "Softmax-free Gaussian-kernel linear attention (SOFT)", "encoder", "T2",
            "Lu et al. 2021, SOFT: Softmax-free Transformer with Linear Complexity; Softmax-free Linear Transformers (IJCV 2024)",
            "S_ij = exp(−‖q_i − q_j‖²/(2√d)); Ŝ = S(Q,Q̃)·pinv(S(Q̃,Q̃))·S(Q̃,Q), pinv by Newton A ← 2A − ABA; out = ŜV");

    private final int dModel, heads, headDim, landmarks, iterations;
    private final boolean symmetricNorm;
    private final Linear wq, wv, wo;

    public SoftAttention(int dModel, int heads, int landmarks, int iterations, boolean symmetricNorm, DType dtype, Rng rng) {
        if (heads <= 0 || dModel % heads != 0) throw new IllegalArgumentException("SoftAttention: heads (" + heads + ") must divide dModel (" + dModel + ")");
        if (landmarks < 1) throw new IllegalArgumentException("SoftAttention: landmarks must be >= 1, got " + landmarks);
        if (iterations < 0) throw new IllegalArgumentException("SoftAttention: iterations must be >= 0, got " + iterations);
        this.dModel = dModel;
        this.heads = heads;
        this.headDim = dModel / heads;
        this.landmarks = landmarks;
        this.iterations = iterations;
        this.symmetricNorm = symmetricNorm;
        this.wq = child("wq", new Linear(dModel, dModel, true, dtype, rng, Init.xavierUniform(1.0)));
        this.wv = child("wv", new Linear(dModel, dModel, true, dtype, rng, Init.xavierUniform(1.0)));
        this.wo = child("wo", new Linear(dModel, dModel, true, dtype, rng, Init.xavierUniform(1.0)));
    }

    @Override
    public Tensor forward(Tensor x) {
        return forward(x, Tensor.ones(x.dtype(), x.dim(0), x.dim(1)));
    }

    /** {@code x [B, T, D]}, {@code mask [B, T]} → {@code [B, T, D]}; needs T ≥ landmarks. */
    public Tensor forward(Tensor x, Tensor mask) {
        int[] s = x.shape();
        if (s.length != 3 || s[2] != dModel) throw new IllegalArgumentException("SoftAttention: input must be [B, T, " + dModel + "], got " + Arrays.toString(s));
        int b = s[0], t = s[1];
        if (!Arrays.equals(mask.shape(), new int[]{b, t})) throw new IllegalArgumentException("SoftAttention: mask must be [" + b + ", " + t + "], got " + Arrays.toString(mask.shape()));
        if (t < landmarks) throw new IllegalArgumentException("SoftAttention: sequence length " + t + " < landmarks " + landmarks);
        Tensor x2 = x.reshape(b * t, dModel);
        Tensor q = heads(wq.forward(x2), b, t).mul(Math.pow(headDim, -0.25));
        Tensor m = mask.detach().to(x.dtype());
        Tensor v = heads(wv.forward(x2), b, t).mul(m.reshape(b, 1, t, 1).broadcastTo(b, heads, t, 1).reshape(b * heads, t, 1));
        Tensor ql = landmarkPooling(m.toDoubleArray(), b, t, x.dtype()).matmul(q); // [BH, m, dh]
        Tensor k1 = kernel(q, ql);                  // [BH, T, m]
        Tensor k2 = kernel(ql, ql);                 // [BH, m, m]
        Tensor inv = newtonPinv(k2, iterations);
        if (symmetricNorm) {
            Tensor d = k2.sum(new int[]{2}, true).pow(-0.5); // [BH, m, 1]
            inv = inv.mul(d).mul(d.reshape(b * heads, 1, landmarks));
        }
        Tensor ctx = k1.matmul(inv.matmul(k1.matmul(v, true, false))); // [BH, T, dh]
        return wo.forward(ctx.reshape(b, heads, t, headDim).permute(0, 2, 1, 3).reshape(b * t, dModel)).reshape(b, t, dModel);
    }

    private Tensor heads(Tensor y, int b, int t) {
        return y.reshape(b, t, heads, headDim).permute(0, 2, 1, 3).reshape(b * heads, t, headDim);
    }

    /** Constant {@code [B·H, m, T]} averaging matrix: landmark j = masked mean of segment [⌊jT/m⌋, ⌊(j+1)T/m⌋). */
    private Tensor landmarkPooling(double[] mask, int b, int t, DType dtype) {
        int m = landmarks;
        double[] p = new double[b * heads * m * t];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < m; j++) {
                int lo = (int) ((long) j * t / m), hi = (int) ((long) (j + 1) * t / m);
                double cnt = 0;
                for (int u = lo; u < hi; u++) cnt += mask[i * t + u];
                if (cnt == 0) continue;
                for (int h = 0; h < heads; h++) for (int u = lo; u < hi; u++) p[(((i * heads + h) * m) + j) * t + u] = mask[i * t + u] / cnt;
            }
        }
        return Tensor.of(p, b * heads, m, t).to(dtype);
    }

    /** exp(−‖a_i − b_j‖²/2) for {@code a [N, n, d]}, {@code b [N, k, d]} → {@code [N, n, k]}. */
    public static Tensor kernel(Tensor a, Tensor b) {
        int n = a.dim(0);
        Tensor a2 = a.square().sum(new int[]{2}, true);                              // [N, n, 1]
        Tensor b2 = b.square().sum(new int[]{2}, true).reshape(n, 1, b.dim(1));      // [N, 1, k]
        return a2.add(b2).sub(a.matmul(b, false, true).mul(2)).mul(-0.5).exp();
    }

    /** Newton–Schulz pseudo-inverse of each {@code [N, m, m]} matrix (SOFT's {@code newton_inv}); α is a constant. */
    public static Tensor newtonPinv(Tensor bm, int iterations) {
        int n = bm.dim(0), m = bm.dim(1);
        double[] v = bm.toDoubleArray();
        double[] alpha = new double[n];
        for (int k = 0; k < n; k++) {
            double maxRow = 0;
            for (int i = 0; i < m; i++) {
                double r = 0;
                for (int j = 0; j < m; j++) r += v[(k * m + i) * m + j];
                maxRow = Math.max(maxRow, r);
            }
            double a = 1 / (maxRow * maxRow);
            for (int tries = 0; tries < 10 && residualNorm(v, k, m, a) > 1.01; tries++) a *= 0.5;
            alpha[k] = a;
        }
        Tensor a = bm.mul(Tensor.of(alpha, n, 1, 1).to(bm.dtype()));
        for (int it = 0; it < iterations; it++) a = a.mul(2).sub(a.matmul(bm).matmul(a));
        return a;
    }

    /** max column sum of |I − a·B²| for matrix k. */
    private static double residualNorm(double[] v, int k, int m, double a) {
        double worst = 0;
        for (int j = 0; j < m; j++) {
            double col = 0;
            for (int i = 0; i < m; i++) {
                double s = 0;
                for (int u = 0; u < m; u++) s += v[(k * m + i) * m + u] * v[(k * m + u) * m + j];
                col += Math.abs((i == j ? 1 : 0) - a * s);
            }
            worst = Math.max(worst, col);
        }
        return worst;
    }

    @Override
    protected String describe() {
        return "SoftAttention(d=" + dModel + ", heads=" + heads + ", landmarks=" + landmarks + ", newton=" + iterations + (symmetricNorm ? ", symNorm)" : ")");
    }
}
