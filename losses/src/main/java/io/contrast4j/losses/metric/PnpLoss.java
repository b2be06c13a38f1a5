package io.contrast4j.losses.metric;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.distances.CosineSimilarity;
import io.contrast4j.losses.reducers.LossTerms;
import io.contrast4j.losses.reducers.MeanReducer;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * L017 · PNP loss — Li et al., <i>Rethinking the Optimization of Average Precision: Only Penalizing Negative Instances
 * before Positive Ones is Enough</i> (AAAI 2022); PML {@code PNPLoss}.
 * R_ij = Σ_{k∈N_i} σ((s_ik − s_ij)/t) (argument clamped to ±50); g by variant: O: R; Ds: log(1 + R);
 * Dq: 1/(1 + R)^α (then L = 1 − mean); Iu: (1 + R)·log(1 + R); Ib: (1/b²)(bR − log(1 + bR));
 * L = mean over anchors with positives of mean_{j ∈ P_i ∪ {i}} g(R_ij) (PML includes j = i).
 * Defaults: variant O, t (anneal) = 0.01, b = 2, α = 1, cosine.
 */
public final class PnpLoss extends MetricLoss {
    public static final CatalogInfo INFO = new CatalogInfo("L017", "PNP loss", "metric-learning", "T1",
            "Li et al. 2022, Rethinking the Optimization of Average Precision: Only Penalizing Negative Instances before Positive Ones is Enough; PML PNPLoss",
            "mean_i mean_{j∈P_i∪{i}} g(Σ_{k∈N_i} σ((s_ik − s_ij)/t))");

    public enum Variant { O, DS, DQ, IU, IB }

    private final Variant variant;
    private final double anneal, b, alpha;

    public PnpLoss() {
        this(Variant.O, 0.01, 2, 1);
    }

    public PnpLoss(Variant variant, double anneal, double b, double alpha) {
        super(new CosineSimilarity(), new MeanReducer());
        if (!(anneal > 0)) throw new IllegalArgumentException("parameter 'anneal' must be > 0, got " + anneal);
        this.variant = variant;
        this.anneal = anneal;
        this.b = b;
        this.alpha = alpha;
    }

    public static PnpLoss fromParams(Params p) {
        p.checkKnown(Set.of("variant", "anneal", "b", "alpha", "dtype"));
        String v = p.getString("variant", "O");
        Variant var;
        try {
            var = Variant.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter 'variant' must be one of O, Ds, Dq, Iu, Ib, got '" + v + "'");
        }
        return new PnpLoss(var, p.getDouble("anneal", 0.01), p.getPositive("b", 2), p.getPositive("alpha", 1));
    }

    @Override
    protected Map<String, LossTerms> computeTerms(Tensor emb, int[] labels, IndicesTuple mined, Tensor ref, int[] refLabels, boolean refIsBatch) {
        IndicesTuple t = pairsOrAll(mined, labels, refLabels, refIsBatch);
        int n = emb.dim(0), m = ref.dim(0);
        Tensor s = distance.matrix(emb, ref);
        Tensor[] masks = MetricOps.pairMasks(t, n, m, s.dtype());
        double[] pos = masks[0].toDoubleArray();
        if (refIsBatch) for (int i = 0; i < n; i++) pos[i * m + i] = 1;
        Tensor posMask = MetricOps.constant(pos, s.dtype(), n, m);
        double[] np = MetricOps.rowCounts(masks[0]);
        // diff[i, j, k] = s_ik − s_ij
        Tensor diff = s.unsqueeze(1).sub(s.unsqueeze(2)).div(anneal).clamp(-50, 50).sigmoid();
        Tensor r = diff.mul(masks[1].unsqueeze(1)).sum(new int[]{2}, false); // n x m
        Tensor g = switch (variant) {
            case O -> r;
            case DS -> r.log1p();
            case DQ -> r.add(1).pow(-alpha);
            case IU -> r.add(1).mul(r.log1p());
            case IB -> r.mul(b).sub(r.mul(b).log1p()).div(b * b);
        };
        Tensor per = MetricOps.maskedRowMean(g, posMask);
        int count = 0;
        for (double v : np) if (v > 0) count++;
        if (count == 0) return Map.of();
        int[] rows = new int[count];
        for (int i = 0, k = 0; i < n; i++) if (np[i] > 0) rows[k++] = i;
        Tensor l = per.indexSelect(0, rows);
        if (variant == Variant.DQ) l = l.neg().add(1);
        return Map.of("loss", LossTerms.elements(l, rows));
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("variant", "O", "anneal", "0.01", "b", "2", "alpha", "1", "distance", "D02");
    }
}
