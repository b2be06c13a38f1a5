package io.contrast4j.losses.reducers;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;

/**
 * R05 · Divisor reducer (PML {@code DivisorReducer}, used by L010): Σ ℓ / divisor, the divisor supplied by the loss
 * with {@link LossTerms#withDivisor}; divisor 0 → zero loss with graph. A sub-loss without a divisor is an error.
 */
public final class DivisorReducer extends Reducer {
    public static final CatalogInfo INFO = new CatalogInfo("R05", "Divisor reducer", "reducer", "T1",
            "PML DivisorReducer", "Σ ℓ / divisor");

    @Override
    protected Tensor reduceTerms(LossTerms terms, int[] labels) {
        double d = terms.divisor();
        if (Double.isNaN(d)) throw new IllegalArgumentException("DivisorReducer: the loss supplied no divisor for its " + terms.type() + " terms");
        if (d == 0) return terms.losses().mul(0.0).sum();
        return terms.losses().sum().div(d);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }
}
