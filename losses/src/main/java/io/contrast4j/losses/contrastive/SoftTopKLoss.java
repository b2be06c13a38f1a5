package io.contrast4j.losses.contrastive;

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
 * L114 · Soft top-k loss (DEXML) — Gupta et al., <i>Dual-Encoders for Extreme Multi-Label Classification</i> (ICLR 2024),
 * DEXML {@code utils/topk_utils.py} (as described in CATALOG.md; the repository file itself was not found by search:
 * formula not verified against the paper's code: follows CATALOG.md).
 * Per query: the offset t solves Σ_l σ(α(s_l + t)) = k (bisection to 1e-13); m_l = σ(α(s_l + t));
 * L = −mean_q (1/|P_q|) Σ_{l∈P_q} log m_l over queries with positives.
 * Backward by implicit differentiation, written with tape ops instead of a custom op: t enters as
 * t* − Σ_j sg(v_j)(s_j − sg(s_j))/sg(Σv), v = α·σ'(α(s + t*)), whose value is t* and whose gradient is ∂t/∂s = −v/Σv,
 * so ∂m/∂s = α σ'·(I − 1 v ᵀ/Σv), the catalog's J = diag(v) − v vᵀ/Σv.
 * Inputs: {@code scores} (B x L), {@code targets} (B x L multi-hot). Defaults: k = 5, α = 1 (must have k &lt; L).
 */
public final class SoftTopKLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L114", "Soft top-k loss (DEXML)", "contrastive", "T2",
            "Gupta et al. 2024, Dual-Encoders for Extreme Multi-Label Classification; DEXML topk_utils",
            "m_l = σ(α(s_l + t)), Σ_l m_l = k; L = −mean_q 1/|P_q| Σ_{l∈P_q} log m_l");
    public static final String SCORES = "scores";
    public static final String TARGETS = "targets";
    private final int k;
    private final double alpha;

    public SoftTopKLoss(int k, double alpha) {
        if (k < 1) throw new IllegalArgumentException("parameter 'k' must be >= 1, got " + k);
        if (!(alpha > 0)) throw new IllegalArgumentException("parameter 'alpha' must be > 0, got " + alpha);
        this.k = k;
        this.alpha = alpha;
    }

    public static SoftTopKLoss fromParams(Params p) {
        p.checkKnown(Set.of("k", "alpha", "dtype"));
        return new SoftTopKLoss(p.getInt("k", 5), p.getPositive("alpha", 1));
    }

    static double sig(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    /** The offset t with Σ_l σ(α(s_l + t)) = k, by bisection. */
    double offset(double[] s, int from, int len) {
        double mx = Double.NEGATIVE_INFINITY, mn = Double.POSITIVE_INFINITY;
        for (int j = 0; j < len; j++) {
            mx = Math.max(mx, s[from + j]);
            mn = Math.min(mn, s[from + j]);
        }
        double lo = -mx - 50 / alpha, hi = -mn + 50 / alpha;
        for (int it = 0; it < 200 && hi - lo > 1e-13 * Math.max(1, Math.abs(lo)); it++) {
            double mid = 0.5 * (lo + hi), sum = 0;
            for (int j = 0; j < len; j++) sum += sig(alpha * (s[from + j] + mid));
            if (sum < k) lo = mid;
            else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /** The soft top-k mask m (B x L), differentiable in the scores. */
    public Tensor mask(Tensor scores) {
        int b = scores.dim(0), l = scores.dim(1);
        if (k >= l) throw new IllegalArgumentException(INFO.id() + ": k=" + k + " must be < the number of labels " + l);
        double[] s = scores.detach().toDoubleArray();
        double[] t = new double[b], v = new double[b * l], inv = new double[b];
        for (int i = 0; i < b; i++) {
            t[i] = offset(s, i * l, l);
            double sum = 0;
            for (int j = 0; j < l; j++) {
                double g = sig(alpha * (s[i * l + j] + t[i]));
                v[i * l + j] = alpha * g * (1 - g);
                sum += v[i * l + j];
            }
            inv[i] = 1 / sum;
        }
        var dt = scores.dtype();
        Tensor vT = Tensor.of(v, b, l).to(dt), tT = Tensor.of(t, b, 1).to(dt);
        Tensor tDiff = tT.sub(vT.mul(scores.sub(scores.detach())).sum(new int[]{1}, true).mul(Tensor.of(inv, b, 1).to(dt)));
        return scores.add(tDiff).mul(alpha).sigmoid();
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor s = in.get(SCORES), y = in.get(TARGETS);
        int b = s.dim(0), l = s.dim(1);
        if (y.dim(0) != b || y.dim(1) != l) throw new IllegalArgumentException(INFO.id() + ": targets must be " + b + " x " + l);
        int[] yv = y.toIntArray();
        double[] w = new double[b * l];
        int queries = 0;
        for (int i = 0; i < b; i++) {
            int c = 0;
            for (int j = 0; j < l; j++) if (yv[i * l + j] != 0) c++;
            if (c > 0) queries++;
            for (int j = 0; j < l; j++) if (yv[i * l + j] != 0) w[i * l + j] = 1.0 / c;
        }
        if (queries == 0) return LossInputs.zeroLoss(s);
        Tensor logm = mask(s).log();
        return logm.mul(Tensor.of(w, b, l).to(s.dtype())).sum().div(-queries);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("k", "5", "alpha", "1");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats(SCORES, "B x L", "per-query label scores"),
                Input.ints(TARGETS, "B x L", "multi-hot positives"));
    }
}
