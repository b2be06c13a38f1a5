package io.contrast4j.samplers.mixing;

import io.contrast4j.autograd.Grad;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * S307 · Pseudo-negative Gaussian class (Hyp-OC, the one-class losses of L327): keep a running mean μ of real
 * (single-class) features, μ ← m·μ + (1−m)·mean(batch) (the first batch sets μ), and draw pseudo-negatives
 * x ~ N(μ, σ²I) to train real vs pseudo-negative. Draws and μ are constants (detached, no gradient).
 * Defaults: momentum m = 0.9, σ = 1. Formula from CATALOG.md [K] (not verified against the paper's code).
 */
public final class PseudoNegatives implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S307", "Pseudo-negative Gaussian class", "mixing", "T2",
            "Hyp-OC: Hyperbolic one-class classification (s001)",
            "μ ← mμ + (1−m)·mean(real); pseudo-negatives ~ N(μ, σ²I), sg");
    private final double momentum;
    private final double sigma;
    private double[] mean;

    public PseudoNegatives(double momentum, double sigma) {
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("parameter 'momentum' must be in [0, 1), got " + momentum);
        this.momentum = momentum;
        this.sigma = Draws.positive("sigma", sigma);
    }

    public PseudoNegatives() {
        this(0.9, 1.0);
    }

    /** Updates the running mean with a batch of real features (N x D). */
    public void update(Tensor real) {
        if (real.rank() != 2 || real.dim(0) == 0) throw new IllegalArgumentException("S307: real features must be N x D with N >= 1");
        int n = real.dim(0), d = real.dim(1);
        double[] v;
        try (var g = Grad.off()) {
            v = real.detach().toDoubleArray();
        }
        if (mean != null && mean.length != d) throw new IllegalArgumentException("S307: feature dimension changed from " + mean.length + " to " + d);
        double[] bm = new double[d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) bm[j] += v[i * d + j] / n;
        if (mean == null) {
            mean = bm;
        } else {
            for (int j = 0; j < d; j++) mean[j] = momentum * mean[j] + (1 - momentum) * bm[j];
        }
    }

    public double[] mean() {
        if (mean == null) throw new IllegalStateException("S307: no features observed yet (call update first)");
        return mean.clone();
    }

    /** {@code n} pseudo-negatives n x D in {@code like}'s dtype, detached. */
    public Tensor sample(int n, Rng rng, Tensor like) {
        double[] mu = mean();
        if (n < 0) throw new IllegalArgumentException("parameter 'n' must be >= 0, got " + n);
        double[] out = new double[n * mu.length];
        for (int i = 0; i < n; i++) for (int j = 0; j < mu.length; j++) out[i * mu.length + j] = mu[j] + sigma * rng.nextGaussian();
        return Tensor.of(out, n, mu.length).to(like.dtype());
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("momentum", String.valueOf(momentum));
        m.put("sigma", String.valueOf(sigma));
        return m;
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats("real", "N x D", "real single-class features"));
    }
}
