package io.contrast4j.losses.metric;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.distances.CosineSimilarity;
import io.contrast4j.losses.reducers.LossTerms;
import io.contrast4j.losses.reducers.MeanReducer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * L020 · Threshold-consistent margin (TCM) regularizer — Zhang et al., <i>Threshold-Consistent Margin Loss for
 * Open-World Deep Metric Learning</i> (ICLR 2024); PML {@code ThresholdConsistentMarginLoss}.
 * L = λ⁺·mean_{pos: s ≤ m⁺}(m⁺ − s) + λ⁻·mean_{neg: s ≥ m⁻}(s − m⁻), each mean 0 when its set is empty (membership
 * frozen), s = cosine. Added to a base loss through R10. Defaults: λ⁺ = λ⁻ = 1, m⁺ = 0.9, m⁻ = 0.5.
 */
public final class ThresholdConsistentMarginLoss extends MetricLoss {
    public static final CatalogInfo INFO = new CatalogInfo("L020", "Threshold-consistent margin regularizer", "metric-learning", "T1",
            "Zhang et al. 2024, Threshold-Consistent Margin Loss for Open-World Deep Metric Learning; PML ThresholdConsistentMarginLoss",
            "λ+ mean_{s_p ≤ m+}(m+ − s) + λ− mean_{s_n ≥ m−}(s − m−)");
    private final double lambdaPlus, lambdaMinus, marginPlus, marginMinus;

    public ThresholdConsistentMarginLoss() {
        this(1, 1, 0.9, 0.5);
    }

    public ThresholdConsistentMarginLoss(double lambdaPlus, double lambdaMinus, double marginPlus, double marginMinus) {
        super(new CosineSimilarity(), new MeanReducer());
        this.lambdaPlus = lambdaPlus;
        this.lambdaMinus = lambdaMinus;
        this.marginPlus = marginPlus;
        this.marginMinus = marginMinus;
    }

    public static ThresholdConsistentMarginLoss fromParams(Params p) {
        p.checkKnown(Set.of("lambda_plus", "lambda_minus", "margin_plus", "margin_minus", "dtype"));
        return new ThresholdConsistentMarginLoss(p.getDouble("lambda_plus", 1), p.getDouble("lambda_minus", 1),
                p.getDouble("margin_plus", 0.9), p.getDouble("margin_minus", 0.5));
    }

    private static int[] select(double[] v, int[] idx, boolean below, double thr) {
        return java.util.Arrays.stream(idx).filter(k -> below ? v[k] <= thr : v[k] >= thr).toArray();
    }

    @Override
    protected Map<String, LossTerms> computeTerms(Tensor emb, int[] labels, IndicesTuple mined, Tensor ref, int[] refLabels, boolean refIsBatch) {
        IndicesTuple t = pairsOrAll(mined, labels, refLabels, refIsBatch);
        Tensor s = distance.matrix(emb, ref);
        Map<String, LossTerms> dict = new LinkedHashMap<>();
        Tensor sp = pick(s, t.a1(), t.p()), sn = pick(s, t.a2(), t.n());
        int[] pi = select(sp.detach().toDoubleArray(), java.util.stream.IntStream.range(0, t.a1().length).toArray(), true, marginPlus);
        int[] ni = select(sn.detach().toDoubleArray(), java.util.stream.IntStream.range(0, t.a2().length).toArray(), false, marginMinus);
        if (pi.length > 0) dict.put("pos_loss", LossTerms.reduced(sp.indexSelect(0, pi).neg().add(marginPlus).mean().mul(lambdaPlus)));
        if (ni.length > 0) dict.put("neg_loss", LossTerms.reduced(sn.indexSelect(0, ni).sub(marginMinus).mean().mul(lambdaMinus)));
        return dict;
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("lambda_plus", "1", "lambda_minus", "1", "margin_plus", "0.9", "margin_minus", "0.5", "distance", "D02");
    }
}
