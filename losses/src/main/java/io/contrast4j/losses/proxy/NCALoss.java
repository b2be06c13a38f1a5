package io.contrast4j.losses.proxy;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.distances.Distance;
import io.contrast4j.losses.distances.LpDistance;
import io.contrast4j.losses.metric.MetricLoss;
import io.contrast4j.losses.reducers.LossTerms;
import io.contrast4j.losses.reducers.MeanReducer;
import io.contrast4j.losses.reducers.Reducer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * L040 · NCA loss — Goldberger et al., <i>Neighbourhood Components Analysis</i> (NIPS 2004); PML {@code NCALoss}.
 * M = −d² (D01 with power 2; a similarity is used as is), self excluded when the reference set is the batch;
 * p_ij = softmax_j(scale·M_ij); ℓ_i = −log Σ_{j: y_j = y_i} p_ij, computed as LSE_j(scale·M_ij) − LSE_{j∈P_i}(scale·M_ij)
 * (no underflow); rows without a positive are dropped; multiplied by PML miner weights; R01 over elements.
 * Defaults: scale = 1, D01 (p = 2, power = 2, normalised), R01.
 */
public final class NCALoss extends MetricLoss {
    public static final CatalogInfo INFO = new CatalogInfo("L040", "NCA loss", "metric-learning", "T1",
            "Goldberger et al. 2004, Neighbourhood Components Analysis; PML NCALoss",
            "ℓ_i = −log Σ_{j: y_j=y_i} softmax_j(scale·(−d_ij²))");
    private final double scale;

    public NCALoss() {
        this(1, new LpDistance(2, true, 2), new MeanReducer());
    }

    public NCALoss(double scale, Distance distance, Reducer reducer) {
        super(distance, reducer);
        if (!(scale > 0)) throw new IllegalArgumentException("parameter 'scale' must be > 0, got " + scale);
        this.scale = scale;
    }

    public static NCALoss fromParams(Params p) {
        p.checkKnown(Set.of("scale", "dtype"));
        return new NCALoss(p.getPositive("scale", 1), new LpDistance(2, true, 2), new MeanReducer());
    }

    @Override
    protected Map<String, LossTerms> computeTerms(Tensor emb, int[] labels, IndicesTuple mined, Tensor ref, int[] refLabels, boolean refIsBatch) {
        Map<String, LossTerms> dict = new LinkedHashMap<>();
        dict.put("loss", ncaTerms(distance, scale, emb, ref, labels, refLabels, refIsBatch, ProxyOps.minerWeights(mined, labels.length)));
        return dict;
    }

    /** PML {@code nca_computation}: per-query terms for the rows that have at least one positive reference. */
    static LossTerms ncaTerms(Distance distance, double scale, Tensor query, Tensor ref, int[] qLabels, int[] rLabels,
                              boolean sameSet, double[] minerWeights) {
        int n = qLabels.length, m = rLabels.length;
        java.util.List<Integer> keptRows = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                if ((!sameSet || i != j) && qLabels[i] == rLabels[j]) {
                    keptRows.add(i);
                    break;
                }
            }
        }
        if (keptRows.isEmpty()) return LossTerms.reduced(LossInputs.zeroLoss(query));
        int[] rows = keptRows.stream().mapToInt(Integer::intValue).toArray();
        int k = rows.length;
        Tensor mat = distance.matrix(query, ref);
        if (!distance.isInverted()) mat = mat.neg();
        mat = mat.mul(scale).indexSelect(0, rows);
        boolean[] all = new boolean[k * m], pos = new boolean[k * m];
        for (int r = 0; r < k; r++) {
            int i = rows[r];
            for (int j = 0; j < m; j++) {
                all[r * m + j] = !sameSet || i != j;
                pos[r * m + j] = all[r * m + j] && qLabels[i] == rLabels[j];
            }
        }
        Tensor negInf = Tensor.scalar(Double.NEGATIVE_INFINITY, mat.dtype());
        Tensor lseAll = Tensor.where(ProxyOps.mask(all, mat.dtype(), k, m), mat, negInf).logsumexp(1);
        Tensor lsePos = Tensor.where(ProxyOps.mask(pos, mat.dtype(), k, m), mat, negInf).logsumexp(1);
        Tensor losses = lseAll.sub(lsePos);
        if (!ProxyOps.allOnes(minerWeights)) {
            double[] w = new double[k];
            for (int r = 0; r < k; r++) w[r] = minerWeights[rows[r]];
            losses = losses.mul(Tensor.of(w, k).to(losses.dtype()));
        }
        return LossTerms.elements(losses, rows);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("scale", "1", "distance", "D01 (power 2)", "reducer", "R01");
    }
}
