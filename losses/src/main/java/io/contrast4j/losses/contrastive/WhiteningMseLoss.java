package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.DType;
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
 * L133 · Whitening MSE (W-MSE) — Ermolov et al., <i>Whitening for Self-Supervised Representation Learning</i> (ICML 2021).
 * The 2B embeddings of both views (rows of {@code anchors} then {@code positives}) are whitened together:
 * v = W(z − μ) with W Σ Wᵀ = I; L = mean_i ‖v̂_{a_i} − v̂_{p_i}‖² (v̂ = v/‖v‖), i.e. mean_i (2 − 2cos).
 * <p>Whitening: the paper uses W = L⁻¹ with Σ = LLᵀ (Cholesky). Here W = (Σ + εI)^{−1/2} (ZCA) from the coupled
 * Newton–Schulz iteration, written with tape matmuls so autograd differentiates it without a custom backward:
 * A = (Σ + εI)/‖Σ + εI‖_F, Y₀ = A, Z₀ = I, T = (3I − Z_k Y_k)/2, Y_{k+1} = Y_k T, Z_{k+1} = T Z_k; Z_K ≈ A^{−1/2}, so
 * W = Z_K/√‖Σ + εI‖_F. ZCA and Cholesky whitening differ by an orthogonal matrix (W_zca = R·L⁻¹), which leaves every
 * ‖v̂_i − v̂_j‖ unchanged, so the loss equals the paper's up to the iteration's convergence (K iterations, exact at
 * K → ∞; the gradient is that of the K-step function). Σ = (1/(2B − 1))·Σ_i (z_i − μ)(z_i − μ)ᵀ.
 * Defaults: ε = 1e-4 ([K] the paper adds no ε to its Cholesky; ε keeps Σ invertible), K = 30 iterations; needs 2B &gt; D.
 * The paper's sub-batching (w_size) and multiple positives are done by the caller (one call per sub-batch).
 */
public final class WhiteningMseLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L133", "Whitening MSE (W-MSE)", "contrastive", "T2",
            "Ermolov et al. 2021, Whitening for Self-Supervised Representation Learning",
            "v = Σ^{-1/2}(z − μ) (Newton–Schulz); L = mean ‖v̂_a − v̂_p‖²");
    private final double eps;
    private final int iterations;

    public WhiteningMseLoss(double eps, int iterations) {
        if (!(eps >= 0)) throw new IllegalArgumentException("parameter 'eps' must be >= 0, got " + eps);
        if (iterations < 1) throw new IllegalArgumentException("parameter 'iterations' must be >= 1, got " + iterations);
        this.eps = eps;
        this.iterations = iterations;
    }

    public static WhiteningMseLoss fromParams(Params p) {
        p.checkKnown(Set.of("eps", "iterations", "dtype"));
        return new WhiteningMseLoss(p.getDouble("eps", 1e-4), p.getInt("iterations", 30));
    }

    /** (Σ + εI)^{−1/2} of a symmetric positive-definite D x D matrix by K coupled Newton–Schulz steps. */
    public static Tensor inverseSqrt(Tensor sigma, int iterations) {
        int d = sigma.dim(0);
        DType dt = sigma.dtype();
        Tensor eye = eye(d, dt);
        Tensor norm = sigma.mul(sigma).sum().sqrt();
        Tensor y = sigma.div(norm), z = eye;
        for (int k = 0; k < iterations; k++) {
            Tensor t = eye.mul(3).sub(z.matmul(y)).mul(0.5);
            y = y.matmul(t);
            z = t.matmul(z);
        }
        return z.div(norm.sqrt());
    }

    static Tensor eye(int d, DType dt) {
        double[] v = new double[d * d];
        for (int i = 0; i < d; i++) v[i * d + i] = 1;
        return Tensor.of(v, d, d).to(dt);
    }

    /** Whitened rows of z (N x D). */
    public Tensor whiten(Tensor z) {
        int n = z.dim(0), d = z.dim(1);
        if (n <= d) throw new IllegalArgumentException(INFO.id() + ": whitening needs more rows than dimensions (2B=" + n + ", D=" + d + ")");
        Tensor c = z.sub(z.mean(new int[]{0}, true));
        Tensor sigma = c.matmul(c, true, false).div(n - 1).add(eye(d, z.dtype()).mul(eps));
        return c.matmul(inverseSqrt(sigma, iterations));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor a = in.get(InfoNce.ANCHORS), p = in.get(InfoNce.POSITIVES);
        InfoNce.checkCols(INFO.id(), a, p, null);
        int b = a.dim(0);
        Tensor v = whiten(Tensor.concat(List.of(a, p), 0)).normalize(1);
        Tensor va = v.slice(0, 0, b), vp = v.slice(0, b, 2 * b);
        return va.sub(vp).square().sum(new int[]{1}, false).mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("eps", "1e-4", "iterations", "30");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(InfoNce.ANCHORS, "B x D", "first view embeddings"),
                Input.floats(InfoNce.POSITIVES, "B x D", "second view embeddings, row-aligned"));
    }
}
