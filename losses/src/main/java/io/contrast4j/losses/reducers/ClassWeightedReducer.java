package io.contrast4j.losses.reducers;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;

import java.util.Map;

/**
 * R06 · Class-weighted reducer (PML {@code ClassWeightedReducer(weights)}): mean_k(ℓ_k · w[label of the anchor of
 * term k]) (for element terms the element itself is the anchor).
 */
public final class ClassWeightedReducer extends Reducer {
    public static final CatalogInfo INFO = new CatalogInfo("R06", "Class-weighted reducer", "reducer", "T1",
            "PML ClassWeightedReducer", "mean(ℓ_k · w[y_anchor(k)])");
    private final double[] weights;

    public ClassWeightedReducer(double[] weights) {
        this.weights = weights.clone();
    }

    @Override
    protected Tensor reduceTerms(LossTerms terms, int[] labels) {
        if (labels == null || terms.anchors() == null) throw new IllegalArgumentException("ClassWeightedReducer: needs labels and the anchor index of every term");
        int[] a = terms.anchors();
        double[] w = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            int y = labels[a[k]];
            if (y < 0 || y >= weights.length) throw new IllegalArgumentException("ClassWeightedReducer: label " + y + " has no weight (" + weights.length + " weights)");
            w[k] = weights[y];
        }
        Tensor l = terms.losses();
        return l.mul(Tensor.of(w, a.length).to(l.dtype())).mean();
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("weights", "required");
    }
}
