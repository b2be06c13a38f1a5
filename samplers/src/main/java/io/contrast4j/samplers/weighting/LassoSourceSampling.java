package io.contrast4j.samplers.weighting;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * S420 · Lasso-based source-task sampling, A-MTRL (Wang et al. 2023, <i>Improved Active Multi-Task Representation
 * Learning via Lasso</i>). Regress the target-task head w_t (length D) on the source heads W_s (S x D) with an L1
 * penalty: ν = argmin ½‖w_t − Σ_s ν_s W_s‖² + λ‖ν‖₁ (cyclic coordinate descent, soft-thresholding); sample source
 * data sets ∝ |ν_s| (uniform if ν = 0). Port: which data sets to mix (S008) for a target domain. Formula not verified
 * against the paper: follows CATALOG.md ([K?]). Defaults: λ = 0.1, 200 sweeps.
 */
public final class LassoSourceSampling implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S420", "Lasso-based source-task sampling (A-MTRL)", "reweighting", "T2",
            "Wang et al. 2023, Improved Active Multi-Task Representation Learning via Lasso",
            "ν = argmin ½‖w_t − Σ ν_s w_s‖² + λ‖ν‖₁; sample sources ∝ |ν_s|");
    private final double lambda;
    private final int sweeps;

    public LassoSourceSampling(double lambda, int sweeps) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) throw new IllegalArgumentException("S420: parameter 'lambda' must be >= 0, got " + lambda);
        if (sweeps < 1) throw new IllegalArgumentException("S420: parameter 'sweeps' must be >= 1, got " + sweeps);
        this.lambda = lambda;
        this.sweeps = sweeps;
    }

    public LassoSourceSampling() {
        this(0.1, 200);
    }

    /** Lasso coefficients ν (length S). */
    public double[] coefficients(double[][] sources, double[] target) {
        if (sources == null || sources.length == 0) throw new IllegalArgumentException("S420: sources must hold at least one head");
        int s = sources.length, d = target.length;
        for (int k = 0; k < s; k++) if (sources[k].length != d) throw new IllegalArgumentException("S420: sources[" + k + "] has length " + sources[k].length + ", expected " + d);
        double[] nu = new double[s], r = target.clone(), sq = new double[s];
        for (int k = 0; k < s; k++) for (double v : sources[k]) sq[k] += v * v;
        for (int it = 0; it < sweeps; it++) {
            for (int k = 0; k < s; k++) {
                if (sq[k] == 0) continue;
                double rho = 0;
                for (int j = 0; j < d; j++) rho += sources[k][j] * (r[j] + sources[k][j] * nu[k]);
                double nv = Math.signum(rho) * Math.max(0, Math.abs(rho) - lambda) / sq[k];
                for (int j = 0; j < d; j++) r[j] -= sources[k][j] * (nv - nu[k]);
                nu[k] = nv;
            }
        }
        return nu;
    }

    /** Sampling probabilities ∝ |ν_s|. */
    public double[] probabilities(double[][] sources, double[] target) {
        double[] nu = coefficients(sources, target);
        double s = 0;
        for (double v : nu) s += Math.abs(v);
        double[] p = new double[nu.length];
        for (int k = 0; k < p.length; k++) p[k] = s > 0 ? Math.abs(nu[k]) / s : 1.0 / p.length;
        return p;
    }

    /** Source index per draw (n draws ∝ the probabilities). */
    public int[] draw(double[] probabilities, int n, Rng rng) {
        if (n < 0) throw new IllegalArgumentException("S420: parameter 'n' must be >= 0, got " + n);
        int[] out = new int[n];
        for (int t = 0; t < n; t++) {
            double u = rng.nextDouble();
            int k = 0;
            while (k < probabilities.length - 1 && (u -= probabilities[k]) >= 0) k++;
            out[t] = k;
        }
        return out;
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("lambda", String.valueOf(lambda));
        m.put("sweeps", String.valueOf(sweeps));
        return m;
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats("sources", "S x D", "source-task heads"), Input.floats("target", "D", "target-task head"));
    }
}
