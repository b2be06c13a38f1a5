package io.contrast4j.losses.metric;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.distances.Distance;
import io.contrast4j.losses.distances.Distances;
import io.contrast4j.losses.distances.LpDistance;
import io.contrast4j.losses.reducers.LossTerms;
import io.contrast4j.losses.reducers.MeanReducer;
import io.contrast4j.losses.reducers.Reducer;

import java.util.Map;
import java.util.Set;

/**
 * L007 · Lifted structure loss — Oh Song et al., <i>Deep Metric Learning via Lifted Structured Feature Embedding</i>
 * (CVPR 2016); PML {@code LiftedStructureLoss}. For each positive pair (i, j):
 * J = LSE over the negative pairs (k, l) with k ∈ {i, j} of margin(m⁻, d_kl) (distance: m⁻ − d_kl);
 * ℓ_ij = ½·[J + margin(d_ij, m⁺)]₊²; positive-pair terms, reducer R01. A positive pair without negatives has J = 0.
 * Defaults: m⁻ = 1, m⁺ = 0, D01 on normalised embeddings.
 */
public final class LiftedStructureLoss extends MetricLoss {
    public static final CatalogInfo INFO = new CatalogInfo("L007", "Lifted structure loss", "metric-learning", "T1",
            "Oh Song et al. 2016, Deep Metric Learning via Lifted Structured Feature Embedding; PML LiftedStructureLoss",
            "½[LSE_{(k,l) neg, k∈{i,j}} margin(m−, d_kl) + margin(d_ij, m+)]+²");
    private final double negMargin, posMargin;

    public LiftedStructureLoss() {
        this(1, 0, new LpDistance(), new MeanReducer());
    }

    public LiftedStructureLoss(double negMargin, double posMargin, Distance distance, Reducer reducer) {
        super(distance, reducer);
        this.negMargin = negMargin;
        this.posMargin = posMargin;
    }

    public static LiftedStructureLoss fromParams(Params p) {
        p.checkKnown(Set.of("neg_margin", "pos_margin", "distance", "dtype"));
        return new LiftedStructureLoss(p.getDouble("neg_margin", 1), p.getDouble("pos_margin", 0),
                Distances.byName(p.getString("distance", "D01")), new MeanReducer());
    }

    @Override
    protected Map<String, LossTerms> computeTerms(Tensor emb, int[] labels, IndicesTuple mined, Tensor ref, int[] refLabels, boolean refIsBatch) {
        IndicesTuple t = pairsOrAll(mined, labels, refLabels, refIsBatch);
        if (t.a1().length == 0 || t.a2().length == 0) return Map.of();
        Tensor d = distance.matrix(emb, ref);
        Tensor pos = distance.margin(pick(d, t.a1(), t.p()), Tensor.scalar(posMargin, d.dtype()));
        Tensor neg = distance.margin(Tensor.scalar(negMargin, d.dtype()), pick(d, t.a2(), t.n()));
        int np = t.a1().length, nn = t.a2().length;
        double[] keep = new double[np * nn];
        for (int k = 0; k < np; k++) {
            for (int l = 0; l < nn; l++) if (t.a2()[l] == t.a1()[k] || t.a2()[l] == t.p()[k]) keep[k * nn + l] = 1;
        }
        Tensor x = neg.unsqueeze(0).broadcastTo(np, nn);
        Tensor j = MetricOps.maskedLse(x, MetricOps.constant(keep, d.dtype(), np, nn), false);
        Tensor l = j.add(pos).relu().square().mul(0.5);
        return Map.of("loss", LossTerms.pairs(l, LossTerms.Type.POS_PAIR, t.a1(), t.p()));
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("neg_margin", "1", "pos_margin", "0", "distance", "D01", "reducer", "R01");
    }
}
