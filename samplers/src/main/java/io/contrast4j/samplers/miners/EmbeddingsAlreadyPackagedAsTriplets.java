package io.contrast4j.samplers.miners;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.losses.IndicesTuple;

import java.util.List;
import java.util.Map;

/**
 * S110 · Embeddings already packaged as triplets (pytorch-metric-learning {@code EmbeddingsAlreadyPackagedAsTriplets};
 * pairs with the S006 sampler).
 *
 * <p>Rule: the batch is laid out a, p, n, a, p, n, ... and the triplets are (3i, 3i+1, 3i+2); labels are ignored.
 * The batch size must be a multiple of 3; a reference set is refused. No defaults.
 */
public final class EmbeddingsAlreadyPackagedAsTriplets implements Miner {
    public static final CatalogInfo INFO = new CatalogInfo("S110", "Embeddings already packaged as triplets", "miner", "T1",
            "pytorch-metric-learning EmbeddingsAlreadyPackagedAsTriplets", "triplets (3i, 3i+1, 3i+2)");

    @Override
    public IndicesTuple mine(Tensor embeddings, int[] labels, Tensor refEmbeddings, int[] refLabels) {
        BaseMiner.checkInputs("S110", embeddings, labels, refEmbeddings, refLabels);
        if (refEmbeddings != null) throw new IllegalArgumentException("S110: a reference set is not supported (the batch itself holds the triplets)");
        int n = embeddings.dim(0);
        if (n % 3 != 0) throw new IllegalArgumentException("S110: batch size " + n + " is not a multiple of 3 (layout a, p, n, a, p, n, ...)");
        int t = n / 3;
        int[] a = new int[t], p = new int[t], ng = new int[t];
        for (int i = 0; i < t; i++) {
            a[i] = 3 * i;
            p[i] = 3 * i + 1;
            ng[i] = 3 * i + 2;
        }
        return IndicesTuple.triplets(a, p, ng);
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of();
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats("embeddings", "N x D", "embeddings laid out a, p, n, a, p, n, ..."),
                Input.ints("labels", "N", "class labels (ignored)"));
    }
}
