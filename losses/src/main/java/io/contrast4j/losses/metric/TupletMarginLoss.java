package io.contrast4j.losses.metric;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.distances.CosineSimilarity;
import io.contrast4j.losses.reducers.LossTerms;
import io.contrast4j.losses.reducers.MeanReducer;
import io.contrast4j.losses.reducers.Reducer;

import java.util.Map;
import java.util.Set;

/**
 * L013 · Tuplet margin loss — Yu &amp; Tao, <i>Deep Metric Learning with Tuplet Margin Loss</i> (ICCV 2019); PML
 * {@code TupletMarginLoss}. Per positive pair: ℓ = log(1 + Σ_{n ∈ N_a} e^{γ(cos θ_an − cos(θ_ap − β))}) with
 * θ_ap = acos(s_ap), computed as cos(θ − β) = s·cos β + sqrt(1 − s²)·sin β (1 − s² clamped at 1e-12); R01.
 * Defaults: β = 5.73°, γ = 64, cosine.
 */
public final class TupletMarginLoss extends MetricLoss {
    public static final CatalogInfo INFO = new CatalogInfo("L013", "Tuplet margin loss", "metric-learning", "T1",
            "Yu & Tao 2019, Deep Metric Learning with Tuplet Margin Loss; PML TupletMarginLoss",
            "log(1 + Σ_n exp(γ(cos θ_an − cos(θ_ap − β))))");
    private final double marginDeg, scale;

    public TupletMarginLoss() {
        this(5.73, 64, new MeanReducer());
    }

    public TupletMarginLoss(double marginDegrees, double scale, Reducer reducer) {
        super(new CosineSimilarity(), reducer);
        this.marginDeg = marginDegrees;
        this.scale = scale;
    }

    public static TupletMarginLoss fromParams(Params p) {
        p.checkKnown(Set.of("margin", "scale", "dtype"));
        return new TupletMarginLoss(p.getDouble("margin", 5.73), p.getPositive("scale", 64), new MeanReducer());
    }

    @Override
    protected Map<String, LossTerms> computeTerms(Tensor emb, int[] labels, IndicesTuple mined, Tensor ref, int[] refLabels, boolean refIsBatch) {
        IndicesTuple t = pairsOrAll(mined, labels, refLabels, refIsBatch);
        if (t.a1().length == 0) return Map.of();
        Tensor s = distance.matrix(emb, ref);
        Tensor sp = pick(s, t.a1(), t.p());
        double b = Math.toRadians(marginDeg);
        Tensor posCos = sp.mul(Math.cos(b)).add(sp.mul(sp).neg().add(1).clampMin(1e-12).sqrt().mul(Math.sin(b)));
        Tensor inside = s.indexSelect(0, t.a1()).sub(posCos.unsqueeze(1)).mul(scale);
        int[] al = new int[t.a1().length];
        for (int k = 0; k < al.length; k++) al[k] = labels[t.a1()[k]];
        Tensor keep = MetricOps.labelMask(al, refLabels, false, false, s.dtype());
        return Map.of("loss", LossTerms.pairs(MetricOps.maskedLse(inside, keep, true), LossTerms.Type.POS_PAIR, t.a1(), t.p()));
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("margin", "5.73", "scale", "64", "distance", "D02", "reducer", "R01");
    }
}
