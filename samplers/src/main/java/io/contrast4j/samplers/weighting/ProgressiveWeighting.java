package io.contrast4j.samplers.weighting;

import io.contrast4j.autograd.registry.CatalogInfo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * S403 · Progressive sample weighting with massive negatives, PEG (Wu et al. 2023, <i>Towards Robust Text Retrieval
 * with Progressive Learning</i>). The paper's rule is not public in the notes ([K?], rule unknown); this is the
 * catalog's documented reading, formula not verified against the paper: follows CATALOG.md. With p_i the model's
 * probability of sample i's positive (p_i = exp(−ℓ_i) for an InfoNCE loss ℓ_i = −log p_i) and training progress
 * t ∈ [0, 1]: w_i(t) = p_i^{γ(t)} normalised to mean 1, γ(t) = γ₀ + t(γ₁ − γ₀), so emphasis moves from easy
 * (high p) to hard (low p) samples. Defaults: γ₀ = 1, γ₁ = −1, t = 0. Massive negatives come from S111/O03.
 */
public final class ProgressiveWeighting implements SampleWeighter {
    public static final CatalogInfo INFO = new CatalogInfo("S403", "Progressive sample weighting with massive negatives (PEG)", "reweighting", "T2",
            "Wu et al. 2023, Towards Robust Text Retrieval with Progressive Learning",
            "w_i = p_i^γ(t) / mean, γ(t) = γ0 + t(γ1 − γ0), p_i = exp(−ℓ_i)");
    private final double gamma0, gamma1, progress;

    public ProgressiveWeighting(double gamma0, double gamma1, double progress) {
        if (!Double.isFinite(gamma0)) throw new IllegalArgumentException("S403: parameter 'gamma0' must be finite, got " + gamma0);
        if (!Double.isFinite(gamma1)) throw new IllegalArgumentException("S403: parameter 'gamma1' must be finite, got " + gamma1);
        if (!(progress >= 0 && progress <= 1)) throw new IllegalArgumentException("S403: parameter 'progress' must be in [0, 1], got " + progress);
        this.gamma0 = gamma0;
        this.gamma1 = gamma1;
        this.progress = progress;
    }

    public ProgressiveWeighting() {
        this(1, -1, 0);
    }

    /** The same schedule at progress t (e.g. step / total steps). */
    public ProgressiveWeighting at(double t) {
        return new ProgressiveWeighting(gamma0, gamma1, t);
    }

    public double gamma() {
        return gamma0 + progress * (gamma1 - gamma0);
    }

    /** Weights from per-sample losses ℓ_i = −log p_i: w_i ∝ exp(−γ ℓ_i), mean 1. */
    @Override
    public double[] weights(double[] losses) {
        SampleWeighter.checkFinite(INFO.id(), losses);
        int n = losses.length;
        double g = gamma(), max = Double.NEGATIVE_INFINITY;
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            if (losses[i] < 0) throw new IllegalArgumentException("S403: losses[" + i + "] must be >= 0 (−log p), got " + losses[i]);
            w[i] = -g * losses[i];
            max = Math.max(max, w[i]);
        }
        double s = 0;
        for (int i = 0; i < n; i++) s += w[i] = Math.exp(w[i] - max);
        for (int i = 0; i < n; i++) w[i] *= n / s;
        return w;
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("gamma0", String.valueOf(gamma0));
        m.put("gamma1", String.valueOf(gamma1));
        m.put("progress", String.valueOf(progress));
        return m;
    }
}
