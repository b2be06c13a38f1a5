package io.contrast4j.losses.metric;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.distances.CosineSimilarity;
import io.contrast4j.losses.reducers.LossTerms;
import io.contrast4j.losses.reducers.MeanReducer;

import java.util.Map;
import java.util.Set;

/**
 * L015 · Histogram loss — Ustinova &amp; Lempitsky, <i>Learning Deep Embeddings with Histogram Loss</i> (NeurIPS 2016);
 * PML {@code HistogramLoss}. Nodes t_r = −1 + rΔ, r = 0..R, Δ = 2/R; each similarity s adds (s + 1 − r*Δ)/Δ to node
 * r* + 1 and ((r* + 1)Δ − 1 − s)/Δ to node r*, r* = ⌊(s + 1)/Δ⌋ (frozen), normalised by the pair count → p⁺, p⁻;
 * L = Σ_r p⁻_r·Φ⁺_r with Φ⁺ = cumsum(p⁺). (Each unordered pair appears twice; that leaves the normalised histograms
 * unchanged.) Defaults: R = 100 bins, cosine.
 */
public final class HistogramLoss extends MetricLoss {
    public static final CatalogInfo INFO = new CatalogInfo("L015", "Histogram loss", "metric-learning", "T1",
            "Ustinova & Lempitsky 2016, Learning Deep Embeddings with Histogram Loss; PML HistogramLoss",
            "Σ_r p−_r · cumsum(p+)_r");
    private final int bins;

    public HistogramLoss() {
        this(100);
    }

    public HistogramLoss(int bins) {
        super(new CosineSimilarity(), new MeanReducer());
        if (bins < 1) throw new IllegalArgumentException("parameter 'n_bins' must be >= 1, got " + bins);
        this.bins = bins;
    }

    public static HistogramLoss fromParams(Params p) {
        p.checkKnown(Set.of("n_bins", "dtype"));
        return new HistogramLoss(p.getInt("n_bins", 100));
    }

    private Tensor histogram(Tensor s) {
        double delta = 2.0 / bins;
        double[] v = s.detach().toDoubleArray();
        int[] lo = new int[v.length], hi = new int[v.length];
        double[] base = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            int r = (int) Math.floor((Math.max(-1, Math.min(1, v[k])) + 1) / delta);
            r = Math.min(r, bins - 1);
            lo[k] = r;
            hi[k] = r + 1;
            base[k] = r * delta - 1; // node t_r
        }
        Tensor t = MetricOps.constant(base, s.dtype(), v.length);
        Tensor wHi = s.sub(t).div(delta), wLo = wHi.neg().add(1);
        Tensor h = Tensor.zeros(s.dtype(), bins + 1).scatterAdd(0, Tensor.ofInts(lo, lo.length), wLo).scatterAdd(0, Tensor.ofInts(hi, hi.length), wHi);
        return h.div(v.length);
    }

    @Override
    protected Map<String, LossTerms> computeTerms(Tensor emb, int[] labels, IndicesTuple mined, Tensor ref, int[] refLabels, boolean refIsBatch) {
        IndicesTuple t = pairsOrAll(mined, labels, refLabels, refIsBatch);
        if (t.a1().length == 0 || t.a2().length == 0) return Map.of();
        Tensor s = distance.matrix(emb, ref);
        Tensor pPos = histogram(pick(s, t.a1(), t.p())), pNeg = histogram(pick(s, t.a2(), t.n()));
        return Map.of("loss", LossTerms.reduced(pNeg.mul(MetricOps.cumsumLast(pPos)).sum()));
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("n_bins", "100", "distance", "D02");
    }
}
