package io.contrast4j.losses.contrastive;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.distances.CosineSimilarity;
import io.contrast4j.losses.distances.Distance;
import io.contrast4j.losses.metric.MetricLoss;
import io.contrast4j.losses.reducers.AvgNonZeroReducer;
import io.contrast4j.losses.reducers.LossTerms;
import io.contrast4j.losses.reducers.Reducer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * L110 · Supervised contrastive loss — Khosla et al., <i>Supervised Contrastive Learning</i> (NeurIPS 2020);
 * PML {@code SupConLoss}.
 * Per anchor i with at least one positive: log p_ij = s_ij/τ − LSE_{k∈P_i∪N_i} s_ik/τ; ℓ_i = −mean_{j∈P_i} log p_ij;
 * reduced by R03. Mined pairs (an {@code IndicesTuple}) replace the all-pairs masks.
 * Defaults (PML): τ = 0.1, D02 cosine, R03. (The CoCo variant = this + S111 memory bank + L107 weights.)
 */
public final class SupConLoss extends MetricLoss {
    public static final CatalogInfo INFO = new CatalogInfo("L110", "Supervised contrastive loss (SupCon)", "contrastive", "T1",
            "Khosla et al. 2020, Supervised Contrastive Learning; PML SupConLoss",
            "ℓ_i = −mean_{j∈P_i} [s_ij/τ − LSE_{k∈P_i∪N_i} s_ik/τ]");
    private final double temperature;

    public SupConLoss() {
        this(0.1, new CosineSimilarity(), new AvgNonZeroReducer());
    }

    public SupConLoss(double temperature, Distance distance, Reducer reducer) {
        super(distance, reducer);
        if (!(temperature > 0)) throw new IllegalArgumentException("parameter 'temperature' must be > 0, got " + temperature);
        this.temperature = temperature;
    }

    public static SupConLoss fromParams(Params p) {
        p.checkKnown(Set.of("temperature", "dtype"));
        return new SupConLoss(p.getPositive("temperature", 0.1), new CosineSimilarity(), new AvgNonZeroReducer());
    }

    @Override
    protected Map<String, LossTerms> computeTerms(Tensor emb, int[] labels, IndicesTuple mined, Tensor ref, int[] refLabels, boolean refIsBatch) {
        IndicesTuple t = pairsOrAll(mined, labels, refLabels, refIsBatch);
        Tensor mat = distance.matrix(emb, ref);
        if (!distance.isInverted()) mat = mat.neg();
        mat = mat.div(temperature);
        int n = mat.dim(0), m = mat.dim(1);
        double[] pos = new double[n * m], add = new double[n * m];
        java.util.Arrays.fill(add, Double.NEGATIVE_INFINITY);
        double[] count = new double[n];
        for (int k = 0; k < t.a1().length; k++) {
            pos[t.a1()[k] * m + t.p()[k]] = 1;
            add[t.a1()[k] * m + t.p()[k]] = 0;
        }
        for (int k = 0; k < t.a2().length; k++) add[t.a2()[k] * m + t.n()[k]] = 0;
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) count[i] += pos[i * m + j];
            if (count[i] > 0) rows.add(i);
        }
        if (rows.isEmpty()) return Map.of("loss", LossTerms.elements(Tensor.zeros(emb.dtype(), 0), new int[0]));
        Tensor denom = mat.add(Tensor.of(add, n, m).to(mat.dtype())).logsumexp(new int[]{1}, true);
        Tensor logProb = mat.sub(denom);
        Tensor meanLogProbPos = logProb.mul(Tensor.of(pos, n, m).to(mat.dtype())).sum(new int[]{1}, false).div(Tensor.of(count, n).to(mat.dtype()).clampMin(1));
        int[] r = rows.stream().mapToInt(Integer::intValue).toArray();
        return Map.of("loss", LossTerms.elements(meanLogProbPos.indexSelect(0, r).neg(), r));
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("temperature", "0.1", "distance", "D02", "reducer", "R03");
    }
}
