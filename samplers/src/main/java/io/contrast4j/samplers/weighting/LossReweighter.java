package io.contrast4j.samplers.weighting;

import io.contrast4j.autograd.registry.CatalogInfo;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * S401 · Online loss-based instance re-weighting (Sow et al. 2025, <i>Dynamic Loss-Based Sample Reweighting for
 * Improved Large Language Model Pretraining</i>; [V] DataFlex {@code LossWeighter} form, CATALOG.md §0.8).
 * Per batch: ℓ̃_i = δ(2ℓ_i − ℓ_max − ℓ_min)/(ℓ_max − ℓ_min) ∈ [−δ, δ] (0 when all losses are equal); score g =
 * min(ℓ̃ + δ, δ) (LINUPPER), 1 − ℓ̃²/δ² (QUADRATIC) or |ℓ̃| (EXTREMES); w = softmax(g/r) over the batch (Σw = 1, so
 * L = Σ w_i ℓ_i, R11 "sum"). LOREUN (<i>LoReUn</i>, [K?], formula not verified against the paper: follows
 * CATALOG.md): w = softmax(−ℓ/r). Defaults: LINUPPER, r = 1, δ = 1.
 */
public final class LossReweighter implements SampleWeighter {
    public static final CatalogInfo INFO = new CatalogInfo("S401", "Online loss-based instance re-weighting (LinUpper / Quadratic / Extremes; LoReUn)", "reweighting", "T2",
            "Sow et al. 2025, Dynamic Loss-Based Sample Reweighting for Improved LLM Pretraining (DataFlex LossWeighter); LoReUn",
            "ℓ̃ = δ(2ℓ−ℓmax−ℓmin)/(ℓmax−ℓmin); g = min(ℓ̃+δ, δ) | 1−ℓ̃²/δ² | |ℓ̃|; w = softmax(g/r)");

    public enum Strategy { LINUPPER, QUADRATIC, EXTREMES, LOREUN }

    private final Strategy strategy;
    private final double r;
    private final double delta;

    public LossReweighter(Strategy strategy, double r, double delta) {
        if (strategy == null) throw new IllegalArgumentException("parameter 'strategy' must not be null");
        if (!(r > 0) || Double.isInfinite(r)) throw new IllegalArgumentException("parameter 'r' must be > 0, got " + r);
        if (!(delta > 0) || Double.isInfinite(delta)) throw new IllegalArgumentException("parameter 'delta' must be > 0, got " + delta);
        this.strategy = strategy;
        this.r = r;
        this.delta = delta;
    }

    public LossReweighter() {
        this(Strategy.LINUPPER, 1, 1);
    }

    public static Strategy strategy(String s) {
        try {
            return Strategy.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter 'strategy' must be linupper, quadratic, extremes or loreun, got '" + s + "'");
        }
    }

    @Override
    public double[] weights(double[] losses) {
        SampleWeighter.checkFinite(INFO.id(), losses);
        int n = losses.length;
        if (n == 0) return new double[0];
        double max = Double.NEGATIVE_INFINITY, min = Double.POSITIVE_INFINITY;
        for (double l : losses) {
            max = Math.max(max, l);
            min = Math.min(min, l);
        }
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            double t = max > min ? delta * (2 * losses[i] - max - min) / (max - min) : 0;
            g[i] = switch (strategy) {
                case LINUPPER -> Math.min(t + delta, delta);
                case QUADRATIC -> 1 - t * t / (delta * delta);
                case EXTREMES -> Math.abs(t);
                case LOREUN -> -losses[i];
            } / r;
        }
        double m = Double.NEGATIVE_INFINITY;
        for (double v : g) m = Math.max(m, v);
        double z = 0;
        for (int i = 0; i < n; i++) z += g[i] = Math.exp(g[i] - m);
        for (int i = 0; i < n; i++) g[i] /= z;
        return g;
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("strategy", strategy.name().toLowerCase(Locale.ROOT));
        m.put("r", String.valueOf(r));
        m.put("delta", String.valueOf(delta));
        return m;
    }
}
