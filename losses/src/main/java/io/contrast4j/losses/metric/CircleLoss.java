package io.contrast4j.losses.metric;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.distances.CosineSimilarity;
import io.contrast4j.losses.reducers.AvgNonZeroReducer;
import io.contrast4j.losses.reducers.LossTerms;
import io.contrast4j.losses.reducers.Reducer;

import java.util.Map;
import java.util.Set;

/**
 * L012 · Circle loss — Sun et al., <i>Circle Loss: A Unified Perspective of Pair Similarity Optimization</i> (CVPR
 * 2020); PML {@code CircleLoss}. O_p = 1 + m, O_n = −m, Δ_p = 1 − m, Δ_n = m;
 * logit_p = −γ·[O_p − sg(s_p)]₊·(s_p − Δ_p), logit_n = γ·[sg(s_n) − O_n]₊·(s_n − Δ_n);
 * ℓ_i = softplus(LSE_{P_i} logit_p + LSE_{N_i} logit_n); rows lacking positives or negatives give 0; R03.
 * The adaptive weights are detached (as in PML and the paper's code). Defaults: m = 0.4, γ = 80, cosine.
 */
public final class CircleLoss extends MetricLoss {
    public static final CatalogInfo INFO = new CatalogInfo("L012", "Circle loss", "metric-learning", "T1",
            "Sun et al. 2020, Circle Loss: A Unified Perspective of Pair Similarity Optimization; PML CircleLoss",
            "softplus(LSE_P −γ[O_p − s]+(s − Δ_p) + LSE_N γ[s − O_n]+(s − Δ_n))");
    private final double m, gamma;
    private final boolean detachWeights;

    public CircleLoss() {
        this(0.4, 80, true, new AvgNonZeroReducer());
    }

    /** {@code detachWeights = false} lets the gradient flow through the adaptive weights too (used by the registry's gradient check, where sg weights cannot be held at x₀). */
    public CircleLoss(double m, double gamma, boolean detachWeights, Reducer reducer) {
        super(new CosineSimilarity(), reducer);
        this.m = m;
        this.gamma = gamma;
        this.detachWeights = detachWeights;
    }

    public static CircleLoss fromParams(Params p) {
        p.checkKnown(Set.of("m", "gamma", "detach_weights", "dtype"));
        return new CircleLoss(p.getDouble("m", 0.4), p.getPositive("gamma", 80), p.getBoolean("detach_weights", true), new AvgNonZeroReducer());
    }

    @Override
    protected Map<String, LossTerms> computeTerms(Tensor emb, int[] labels, IndicesTuple mined, Tensor ref, int[] refLabels, boolean refIsBatch) {
        IndicesTuple t = pairsOrAll(mined, labels, refLabels, refIsBatch);
        if (t.a1().length == 0 || t.a2().length == 0) return Map.of();
        Tensor s = distance.matrix(emb, ref);
        Tensor sg = detachWeights ? s.detach() : s;
        Tensor[] masks = MetricOps.pairMasks(t, emb.dim(0), ref.dim(0), s.dtype());
        Tensor lp = sg.neg().add(1 + m).relu().mul(-gamma).mul(s.sub(1 - m));
        Tensor ln = sg.add(m).relu().mul(gamma).mul(s.sub(m));
        Tensor l = MetricOps.maskedLse(lp, masks[0], false).add(MetricOps.maskedLse(ln, masks[1], false)).softplus();
        double[] cp = MetricOps.rowCounts(masks[0]), cn = MetricOps.rowCounts(masks[1]);
        double[] keep = new double[cp.length];
        for (int i = 0; i < keep.length; i++) keep[i] = cp[i] > 0 && cn[i] > 0 ? 1 : 0;
        int[] idx = new int[emb.dim(0)];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        return Map.of("loss", LossTerms.elements(l.mul(MetricOps.constant(keep, s.dtype(), keep.length)), idx));
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("m", "0.4", "gamma", "80", "detach_weights", "true", "distance", "D02", "reducer", "R03");
    }
}
