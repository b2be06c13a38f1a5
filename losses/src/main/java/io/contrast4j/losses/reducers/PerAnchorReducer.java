package io.contrast4j.losses.reducers;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * R07 · Per-anchor reducer (PML {@code PerAnchorReducer(reducer=MeanReducer, aggregation_func)}): pair terms are
 * aggregated per anchor (default: mean over that anchor's terms, 0 for an anchor without terms), giving one element
 * loss per batch sample, which the inner reducer then reduces. Element terms go to the inner reducer unchanged;
 * triplet terms are refused (as in PML).
 */
public final class PerAnchorReducer extends Reducer {
    public static final CatalogInfo INFO = new CatalogInfo("R07", "Per-anchor reducer", "reducer", "T1",
            "PML PerAnchorReducer", "inner(mean_{terms of anchor i} ℓ for every i)");
    private final Reducer inner;

    public PerAnchorReducer() {
        this(new MeanReducer());
    }

    public PerAnchorReducer(Reducer inner) {
        this.inner = inner;
    }

    @Override
    public Tensor reduce(Map<String, LossTerms> dict, Tensor graphAnchor, int[] labels) {
        int n = graphAnchor.dim(0);
        Map<String, LossTerms> out = new LinkedHashMap<>();
        for (var e : dict.entrySet()) {
            LossTerms t = e.getValue();
            switch (t.type()) {
                case POS_PAIR, NEG_PAIR -> out.put(e.getKey(), perAnchor(t, n));
                case TRIPLET -> throw new IllegalArgumentException("PerAnchorReducer: triplet terms ('" + e.getKey() + "') are not supported");
                default -> out.put(e.getKey(), t);
            }
        }
        return inner.reduce(out, graphAnchor, labels);
    }

    private static LossTerms perAnchor(LossTerms t, int n) {
        int[] a = t.anchors();
        double[] count = new double[n];
        for (int x : a) count[x]++;
        Tensor l = t.losses();
        Tensor sums = Tensor.zeros(l.dtype(), n).scatterAdd(0, Tensor.ofInts(a, a.length), l);
        double[] inv = new double[n];
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            inv[i] = count[i] == 0 ? 0 : 1 / count[i];
            idx[i] = i;
        }
        return LossTerms.elements(sums.mul(Tensor.of(inv, n).to(l.dtype())), idx);
    }

    @Override
    protected Tensor reduceTerms(LossTerms terms, int[] labels) {
        throw new UnsupportedOperationException("PerAnchorReducer reduces whole loss dicts");
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("reducer", "R01", "aggregation", "mean");
    }
}
