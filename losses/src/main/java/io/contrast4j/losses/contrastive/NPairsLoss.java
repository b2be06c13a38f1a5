package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.distances.Distance;
import io.contrast4j.losses.distances.DotProductSimilarity;
import io.contrast4j.losses.metric.MetricLoss;
import io.contrast4j.losses.reducers.LossTerms;
import io.contrast4j.losses.reducers.MeanReducer;
import io.contrast4j.losses.reducers.Reducer;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * L111 · N-pairs loss — Sohn, <i>Improved Deep Metric Learning with Multi-class N-pair Loss Objective</i> (NeurIPS
 * 2016); PML {@code NPairsLoss}.
 * One positive pair per unique label (the first pair of that label in row-major pair order); S = anchors·positivesᵀ;
 * L = mean_i CE(S_i, i).
 * Defaults (PML): D03 dot product with PML's default normalize_embeddings = true ({@code normalize=false}: raw dot), R01 mean.
 */
public final class NPairsLoss extends MetricLoss {
    public static final CatalogInfo INFO = new CatalogInfo("L111", "N-pairs loss", "contrastive", "T1",
            "Sohn 2016, Improved Deep Metric Learning with Multi-class N-pair Loss Objective; PML NPairsLoss",
            "L = mean_i CE(s(a_i, P), i), one pair per label");

    public NPairsLoss() {
        this(new DotProductSimilarity(), new MeanReducer());
    }

    public NPairsLoss(Distance distance, Reducer reducer) {
        super(distance, reducer);
    }

    public static NPairsLoss fromParams(Params p) {
        p.checkKnown(Set.of("normalize", "dtype"));
        return new NPairsLoss(new DotProductSimilarity(p.getBoolean("normalize", true)), new MeanReducer());
    }

    @Override
    protected Map<String, LossTerms> computeTerms(Tensor emb, int[] labels, IndicesTuple mined, Tensor ref, int[] refLabels, boolean refIsBatch) {
        IndicesTuple t = pairsOrAll(mined, labels, refLabels, refIsBatch);
        TreeMap<Integer, int[]> first = new TreeMap<>();
        for (int k = 0; k < t.a1().length; k++) first.putIfAbsent(labels[t.a1()[k]], new int[]{t.a1()[k], t.p()[k]});
        int n = first.size();
        if (n == 0) return Map.of("loss", LossTerms.elements(Tensor.zeros(emb.dtype(), 0), new int[0]));
        int[] ai = new int[n], pi = new int[n];
        int q = 0;
        for (int[] v : first.values()) {
            ai[q] = v[0];
            pi[q++] = v[1];
        }
        Tensor s = distance.matrix(emb.indexSelect(0, ai), ref.indexSelect(0, pi));
        if (!distance.isInverted()) s = s.neg();
        return Map.of("loss", LossTerms.elements(InfoNce.ce(s, InfoNce.arange(n)), ai));
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("distance", "D03", "normalize", "true", "reducer", "R01");
    }
}
