package io.contrast4j.losses.metric;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.distances.CosineSimilarity;
import io.contrast4j.losses.distances.Distance;
import io.contrast4j.losses.reducers.LossTerms;
import io.contrast4j.losses.reducers.MeanReducer;
import io.contrast4j.losses.reducers.Reducer;

import java.util.Map;
import java.util.Set;

/**
 * L011 · Multi-Similarity loss — Wang et al., <i>Multi-Similarity Loss with General Pair Weighting for Deep Metric
 * Learning</i> (CVPR 2019); PML {@code MultiSimilarityLoss}.
 * ℓ_i = (1/α)·log(1 + Σ_{k∈P_i} e^{−α(s_ik − λ)}) + (1/β)·log(1 + Σ_{k∈N_i} e^{β(s_ik − λ)}); mean over anchors (R01).
 * Defaults (PML): α = 2, β = 50, λ (base) = 0.5, cosine similarity.
 */
public final class MultiSimilarityLoss extends MetricLoss {
    public static final CatalogInfo INFO = new CatalogInfo("L011", "Multi-Similarity loss", "metric-learning", "T1",
            "Wang et al. 2019, Multi-Similarity Loss with General Pair Weighting for Deep Metric Learning; PML MultiSimilarityLoss",
            "(1/α)log(1+Σ_P e^{−α(s−λ)}) + (1/β)log(1+Σ_N e^{β(s−λ)})");
    private final double alpha, beta, base;

    public MultiSimilarityLoss() {
        this(2, 50, 0.5, new CosineSimilarity(), new MeanReducer());
    }

    public MultiSimilarityLoss(double alpha, double beta, double base, Distance distance, Reducer reducer) {
        super(distance, reducer);
        if (!(alpha > 0) || !(beta > 0)) throw new IllegalArgumentException("parameters 'alpha' and 'beta' must be > 0, got " + alpha + ", " + beta);
        this.alpha = alpha;
        this.beta = beta;
        this.base = base;
    }

    public static MultiSimilarityLoss fromParams(Params p) {
        p.checkKnown(Set.of("alpha", "beta", "base", "dtype"));
        return new MultiSimilarityLoss(p.getDouble("alpha", 2), p.getDouble("beta", 50), p.getDouble("base", 0.5), new CosineSimilarity(), new MeanReducer());
    }

    @Override
    protected Map<String, LossTerms> computeTerms(Tensor emb, int[] labels, IndicesTuple mined, Tensor ref, int[] refLabels, boolean refIsBatch) {
        IndicesTuple t = pairsOrAll(mined, labels, refLabels, refIsBatch);
        if (t.a1().length == 0 && t.a2().length == 0) return Map.of();
        Tensor s = distance.matrix(emb, ref);
        Tensor[] m = MetricOps.pairMasks(t, emb.dim(0), ref.dim(0), s.dtype());
        // for a distance the sign flips (PML: distance.margin)
        double sign = distance.isInverted() ? 1 : -1;
        Tensor pos = MetricOps.maskedLse(s.sub(base).mul(-alpha * sign), m[0], true).div(alpha);
        Tensor neg = MetricOps.maskedLse(s.sub(base).mul(beta * sign), m[1], true).div(beta);
        int[] idx = new int[emb.dim(0)];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        return Map.of("loss", LossTerms.elements(pos.add(neg), idx));
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("alpha", "2", "beta", "50", "base", "0.5", "distance", "D02", "reducer", "R01");
    }
}
