package io.contrast4j.losses.metric;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.distances.LpDistance;
import io.contrast4j.losses.reducers.LossTerms;
import io.contrast4j.losses.reducers.MeanReducer;

import java.util.Map;
import java.util.Set;

/**
 * L018 · Ranked list loss — Wang et al., <i>Ranked List Loss for Deep Metric Learning</i> (CVPR 2019); PML
 * {@code RankedListLoss}. Boundary α (default 1 + m/2); violating positives P* = {d_ij &gt; α − m}, negatives
 * N* = {d_ik &lt; α} (membership frozen); w_p = e^{T_p(d − (α − m))}, w_n = e^{T_n(α − d)} (not detached);
 * L_P = Σ_{P*} w_p(d − (α − m)) / (Σ_{P*} w_p + 1e-5), L_N = Σ_{N*} w_n(α − d) / (Σ_{N*} w_n + 1e-5);
 * ℓ_i = (1 − λ)L_P + λL_N, mean over anchors.
 * Defaults: {@code margin} and {@code Tn} required, λ (imbalance) = 0.5, T_p = 0 (RLL-Simpler), D01 normalised.
 */
public final class RankedListLoss extends MetricLoss {
    public static final CatalogInfo INFO = new CatalogInfo("L018", "Ranked list loss", "metric-learning", "T1",
            "Wang et al. 2019, Ranked List Loss for Deep Metric Learning; PML RankedListLoss",
            "(1−λ)Σ w_p(d − α + m)/Σw_p + λΣ w_n(α − d)/Σw_n over violators");
    private final double margin, tn, tp, imbalance, alpha;

    public RankedListLoss(double margin, double tn, double imbalance, double alpha, double tp) {
        super(new LpDistance(), new MeanReducer());
        this.margin = margin;
        this.tn = tn;
        this.tp = tp;
        this.imbalance = imbalance;
        this.alpha = Double.isNaN(alpha) ? 1 + margin / 2 : alpha;
    }

    public static RankedListLoss fromParams(Params p) {
        p.checkKnown(Set.of("margin", "Tn", "imbalance", "alpha", "Tp", "dtype"));
        if (!p.has("margin") || !p.has("Tn")) throw new IllegalArgumentException("L018 ranked list loss: parameters 'margin' and 'Tn' are required");
        return new RankedListLoss(p.getDouble("margin", 0), p.getDouble("Tn", 0), p.getDouble("imbalance", 0.5), p.getDouble("alpha", Double.NaN), p.getDouble("Tp", 0));
    }

    private static Tensor weighted(Tensor viol, Tensor w, Tensor mask) {
        return w.mul(viol).mul(mask).sum(new int[]{1}, false).div(w.mul(mask).sum(new int[]{1}, false).add(1e-5));
    }

    @Override
    protected Map<String, LossTerms> computeTerms(Tensor emb, int[] labels, IndicesTuple mined, Tensor ref, int[] refLabels, boolean refIsBatch) {
        IndicesTuple t = pairsOrAll(mined, labels, refLabels, refIsBatch);
        if (t.a1().length == 0 && t.a2().length == 0) return Map.of();
        Tensor d = distance.matrix(emb, ref);
        Tensor[] masks = MetricOps.pairMasks(t, emb.dim(0), ref.dim(0), d.dtype());
        Tensor dd = d.detach();
        Tensor pStar = masks[0].mul(dd.gt(alpha - margin)), nStar = masks[1].mul(dd.lt(alpha));
        Tensor vp = d.sub(alpha - margin), vn = d.neg().add(alpha);
        Tensor lp = weighted(vp, vp.mul(tp).exp(), pStar), ln = weighted(vn, vn.mul(tn).exp(), nStar);
        int[] idx = new int[emb.dim(0)];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        return Map.of("loss", LossTerms.elements(lp.mul(1 - imbalance).add(ln.mul(imbalance)), idx));
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("margin", "required", "Tn", "required", "imbalance", "0.5", "alpha", "1 + margin/2", "Tp", "0", "distance", "D01");
    }
}
