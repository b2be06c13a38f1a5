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
 * L008 · Generalized lifted structure loss — Hermans et al., <i>In Defense of the Triplet Loss for Person
 * Re-Identification</i> (2017, p. 4); PML {@code GeneralizedLiftedStructureLoss}.
 * ℓ_i = [LSE_{j ∈ P_i} margin(d_ij, m⁺) + LSE_{k ∈ N_i} margin(m⁻, d_ik)]₊ (an empty set's LSE is 0); element terms, R01.
 * Defaults: m⁻ = 1, m⁺ = 0, D01 on normalised embeddings.
 */
public final class GeneralizedLiftedStructureLoss extends MetricLoss {
    public static final CatalogInfo INFO = new CatalogInfo("L008", "Generalized lifted structure loss", "metric-learning", "T1",
            "Hermans et al. 2017, In Defense of the Triplet Loss (p.4); PML GeneralizedLiftedStructureLoss",
            "[LSE_P margin(d, m+) + LSE_N margin(m−, d)]+");
    private final double negMargin, posMargin;

    public GeneralizedLiftedStructureLoss() {
        this(1, 0, new LpDistance(), new MeanReducer());
    }

    public GeneralizedLiftedStructureLoss(double negMargin, double posMargin, Distance distance, Reducer reducer) {
        super(distance, reducer);
        this.negMargin = negMargin;
        this.posMargin = posMargin;
    }

    public static GeneralizedLiftedStructureLoss fromParams(Params p) {
        p.checkKnown(Set.of("neg_margin", "pos_margin", "distance", "dtype"));
        return new GeneralizedLiftedStructureLoss(p.getDouble("neg_margin", 1), p.getDouble("pos_margin", 0),
                Distances.byName(p.getString("distance", "D01")), new MeanReducer());
    }

    @Override
    protected Map<String, LossTerms> computeTerms(Tensor emb, int[] labels, IndicesTuple mined, Tensor ref, int[] refLabels, boolean refIsBatch) {
        IndicesTuple t = pairsOrAll(mined, labels, refLabels, refIsBatch);
        if (t.a1().length == 0 && t.a2().length == 0) return Map.of();
        Tensor d = distance.matrix(emb, ref);
        Tensor[] masks = MetricOps.pairMasks(t, emb.dim(0), ref.dim(0), d.dtype());
        Tensor pos = MetricOps.maskedLse(distance.margin(d, Tensor.scalar(posMargin, d.dtype())), masks[0], false);
        Tensor neg = MetricOps.maskedLse(distance.margin(Tensor.scalar(negMargin, d.dtype()), d), masks[1], false);
        int[] idx = new int[emb.dim(0)];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        return Map.of("loss", LossTerms.elements(pos.add(neg).relu(), idx));
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
