package io.contrast4j.losses.metric;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.distances.CosineSimilarity;
import io.contrast4j.losses.reducers.LossTerms;
import io.contrast4j.losses.reducers.MeanReducer;
import io.contrast4j.losses.reducers.Reducer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * L014 · Intra-pair variance loss — Yu &amp; Tao, <i>Deep Metric Learning with Tuplet Margin Loss</i> (ICCV 2019); PML
 * {@code IntraPairVarianceLoss}. μ⁺ = mean positive similarity, μ⁻ = mean negative similarity (the gradient flows
 * through the means); pos ℓ = [(1 − ε⁺)μ⁺ − s_p]₊², neg ℓ = [s_n − (1 + ε⁻)μ⁻]₊²; the two sub-losses are reduced
 * separately (R01) and summed. Defaults: ε⁺ = ε⁻ = 0.01, cosine. Usually combined with L013 through R10.
 */
public final class IntraPairVarianceLoss extends MetricLoss {
    public static final CatalogInfo INFO = new CatalogInfo("L014", "Intra-pair variance loss", "metric-learning", "T1",
            "Yu & Tao 2019, Deep Metric Learning with Tuplet Margin Loss; PML IntraPairVarianceLoss",
            "[(1−ε+)μ+ − s_p]+² + [s_n − (1+ε−)μ−]+²");
    private final double posEps, negEps;

    public IntraPairVarianceLoss() {
        this(0.01, 0.01, new MeanReducer());
    }

    public IntraPairVarianceLoss(double posEps, double negEps, Reducer reducer) {
        super(new CosineSimilarity(), reducer);
        this.posEps = posEps;
        this.negEps = negEps;
    }

    public static IntraPairVarianceLoss fromParams(Params p) {
        p.checkKnown(Set.of("pos_eps", "neg_eps", "dtype"));
        return new IntraPairVarianceLoss(p.getDouble("pos_eps", 0.01), p.getDouble("neg_eps", 0.01), new MeanReducer());
    }

    @Override
    protected Map<String, LossTerms> computeTerms(Tensor emb, int[] labels, IndicesTuple mined, Tensor ref, int[] refLabels, boolean refIsBatch) {
        IndicesTuple t = pairsOrAll(mined, labels, refLabels, refIsBatch);
        Tensor s = distance.matrix(emb, ref);
        Map<String, LossTerms> dict = new LinkedHashMap<>();
        if (t.a1().length > 0) {
            Tensor sp = pick(s, t.a1(), t.p());
            Tensor l = sp.mean().mul(1 - posEps).sub(sp).relu().square();
            dict.put("pos_loss", LossTerms.pairs(l, LossTerms.Type.POS_PAIR, t.a1(), t.p()));
        }
        if (t.a2().length > 0) {
            Tensor sn = pick(s, t.a2(), t.n());
            Tensor l = sn.sub(sn.mean().mul(1 + negEps)).relu().square();
            dict.put("neg_loss", LossTerms.pairs(l, LossTerms.Type.NEG_PAIR, t.a2(), t.n()));
        }
        return dict;
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("pos_eps", "0.01", "neg_eps", "0.01", "distance", "D02", "reducer", "R01");
    }
}
