package io.contrast4j.losses.metric;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.distances.LpDistance;
import io.contrast4j.losses.reducers.LossTerms;
import io.contrast4j.losses.reducers.MeanReducer;

import java.util.Map;
import java.util.Set;

/**
 * L016 · FastAP — Cakir et al., <i>Deep Metric Learning to Rank</i> (CVPR 2019); PML {@code FastAPLoss}.
 * d = squared Euclidean distance of normalised embeddings ∈ [0, 4]; bin centres c_l = l·4/L (l = 0..L), kernel
 * δ_l(d) = [1 − |d − c_l|/(4/L)]₊; h⁺_l = Σ_{j∈P_i} δ_l(d_ij), h⁻ likewise; H⁺ = cumsum h⁺, H = cumsum(h⁺ + h⁻);
 * FastAP_i = (1/|P_i|) Σ_l h⁺_l·H⁺_l / H_l (terms with H_l = 0 or h⁺H⁺ = 0 skipped); ℓ_i = 1 − FastAP_i, mean over
 * anchors with positives. Defaults: L = 10 bins, D01 with power 2.
 */
public final class FastApLoss extends MetricLoss {
    public static final CatalogInfo INFO = new CatalogInfo("L016", "FastAP", "metric-learning", "T1",
            "Cakir et al. 2019, Deep Metric Learning to Rank; PML FastAPLoss",
            "1 − (1/|P|) Σ_l h+_l H+_l / H_l with triangular-kernel histograms of d²");
    private final int bins;

    public FastApLoss() {
        this(10);
    }

    public FastApLoss(int bins) {
        super(new LpDistance(2, true, 2), new MeanReducer());
        if (bins < 1) throw new IllegalArgumentException("parameter 'num_bins' must be >= 1, got " + bins);
        this.bins = bins;
    }

    public static FastApLoss fromParams(Params p) {
        p.checkKnown(Set.of("num_bins", "dtype"));
        return new FastApLoss(p.getInt("num_bins", 10));
    }

    @Override
    protected Map<String, LossTerms> computeTerms(Tensor emb, int[] labels, IndicesTuple mined, Tensor ref, int[] refLabels, boolean refIsBatch) {
        IndicesTuple t = pairsOrAll(mined, labels, refLabels, refIsBatch);
        int n = emb.dim(0), m = ref.dim(0);
        Tensor d = distance.matrix(emb, ref);
        Tensor[] masks = MetricOps.pairMasks(t, n, m, d.dtype());
        double[] np = MetricOps.rowCounts(masks[0]);
        double width = 4.0 / bins;
        double[] c = new double[bins + 1];
        for (int l = 0; l <= bins; l++) c[l] = l * width;
        Tensor centres = MetricOps.constant(c, d.dtype(), 1, 1, bins + 1);
        Tensor delta = d.unsqueeze(2).sub(centres).abs().div(width).neg().add(1).relu(); // n x m x (L+1)
        Tensor hPos = delta.mul(masks[0].unsqueeze(2)).sum(new int[]{1}, false);
        Tensor hNeg = delta.mul(masks[1].unsqueeze(2)).sum(new int[]{1}, false);
        Tensor cPos = MetricOps.cumsumLast(hPos), cAll = MetricOps.cumsumLast(hPos.add(hNeg));
        double[] hp = hPos.detach().mul(cPos.detach()).toDoubleArray(), ha = cAll.detach().toDoubleArray();
        double[] keep = new double[hp.length], safe = new double[hp.length];
        for (int k = 0; k < hp.length; k++) {
            keep[k] = ha[k] > 0 && hp[k] != 0 ? 1 : 0;
            safe[k] = ha[k] > 0 ? 0 : 1;
        }
        Tensor ratio = hPos.mul(cPos).div(cAll.add(MetricOps.constant(safe, d.dtype(), n, bins + 1))).mul(MetricOps.constant(keep, d.dtype(), n, bins + 1));
        int count = 0;
        for (double v : np) if (v > 0) count++;
        if (count == 0) return Map.of();
        int[] rows = new int[count];
        double[] inv = new double[count];
        for (int i = 0, k = 0; i < n; i++) if (np[i] > 0) {
            rows[k] = i;
            inv[k++] = 1 / np[i];
        }
        Tensor ap = ratio.sum(new int[]{1}, false).indexSelect(0, rows).mul(MetricOps.constant(inv, d.dtype(), count));
        return Map.of("loss", LossTerms.elements(ap.neg().add(1), rows));
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("num_bins", "10", "distance", "D01 power 2");
    }
}
