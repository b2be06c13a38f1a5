package io.contrast4j.losses.metric;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.distances.Distance;
import io.contrast4j.losses.distances.LpDistance;
import io.contrast4j.losses.reducers.AvgNonZeroReducer;
import io.contrast4j.losses.reducers.LossTerms;
import io.contrast4j.losses.reducers.Reducer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * L001 · Contrastive pair loss — Hadsell, Chopra, LeCun, <i>Dimensionality Reduction by Learning an Invariant
 * Mapping</i> (2006); PML {@code ContrastiveLoss}.
 * Positive pair ℓ = [margin(d, m⁺)]₊, negative pair ℓ = [margin(m⁻, d)]₊ (for a distance: [d − m⁺]₊ and
 * [m⁻ − d]₊); the two sub-losses are reduced separately (default R03) and summed.
 * Defaults (PML): m⁺ = 0, m⁻ = 1, D01 Euclidean on normalised embeddings, R03.
 */
public final class ContrastiveLoss extends MetricLoss {
    public static final CatalogInfo INFO = new CatalogInfo("L001", "Contrastive pair loss", "metric-learning", "T1",
            "Hadsell et al. 2006, Dimensionality Reduction by Learning an Invariant Mapping; PML ContrastiveLoss",
            "pos: [margin(d, m+)]+, neg: [margin(m-, d)]+, reduced separately and summed");
    private final double posMargin, negMargin;

    public ContrastiveLoss() {
        this(0, 1, new LpDistance(), new AvgNonZeroReducer());
    }

    public ContrastiveLoss(double posMargin, double negMargin, Distance distance, Reducer reducer) {
        super(distance, reducer);
        this.posMargin = posMargin;
        this.negMargin = negMargin;
    }

    public static ContrastiveLoss fromParams(Params p) {
        p.checkKnown(Set.of("pos_margin", "neg_margin", "dtype"));
        return new ContrastiveLoss(p.getDouble("pos_margin", 0), p.getDouble("neg_margin", 1), new LpDistance(), new AvgNonZeroReducer());
    }

    @Override
    protected Map<String, LossTerms> computeTerms(Tensor emb, int[] labels, IndicesTuple mined, Tensor ref, int[] refLabels, boolean refIsBatch) {
        IndicesTuple t = pairsOrAll(mined, labels, refLabels, refIsBatch);
        Tensor d = distance.matrix(emb, ref);
        Map<String, LossTerms> dict = new LinkedHashMap<>();
        Tensor pos = distance.margin(pick(d, t.a1(), t.p()), Tensor.scalar(posMargin, d.dtype())).relu();
        Tensor neg = distance.margin(Tensor.scalar(negMargin, d.dtype()), pick(d, t.a2(), t.n())).relu();
        dict.put("pos_loss", LossTerms.pairs(pos, LossTerms.Type.POS_PAIR, t.a1(), t.p()));
        dict.put("neg_loss", LossTerms.pairs(neg, LossTerms.Type.NEG_PAIR, t.a2(), t.n()));
        return dict;
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("pos_margin", "0", "neg_margin", "1", "distance", "D01", "reducer", "R03");
    }
}
