package io.contrast4j.losses.distances;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;

import java.util.Map;

/** D02 · Cosine similarity (PML {@code CosineSimilarity}, ST {@code cos_sim}): s = q̂·r̂, always normalised, a similarity. */
public final class CosineSimilarity extends Distance {
    public static final CatalogInfo INFO = new CatalogInfo("D02", "Cosine similarity", "distance", "T1",
            "PML CosineSimilarity; ST cos_sim, pairwise_cos_sim", "s = q̂·r̂");

    public CosineSimilarity() {
        this(1);
    }

    public CosineSimilarity(double power) {
        super(true, power);
    }

    @Override
    public boolean isInverted() {
        return true;
    }

    @Override
    protected Tensor computeMatrix(Tensor q, Tensor r) {
        return q.matmul(r, false, true);
    }

    @Override
    protected Tensor computePairwise(Tensor q, Tensor r) {
        return q.mul(r).sum(new int[]{1}, false);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("power", "1");
    }
}
