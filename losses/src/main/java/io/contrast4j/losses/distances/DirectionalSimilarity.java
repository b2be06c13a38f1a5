package io.contrast4j.losses.distances;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;

import java.util.Map;

/**
 * D06 · Asymmetric directional similarity — Wang et al., <i>A Benchmark and Asymmetrical-Similarity Learning for
 * Practical Image Copy Detection</i> (AAAI 2023). The descriptor norm encodes the "information amount";
 * s(q → r) = ⟨q, r⟩ / ‖r‖² (a crop against its full image scores high, the reverse low). A similarity; never
 * normalised (that would erase the norm). Formula not verified against the paper: follows CATALOG.md ([K?]).
 */
public final class DirectionalSimilarity extends Distance {
    public static final CatalogInfo INFO = new CatalogInfo("D06", "Asymmetric directional similarity", "distance", "T2",
            "Wang et al. 2023, A Benchmark and Asymmetrical-Similarity Learning for Practical Image Copy Detection",
            "s(q -> r) = <q, r> / ‖r‖²");

    public DirectionalSimilarity() {
        super(false, 1);
    }

    @Override
    public boolean isInverted() {
        return true;
    }

    @Override
    protected Tensor computeMatrix(Tensor q, Tensor r) {
        Tensor rr = r.mul(r).sum(new int[]{1}, false).unsqueeze(0);
        return q.matmul(r, false, true).div(rr);
    }

    @Override
    protected Tensor computePairwise(Tensor q, Tensor r) {
        return q.mul(r).sum(new int[]{1}, false).div(r.mul(r).sum(new int[]{1}, false));
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of();
    }
}
