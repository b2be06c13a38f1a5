package io.contrast4j.losses.reducers;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;

import java.util.Map;

/**
 * R04 · Threshold reducer (PML {@code ThresholdReducer(low, high)}): mean over the terms with low &lt; ℓ (when low is
 * set) and ℓ &lt; high (when high is set); membership is frozen; none kept → zero loss with graph. Unset bounds are
 * NaN. R03 is this reducer with low = 0.
 */
public final class ThresholdReducer extends Reducer {
    public static final CatalogInfo INFO = new CatalogInfo("R04", "Threshold reducer", "reducer", "T1",
            "PML ThresholdReducer", "mean of ℓ with low < ℓ < high");
    private final double low, high;

    public ThresholdReducer(double low, double high) {
        if (Double.isNaN(low) && Double.isNaN(high)) throw new IllegalArgumentException("ThresholdReducer: at least one of 'low' and 'high' must be set");
        if (!Double.isNaN(low) && !Double.isNaN(high) && !(low < high)) throw new IllegalArgumentException("ThresholdReducer: 'low' " + low + " must be < 'high' " + high);
        this.low = low;
        this.high = high;
    }

    @Override
    protected Tensor reduceTerms(LossTerms terms, int[] labels) {
        Tensor l = terms.losses();
        Tensor d = l.detach();
        Tensor keep = Tensor.ones(l.dtype(), l.shape());
        if (!Double.isNaN(low)) keep = keep.mul(d.gt(low));
        if (!Double.isNaN(high)) keep = keep.mul(d.lt(high));
        double count = keep.sum().item();
        if (count == 0) return l.mul(0.0).sum();
        return l.mul(keep).sum().div(count);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("low", "unset", "high", "unset");
    }
}
