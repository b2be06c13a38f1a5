package io.contrast4j.losses.reducers;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;

/** R02 · Sum reducer (PML {@code SumReducer}): Σ ℓ of each sub-loss. */
public final class SumReducer extends Reducer {
    public static final CatalogInfo INFO = new CatalogInfo("R02", "Sum reducer", "reducer", "T1", "PML SumReducer", "Σ ℓ");

    @Override
    protected Tensor reduceTerms(LossTerms terms, int[] labels) {
        return terms.losses().sum();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }
}
