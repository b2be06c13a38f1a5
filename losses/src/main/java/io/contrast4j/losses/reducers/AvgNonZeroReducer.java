package io.contrast4j.losses.reducers;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;

/**
 * R03 · Average-non-zero reducer (PML {@code AvgNonZeroReducer}; ST BatchAll behaviour): mean over the terms
 * with ℓ &gt; 0 (membership frozen); none → zero loss with graph.
 */
public final class AvgNonZeroReducer extends Reducer {
    public static final CatalogInfo INFO = new CatalogInfo("R03", "Average-non-zero reducer", "reducer", "T1",
            "PML AvgNonZeroReducer", "Σ ℓ / #{ℓ > 0}");

    @Override
    protected Tensor reduceTerms(LossTerms terms, int[] labels) {
        Tensor l = terms.losses();
        double count = l.detach().gt(0.0).sum().item();
        if (count == 0) return l.mul(0.0).sum();
        return l.sum().div(count);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }
}
