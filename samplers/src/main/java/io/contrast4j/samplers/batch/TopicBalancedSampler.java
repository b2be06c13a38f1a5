package io.contrast4j.samplers.batch;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * S012 · Topic-aware balanced sampling, TAS-Balanced (Hofstätter et al., <i>Efficiently Teaching an Effective Dense
 * Retriever with Balanced Topic Aware Sampling</i>; repo sebastian-hofstaetter/tas-balanced-dense-retrieval).
 *
 * <p>Rule: once before training, the queries are clustered by k-means (S016) on embeddings from a baseline encoder
 * (or topic ids are given); each batch draws its B queries from one topic cluster chosen uniformly, without
 * replacement; when a cluster has fewer than B queries left the batch is completed from further random clusters
 * (documented choice; the paper's clusters are larger than B). Epoch: ⌈n / B⌉ batches; a query may recur across
 * batches of an epoch. Balanced margin sampling ({@link #pickBalanced}): the (p⁺, p⁻) pairs of a query are binned
 * by teacher margin into h equal-width bins, a non-empty bin is chosen uniformly, then a pair in it. The loss
 * (L201 with two teachers) is not part of the sampler. h = 10 is not verified against the paper ([K?]).
 * Defaults: batch_size 32, clusters 16 (paper: 2000 at MS MARCO scale), bins 10, seed 0.
 */
public final class TopicBalancedSampler extends AbstractBatchSampler {
    public static final Spec SPEC = new Spec(new CatalogInfo("S012", "Topic-aware balanced sampling (TAS-Balanced)", "batch-sampler", "T1",
            "Efficiently Teaching an Effective Dense Retriever with Balanced Topic Aware Sampling",
            "batch = B queries of one k-means topic cluster; pairs drawn uniformly over margin bins"),
            Map.of("batch_size", "32", "clusters", "16", "bins", "10", "seed", "0"),
            List.of(Input.floats("embeddings", "N x D", "query embeddings from a baseline encoder (or topic ids as groups)")));

    private final int[][] topics;
    private final int batchSize;

    /** @param topicOfQuery cluster / topic id of every query */
    public TopicBalancedSampler(int[] topicOfQuery, int batchSize) {
        super(SPEC, SamplerChecks.notNull("S012", "topics", topicOfQuery).length);
        this.batchSize = SamplerChecks.positive("S012", "batch_size", batchSize);
        if (batchSize > size) throw new IllegalArgumentException("S012: batch_size=" + batchSize + " exceeds the " + size + " queries");
        TreeMap<Integer, int[]> by = SamplerChecks.byLabel(topicOfQuery);
        topics = by.values().toArray(new int[0][]);
    }

    /** Clusters the query embeddings with k-means (S016) first. */
    public static TopicBalancedSampler fromEmbeddings(float[][] queryEmbeddings, int clusters, int batchSize, long seed) {
        SamplerChecks.notNull("S012", "embeddings", queryEmbeddings);
        SamplerChecks.positive("S012", "clusters", clusters);
        if (clusters > queryEmbeddings.length) {
            throw new IllegalArgumentException("S012: clusters=" + clusters + " exceeds the " + queryEmbeddings.length + " queries");
        }
        return new TopicBalancedSampler(Clustering.kmeans(queryEmbeddings, clusters, true, seed), batchSize);
    }

    public int numTopics() {
        return topics.length;
    }

    @Override
    public List<int[]> batches(int epoch, Rng rng) {
        int nb = (size + batchSize - 1) / batchSize;
        List<int[]> out = new ArrayList<>(nb);
        for (int b = 0; b < nb; b++) {
            int[] batch = new int[batchSize];
            boolean[] used = new boolean[topics.length];
            int k = 0;
            while (k < batchSize) {
                int t;
                do {
                    t = rng.nextInt(topics.length);
                } while (used[t]);
                used[t] = true;
                int take = Math.min(batchSize - k, topics[t].length);
                System.arraycopy(SamplerChecks.choose(topics[t], take, rng), 0, batch, k, take);
                k += take;
            }
            out.add(batch);
        }
        return out;
    }

    /**
     * Balanced margin sampling: index of a pair among {@code margins} (teacher t(p⁺) − t(p⁻) per candidate pair of
     * one query), choosing one of {@code bins} equal-width bins over [min, max] uniformly among the non-empty ones.
     */
    public static int pickBalanced(double[] margins, int bins, Rng rng) {
        if (margins == null || margins.length == 0) throw new IllegalArgumentException("S012: a query has no (positive, negative) pairs");
        if (bins <= 0) throw new IllegalArgumentException("S012: parameter 'bins' must be > 0, got " + bins);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double m : margins) {
            if (!Double.isFinite(m)) throw new IllegalArgumentException("S012: teacher margin is not finite");
            lo = Math.min(lo, m);
            hi = Math.max(hi, m);
        }
        List<List<Integer>> bucket = new ArrayList<>();
        for (int b = 0; b < bins; b++) bucket.add(new ArrayList<>());
        for (int i = 0; i < margins.length; i++) {
            int b = hi > lo ? (int) Math.min(bins - 1, Math.floor((margins[i] - lo) / (hi - lo) * bins)) : 0;
            bucket.get(b).add(i);
        }
        bucket.removeIf(List::isEmpty);
        List<Integer> chosen = bucket.get(rng.nextInt(bucket.size()));
        return chosen.get(rng.nextInt(chosen.size()));
    }
}
