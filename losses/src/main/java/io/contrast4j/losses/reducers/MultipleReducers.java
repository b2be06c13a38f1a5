package io.contrast4j.losses.reducers;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * R08 · Multiple reducers (PML {@code MultipleReducers(reducers, default_reducer)}): each named sub-loss (e.g.
 * "pos_loss", "neg_loss") is reduced by its own reducer (the default one when unnamed) and the results are summed.
 */
public final class MultipleReducers extends Reducer {
    public static final CatalogInfo INFO = new CatalogInfo("R08", "Multiple reducers", "reducer", "T1",
            "PML MultipleReducers", "Σ_k reducer_k(ℓ_k)");
    private final Map<String, Reducer> reducers;
    private final Reducer defaultReducer;

    public MultipleReducers(Map<String, Reducer> reducers, Reducer defaultReducer) {
        this.reducers = new LinkedHashMap<>(reducers);
        this.defaultReducer = defaultReducer;
    }

    @Override
    public Tensor reduce(Map<String, LossTerms> dict, Tensor graphAnchor, int[] labels) {
        Tensor total = null;
        for (var e : dict.entrySet()) {
            Reducer r = reducers.getOrDefault(e.getKey(), defaultReducer);
            Tensor v = r.reduce(Map.of(e.getKey(), e.getValue()), graphAnchor, labels);
            total = total == null ? v : total.add(v);
        }
        return total == null ? graphAnchor.mul(0.0).sum() : total;
    }

    @Override
    protected Tensor reduceTerms(LossTerms terms, int[] labels) {
        throw new UnsupportedOperationException("MultipleReducers reduces whole loss dicts");
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("default_reducer", "R01");
    }
}
