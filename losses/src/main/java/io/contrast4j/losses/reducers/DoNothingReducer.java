package io.contrast4j.losses.reducers;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * R09 · Do-nothing reducer (PML {@code DoNothingReducer}): leaves the terms unreduced, for inspection and custom
 * weighting. {@link #reduce} returns every sub-loss's terms concatenated in dict order as one 1-D tensor (an
 * already-reduced sub-loss contributes one value); {@link #unreduced} returns the dict itself.
 */
public final class DoNothingReducer extends Reducer {
    public static final CatalogInfo INFO = new CatalogInfo("R09", "Do-nothing reducer", "reducer", "T1",
            "PML DoNothingReducer", "ℓ (unreduced)");

    @Override
    public Tensor reduce(Map<String, LossTerms> dict, Tensor graphAnchor, int[] labels) {
        List<Tensor> parts = new ArrayList<>();
        for (LossTerms t : dict.values()) if (t.size() > 0) parts.add(t.losses().reshape(t.size()));
        if (parts.isEmpty()) return graphAnchor.mul(0.0).sum().reshape(1).slice(0, 0, 0);
        return parts.size() == 1 ? parts.get(0) : Tensor.concat(parts, 0);
    }

    /** The dict as given. */
    public Map<String, LossTerms> unreduced(Map<String, LossTerms> dict) {
        return dict;
    }

    @Override
    protected Tensor reduceTerms(LossTerms terms, int[] labels) {
        return terms.losses();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }
}
