package io.contrast4j.samplers.weighting;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * S414 · Weight-aware distillation with PMI weights, WAD (Du et al. 2023, <i>Semi-Supervised Learning via Weight-aware
 * Distillation under Class Distribution Mismatch</i>). From similarities s_uc of unlabelled samples u to class
 * prototypes in a contrastive space: p(c|u) = softmax_c(s_uc/τ), p(c) = mean_u p(c|u), PMI(u,c) = log p(c|u)/p(c)
 * (= log p(u,c)/(p(u)p(c))); pseudo-label ŷ_u = argmax_c PMI; weight w_u = clip(max_c PMI / log C, 0, 1), so samples
 * with low PMI (likely unknown classes) are filtered. Loss: labelled CE + Σ_u w_u·CE(f(u), ŷ_u) (weights via R11).
 * Formula not verified against the paper: follows CATALOG.md ([K?]; the normalisation by log C is this
 * implementation's choice). Defaults: τ = 0.1.
 */
public final class PmiWeights implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S414", "Weight-aware distillation with PMI weights (WAD)", "reweighting", "T2",
            "Du et al. 2023, Semi-Supervised Learning via Weight-aware Distillation under Class Distribution Mismatch",
            "PMI(u,c) = log p(c|u)/p(c); ŷ = argmax PMI; w = clip(max PMI / log C, 0, 1)");

    /** Pseudo-labels, weights and the PMI matrix. */
    public record Result(int[] pseudoLabels, double[] weights, double[][] pmi) {
    }

    private final double tau;

    public PmiWeights(double tau) {
        this.tau = Quotas.positive("S414", "tau", tau);
    }

    public PmiWeights() {
        this(0.1);
    }

    public Result compute(double[][] sims) {
        if (sims == null || sims.length == 0) throw new IllegalArgumentException("S414: sims must hold at least one row");
        int n = sims.length, c = sims[0].length;
        if (c < 2) throw new IllegalArgumentException("S414: need at least 2 classes, got " + c);
        double[][] p = new double[n][];
        double[] pc = new double[c];
        for (int u = 0; u < n; u++) {
            if (sims[u].length != c) throw new IllegalArgumentException("S414: sims[" + u + "] has " + sims[u].length + " classes, expected " + c);
            SampleWeighter.checkFinite("S414", sims[u]);
            p[u] = Quotas.softmax(sims[u], tau);
            for (int k = 0; k < c; k++) pc[k] += p[u][k] / n;
        }
        int[] y = new int[n];
        double[] w = new double[n];
        double[][] pmi = new double[n][c];
        for (int u = 0; u < n; u++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                pmi[u][k] = Math.log(p[u][k] / pc[k]);
                if (pmi[u][k] > best) {
                    best = pmi[u][k];
                    y[u] = k;
                }
            }
            w[u] = Math.min(1, Math.max(0, best / Math.log(c)));
        }
        return new Result(y, w, pmi);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("tau", String.valueOf(tau));
        return m;
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats("sims", "U x C", "similarity of each unlabelled sample to each class prototype"));
    }
}
