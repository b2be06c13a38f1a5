package io.contrast4j.samplers.batch;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * S013 · Negative-mining-aware mini-batching (Dahiya et al., <i>NGAME: Negative Mining-aware Mini-batching for
 * Extreme Classification</i>).
 *
 * <p>Rule: cluster the current embeddings of all training points into balanced clusters of at most
 * {@code cluster_size} points (recursive 2-means, S016); a batch is the union of randomly chosen clusters, filled up
 * to B (clusters are taken whole while they fit, the last one is cut), so in-batch neighbours act as hard negatives.
 * Every point appears once per epoch. {@link #recluster(float[][], int)} refreshes the clusters (every few epochs
 * with the current encoder) and may grow the cluster size (curriculum). The clustering of the constructor is drawn
 * from {@code seed}. Cluster size 2–16 growing and re-clustering every ~5 epochs are not verified against the paper
 * (catalog [K?]). Defaults: batch_size 32, cluster_size 8, seed 0.
 */
public final class NgameBatchSampler extends AbstractBatchSampler {
    public static final Spec SPEC = new Spec(new CatalogInfo("S013", "Negative-mining-aware mini-batching (NGAME)", "batch-sampler", "T1",
            "NGAME: Negative Mining-aware Mini-batching for Extreme Classification",
            "batch = union of random balanced 2-means clusters of the current embeddings"),
            Map.of("batch_size", "32", "cluster_size", "8", "seed", "0"),
            List.of(Input.floats("embeddings", "N x D", "current embeddings of all points")));

    private final int batchSize;
    private final long seed;
    private List<int[]> clusters;
    private int clusterSize;

    public NgameBatchSampler(float[][] embeddings, int batchSize, int clusterSize, long seed) {
        super(SPEC, SamplerChecks.notNull("S013", "embeddings", embeddings).length);
        this.batchSize = SamplerChecks.positive("S013", "batch_size", batchSize);
        this.seed = seed;
        recluster(embeddings, clusterSize);
    }

    /** Re-clusters with new embeddings (same points) and cluster size. */
    public void recluster(float[][] embeddings, int newClusterSize) {
        SamplerChecks.positive("S013", "cluster_size", newClusterSize);
        if (embeddings == null || embeddings.length != size) {
            throw new IllegalArgumentException("S013: recluster needs embeddings of all " + size + " points");
        }
        if (newClusterSize > batchSize) {
            throw new IllegalArgumentException("S013: cluster_size=" + newClusterSize + " exceeds batch_size=" + batchSize);
        }
        this.clusterSize = newClusterSize;
        this.clusters = Clustering.balanced(embeddings, newClusterSize, new Rng(seed));
    }

    public List<int[]> clusters() {
        return List.copyOf(clusters);
    }

    public int clusterSize() {
        return clusterSize;
    }

    @Override
    public List<int[]> batches(int epoch, Rng rng) {
        int[] order = SamplerChecks.permutation(clusters.size(), rng);
        int[] flat = new int[size];
        int k = 0;
        for (int c : order) for (int i : clusters.get(c)) flat[k++] = i;
        return SamplerChecks.chunks(flat, batchSize, false);
    }
}
