package io.contrast4j.nn.optim;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Grad;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;

import java.util.List;

/**
 * Spectral regulariser for plasticity (O19; Lewandowski et al., <i>Learning Continually by Spectral
 * Regularization</i>, 2024): R = Σ_l (σ_max(W_l)^k − 1)², σ_max by power iteration with persistent vectors
 * (u, v) per matrix, kept constant in the gradient (σ = uᵀWv, so ∂σ/∂W = uvᵀ). Default k = 2, one power
 * iteration per call (as spectral normalisation).
 */
public final class SpectralRegularizer {
    private final int k;
    private final double[][] us, vs;

    public SpectralRegularizer(List<Tensor> weights, int k, long seed) {
        if (k <= 0) throw new IllegalArgumentException("k must be > 0, got " + k);
        this.k = k;
        us = new double[weights.size()][];
        vs = new double[weights.size()][];
        Rng rng = new Rng(seed);
        for (int l = 0; l < weights.size(); l++) {
            Tensor w = weights.get(l);
            if (w.rank() != 2) throw new IllegalArgumentException("weights[" + l + "] must be a matrix, shape is " + java.util.Arrays.toString(w.shape()));
            vs[l] = new double[w.dim(1)];
            for (int i = 0; i < vs[l].length; i++) vs[l][i] = rng.nextGaussian();
            normalize(vs[l]);
            us[l] = new double[w.dim(0)];
        }
    }

    /** Runs {@code iterations} power iterations per matrix (u ← Wv/‖Wv‖, v ← Wᵀu/‖Wᵀu‖). */
    public void powerIterate(List<Tensor> weights, int iterations) {
        for (int l = 0; l < weights.size(); l++) {
            double[] w = weights.get(l).toDoubleArray();
            int m = us[l].length, n = vs[l].length;
            for (int it = 0; it < iterations; it++) {
                double[] u = us[l], v = vs[l];
                for (int i = 0; i < m; i++) {
                    double s = 0;
                    for (int j = 0; j < n; j++) s += w[i * n + j] * v[j];
                    u[i] = s;
                }
                normalize(u);
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int i = 0; i < m; i++) s += w[i * n + j] * u[i];
                    v[j] = s;
                }
                normalize(v);
            }
        }
    }

    private static void normalize(double[] x) {
        double s = 0;
        for (double v : x) s += v * v;
        s = Math.sqrt(s);
        if (s == 0) throw new IllegalStateException("power iteration hit a zero vector (zero weight matrix?)");
        for (int i = 0; i < x.length; i++) x[i] /= s;
    }

    /** One power iteration, then the penalty Σ_l (σ_l^k − 1)² with frozen (u, v). */
    public Tensor penalty(List<Tensor> weights) {
        return penalty(weights, 1);
    }

    public Tensor penalty(List<Tensor> weights, int iterations) {
        if (weights.size() != us.length) throw new IllegalArgumentException("weights: expected " + us.length + " matrices, got " + weights.size());
        try (var g = Grad.off()) {
            powerIterate(weights, iterations);
        }
        Tensor total = null;
        for (int l = 0; l < weights.size(); l++) {
            Tensor w = weights.get(l);
            DType dt = w.dtype();
            Tensor u = Tensor.of(us[l], 1, us[l].length).to(dt), v = Tensor.of(vs[l], vs[l].length, 1).to(dt);
            Tensor sigma = u.matmul(w).matmul(v).reshape();
            Tensor term = sigma.pow(k).sub(1.0).square();
            total = total == null ? term : total.add(term);
        }
        return total;
    }

    /** Current σ_max estimates uᵀWv. */
    public double sigma(List<Tensor> weights, int l) {
        double[] w = weights.get(l).toDoubleArray();
        int n = vs[l].length;
        double s = 0;
        for (int i = 0; i < us[l].length; i++) for (int j = 0; j < n; j++) s += us[l][i] * w[i * n + j] * vs[l][j];
        return s;
    }
}
