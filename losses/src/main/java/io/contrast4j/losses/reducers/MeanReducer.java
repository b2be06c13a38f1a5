package io.contrast4j.losses.reducers;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;

/** R01 · Mean reducer (PML {@code MeanReducer}): mean of the terms of each sub-loss. */
public final class MeanReducer extends Reducer {
    public static final CatalogInfo INFO = new CatalogInfo("R01", "Mean reducer", "reducer", "T1", "PML MeanReducer", "mean(ℓ)");

    @Override
    protected Tensor reduceTerms(LossTerms terms, int[] labels) {
        return terms.losses().mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }
}
