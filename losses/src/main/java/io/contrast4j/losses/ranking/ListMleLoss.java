package io.contrast4j.losses.ranking;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * L209 · ListMLE / Position-aware ListMLE — Xia et al., <i>Listwise Approach to Learning to Rank: Theory and
 * Algorithm</i> (ICML 2008); Lan et al., <i>Position-Aware ListMLE</i> (UAI 2014); ST-CE {@code ListMLELoss},
 * {@code PListMLELoss}; importance-aware weights of <i>Sliding Windows Are Not the End</i> (orig. LLM).
 * Order π = input order ({@code respect_input_order}, default) or real candidates sorted by label descending; padded
 * slots (label ≤ −0.5 or mask 0) are dropped. log p_r = s_{π_r} − log Σ_{u≥r} e^{s_{π_u}} (a reverse cumulative
 * log-sum-exp, max-shifted — ST sums e^s unshifted); L = −mean_q Σ_r λ_r log p_r with λ = 1 ({@code weights=none},
 * ListMLE), λ_r = 2^{n−r} − 1 normalised to sum 1 (r 0-based, n = #real candidates; {@code plistmle}), or
 * λ_r = 1/log₂(r+1) (r 1-based; {@code importance}, formula not verified against the paper: follows CATALOG.md).
 * π is constant (no gradient). Defaults: weights none, respect_input_order true.
 */
public final class ListMleLoss implements Loss {
    public static final CatalogInfo INFO = new CatalogInfo("L209", "ListMLE / Position-aware ListMLE", "ranking", "T1",
            "Xia et al. 2008, Listwise Approach to Learning to Rank; Lan et al. 2014, Position-Aware ListMLE; ST-CE ListMLELoss, PListMLELoss",
            "L = -mean_q sum_r lambda_r (s_pi_r - log sum_{u>=r} e^{s_pi_u})");
    public enum Weights { NONE, PLISTMLE, IMPORTANCE }
    private final Weights weights;
    private final boolean respectInputOrder;

    public ListMleLoss(Weights weights, boolean respectInputOrder) {
        this.weights = weights;
        this.respectInputOrder = respectInputOrder;
    }

    public static ListMleLoss fromParams(Params p) {
        p.checkKnown(Set.of("weights", "respect_input_order", "dtype"));
        Weights w;
        try {
            w = Weights.valueOf(p.getString("weights", "none").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter 'weights' must be none, plistmle or importance; got '" + p.getString("weights", "") + "'");
        }
        return new ListMleLoss(w, p.getBoolean("respect_input_order", true));
    }

    @Override
    public Tensor compute(LossInputs in) {
        in.validate(INFO.id(), inputs());
        Tensor s = Lists.scores(INFO.id(), in);
        Tensor y = in.has(Lists.LABELS) ? Lists.like(INFO.id(), in, Lists.LABELS, s) : null;
        if (y == null && !respectInputOrder) throw new IllegalArgumentException("L209: respect_input_order=false needs the 'labels' input");
        boolean[][] valid = Lists.valid(INFO.id(), in, s, y);
        int b = s.dim(0), c = s.dim(1);
        int[] perm = respectInputOrder ? Lists.inputOrder(valid) : Lists.orderDesc(Lists.host(y), valid);
        Tensor sp = Lists.permute(s, perm);
        // M[q, r, u] = 1 if u ≥ r and u real; padded rows r keep only u = r (log p = 0, weight 0)
        double[] m = new double[b * c * c], lam = new double[b * c];
        int rows = 0;
        for (int q = 0; q < b; q++) {
            int n = Lists.count(valid[q]);
            if (n > 0) rows++;
            double norm = 0;
            for (int r = 0; r < n; r++) {
                lam[q * c + r] = switch (weights) {
                    case NONE -> 1;
                    case PLISTMLE -> Math.pow(2, n - r) - 1;
                    case IMPORTANCE -> Math.log(2) / Math.log(r + 2);
                };
                norm += lam[q * c + r];
            }
            if (weights == Weights.PLISTMLE && norm > 0) for (int r = 0; r < n; r++) lam[q * c + r] /= norm;
            for (int r = 0; r < c; r++) {
                if (r < n) for (int u = r; u < n; u++) m[(q * c + r) * c + u] = 1;
                else m[(q * c + r) * c + r] = 1;
            }
        }
        if (rows == 0) return LossInputs.zeroLoss(s);
        Tensor mask = Tensor.of(m, b, c, c).to(s.dtype());
        Tensor expanded = sp.unsqueeze(1).broadcastTo(b, c, c);
        Tensor lse = Tensor.where(mask, expanded, Tensor.full(s.dtype(), Double.NEGATIVE_INFINITY)).logsumexp(2);
        Tensor logp = sp.sub(lse);
        return logp.mul(Tensor.of(lam, b, c).to(s.dtype())).sum().div(-rows);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("weights", "none", "respect_input_order", "true");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Lists.scoresInput(), Lists.labelsInput().asOptional(), Lists.maskInput());
    }
}
