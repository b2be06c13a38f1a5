package io.contrast4j.losses.distances;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;

import java.util.Map;

/**
 * D03 · Dot-product similarity (PML {@code DotProductSimilarity}, ST {@code dot_score}): s = q·r. PML normalises by
 * default (then it equals cosine); ST does not. Default here: normalize = true (PML).
 */
public final class DotProductSimilarity extends Distance {
    public static final CatalogInfo INFO = new CatalogInfo("D03", "Dot-product similarity", "distance", "T1",
            "PML DotProductSimilarity; ST dot_score", "s = q·r");

    public DotProductSimilarity() {
        this(true);
    }

    public DotProductSimilarity(boolean normalizeEmbeddings) {
        super(normalizeEmbeddings, 1);
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
        return Map.of("normalize", "true");
    }
}
