package io.contrast4j.losses.metric;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.distances.LpDistance;
import io.contrast4j.losses.reducers.LossTerms;
import io.contrast4j.losses.reducers.MeanReducer;
import io.contrast4j.losses.reducers.Reducer;

import java.util.Map;
import java.util.Set;

/**
 * L009 · Angular loss — Wang et al., <i>Deep Metric Learning with Angular Loss</i> (ICCV 2017); PML {@code AngularLoss}.
 * Per positive pair (a, p) of normalised embeddings: f_n = 4tan²α·(a + p)ᵀx_n − 2(1 + tan²α)·aᵀp for every x_n with
 * y_n ≠ y_a; ℓ = log(1 + Σ_n e^{f_n}); positive-pair terms, R01. Unlike PML, x_n is normalised too.
 * Defaults: α = 40°.
 */
public final class AngularLoss extends MetricLoss {
    public static final CatalogInfo INFO = new CatalogInfo("L009", "Angular loss", "metric-learning", "T1",
            "Wang et al. 2017, Deep Metric Learning with Angular Loss; PML AngularLoss",
            "log(1 + Σ_n exp(4tan²α (a+p)ᵀx_n − 2(1+tan²α) aᵀp))");
    private final double alphaDeg;

    public AngularLoss() {
        this(40, new MeanReducer());
    }

    public AngularLoss(double alphaDegrees, Reducer reducer) {
        super(new LpDistance(), reducer);
        if (!(alphaDegrees > 0 && alphaDegrees < 90)) throw new IllegalArgumentException("parameter 'alpha' must be in (0, 90) degrees, got " + alphaDegrees);
        this.alphaDeg = alphaDegrees;
    }

    public static AngularLoss fromParams(Params p) {
        p.checkKnown(Set.of("alpha", "dtype"));
        return new AngularLoss(p.getDouble("alpha", 40), new MeanReducer());
    }

    @Override
    protected Map<String, LossTerms> computeTerms(Tensor emb, int[] labels, IndicesTuple mined, Tensor ref, int[] refLabels, boolean refIsBatch) {
        IndicesTuple t = pairsOrAll(mined, labels, refLabels, refIsBatch);
        if (t.a1().length == 0) return Map.of();
        Tensor e = emb.normalize(1), r = ref.normalize(1);
        Tensor a = e.indexSelect(0, t.a1()), p = r.indexSelect(0, t.p());
        double tan2 = Math.pow(Math.tan(Math.toRadians(alphaDeg)), 2);
        Tensor ap = a.mul(p).sum(new int[]{1}, true);
        Tensor f = a.add(p).matmul(r, false, true).mul(4 * tan2).sub(ap.mul(2 * (1 + tan2)));
        int[] anchorLabels = new int[t.a1().length];
        for (int k = 0; k < anchorLabels.length; k++) anchorLabels[k] = labels[t.a1()[k]];
        Tensor keep = MetricOps.labelMask(anchorLabels, refLabels, false, false, f.dtype());
        return Map.of("loss", LossTerms.pairs(MetricOps.maskedLse(f, keep, true), LossTerms.Type.POS_PAIR, t.a1(), t.p()));
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("alpha", "40", "reducer", "R01");
    }
}
