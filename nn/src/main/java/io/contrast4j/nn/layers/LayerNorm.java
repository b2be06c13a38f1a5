package io.contrast4j.nn.layers;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.nn.Module;

import java.util.Arrays;

/**
 * Layer normalisation (Ba et al. 2016) over the last axis: y = (x − μ)/√(σ² + ε)·γ + β with the population variance;
 * γ = 1, β = 0 at init, ε = 1e-5 (PyTorch defaults). Catalog E02 (ST LayerNorm).
 */
public final class LayerNorm extends Module {
    private final int dim;
    private final double eps;
    private final Tensor gamma, beta;

    public LayerNorm(int dim, DType dtype) {
        this(dim, 1e-5, true, dtype);
    }

    public LayerNorm(int dim, double eps, boolean affine, DType dtype) {
        if (dim <= 0) throw new IllegalArgumentException("LayerNorm: dim must be > 0, got " + dim);
        if (!(eps > 0)) throw new IllegalArgumentException("LayerNorm: eps must be > 0, got " + eps);
        this.dim = dim;
        this.eps = eps;
        this.gamma = affine ? param("weight", Tensor.ones(dtype, dim)) : null;
        this.beta = affine ? param("bias", Tensor.zeros(dtype, dim)) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] s = x.shape();
        if (s.length == 0 || s[s.length - 1] != dim) throw new IllegalArgumentException("LayerNorm(" + dim + "): input shape " + Arrays.toString(s) + " must end in " + dim);
        int[] last = {-1};
        Tensor c = x.sub(x.mean(last, true));
        Tensor var = c.mul(c).mean(last, true);
        Tensor y = c.div(var.add(eps).sqrt());
        return gamma == null ? y : y.mul(gamma).add(beta);
    }

    @Override
    protected String describe() {
        return "LayerNorm(" + dim + ", eps=" + eps + ")";
    }
}
