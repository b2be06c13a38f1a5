package io.contrast4j.samplers.corpus;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.CatalogInfo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * S218 · Diversity-aware negative selection with Soft-NMS decay (Bodla et al. 2017, <i>Soft-NMS — Improving Object
 * Detection With One Line of Code</i>), with o_i = sim(candidate_i, M) in place of IoU: greedily pick the
 * highest-scoring remaining candidate M, then decay every other s_i ← s_i·e^{−o_i²/σ} (Gaussian) or, for
 * {@code linear}, s_i ← s_i·(1 − o_i) when o_i ≥ N_t; repeat until k are picked. Deterministic (no randomness).
 * Defaults: Gaussian, σ = 0.5; linear N_t = 0.3.
 */
public final class SoftNmsSelector implements NegativeSelector {
    public static final CatalogInfo INFO = new CatalogInfo("S218", "Diversity-aware negative selection (Soft-NMS decay)", "corpus-mining", "T2",
            "Bodla et al. 2017, Soft-NMS — Improving Object Detection With One Line of Code",
            "pick argmax s; s_i ← s_i·exp(−o_i²/σ) (or s_i(1−o_i) if o_i ≥ N_t), o_i = cos(n_i, M)");
    private final DocSimilarity docs;
    private final boolean linear;
    private final double sigma;
    private final double nt;

    public SoftNmsSelector(DocSimilarity docs, boolean linear, double sigma, double nt) {
        if (docs == null) throw new IllegalArgumentException("parameter 'docs' must not be null");
        if (!(sigma > 0) || Double.isInfinite(sigma)) throw new IllegalArgumentException("parameter 'sigma' must be > 0, got " + sigma);
        FalseNegativeFilter.finite("nt", nt);
        this.docs = docs;
        this.linear = linear;
        this.sigma = sigma;
        this.nt = nt;
    }

    public static SoftNmsSelector gaussian(DocSimilarity docs) {
        return new SoftNmsSelector(docs, false, 0.5, 0.3);
    }

    @Override
    public int[] select(QueryCandidates c, int k, Rng rng) {
        int n = c.size(), m = Math.min(k, n);
        double[] s = c.scores().clone();
        boolean[] taken = new boolean[n];
        int[] out = new int[m];
        for (int t = 0; t < m; t++) {
            int best = -1;
            for (int i = 0; i < n; i++) if (!taken[i] && (best < 0 || s[i] > s[best])) best = i;
            taken[best] = true;
            out[t] = best;
            for (int i = 0; i < n; i++) {
                if (taken[i]) continue;
                double o = docs.similarity(c.ids()[best], c.ids()[i]);
                if (linear) {
                    if (o >= nt) s[i] = s[i] * (1 - o);
                } else {
                    s[i] = s[i] * Math.exp(-o * o / sigma);
                }
            }
        }
        return out;
    }

    @Override
    public String name() {
        return "soft_nms";
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("method", linear ? "linear" : "gaussian");
        m.put("sigma", String.valueOf(sigma));
        m.put("nt", String.valueOf(nt));
        return m;
    }
}
