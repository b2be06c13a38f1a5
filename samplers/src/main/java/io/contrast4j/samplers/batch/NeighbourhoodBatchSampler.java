package io.contrast4j.samplers.batch;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.samplers.index.ExcludeFilter;
import io.contrast4j.samplers.index.KnnIndex;
import io.contrast4j.samplers.index.Metric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * S014 · Neighbourhood batches: Dynamic Similarity Sampling (Deuser et al., <i>Sample4Geo</i>) and metadata /
 * shared-reference batches (RTD refined batch sampling).
 *
 * <p>Rule: from the current embeddings (or metadata vectors such as GPS coordinates, with L2) take each sample's
 * k nearest neighbours (cosine, via {@link KnnIndex}); per epoch walk a random order of seed samples: a batch is
 * filled with an unused seed followed by its unused neighbours, then the next seed, until B; a sample whose
 * group (location / identity) is already in the batch is skipped (it stays for a later batch), so no batch holds two
 * items of one group. Every sample appears exactly once per epoch; only the last batch may be short (or a batch
 * that cannot be filled because all remaining samples clash). {@link #refresh(float[][])} recomputes the neighbours
 * each epoch with the current encoder. Formula not verified against the papers: follows CATALOG.md ([K]/[K?]).
 * Defaults: batch_size 32, neighbours 8, metric cosine.
 */
public final class NeighbourhoodBatchSampler extends AbstractBatchSampler {
    public static final Spec SPEC = new Spec(new CatalogInfo("S014", "Neighbourhood batches (Dynamic Similarity Sampling)", "batch-sampler", "T2",
            "Sample4Geo Dynamic Similarity Sampling; RTD refined batch sampling",
            "batch = seed + its k nearest unused neighbours, no two samples of one group"),
            Map.of("batch_size", "32", "neighbours", "8", "metric", "cosine"),
            List.of(Input.floats("embeddings", "N x D", "current embeddings or metadata vectors"),
                    Input.ints("groups", "N", "location / identity id (optional; default: every sample its own)").asOptional()));

    private final int batchSize, k;
    private final int[] groups;
    private final Metric metric;
    private int[][] neighbours;

    public NeighbourhoodBatchSampler(float[][] embeddings, int[] groups, int batchSize, int neighbours, Metric metric) {
        super(SPEC, SamplerChecks.notNull("S014", "embeddings", embeddings).length);
        this.batchSize = SamplerChecks.positive("S014", "batch_size", batchSize);
        this.k = SamplerChecks.positive("S014", "neighbours", neighbours);
        if (groups != null && groups.length != size) throw new IllegalArgumentException("S014: " + size + " embeddings but " + groups.length + " groups");
        this.groups = groups;
        this.metric = metric == null ? Metric.COSINE : metric;
        refresh(embeddings);
    }

    /** Recomputes the neighbour lists from new embeddings of the same samples. */
    public void refresh(float[][] embeddings) {
        if (embeddings == null || embeddings.length != size) throw new IllegalArgumentException("S014: refresh needs embeddings of all " + size + " samples");
        if (size == 1) {
            neighbours = new int[][]{new int[0]};
            return;
        }
        KnnIndex index = KnnIndex.of(embeddings, metric);
        neighbours = index.searchCorpus(Math.min(k, size - 1), ExcludeFilter.self()).ids();
    }

    public int[] neighboursOf(int i) {
        return neighbours[i].clone();
    }

    private int group(int i) {
        return groups == null ? i : groups[i];
    }

    @Override
    public List<int[]> batches(int epoch, Rng rng) {
        int[] order = SamplerChecks.permutation(size, rng);
        boolean[] used = new boolean[size];
        int remaining = size, start = 0;
        List<int[]> out = new ArrayList<>();
        while (remaining > 0) {
            while (used[order[start]]) start++;
            int[] batch = new int[batchSize];
            int count = 0;
            Set<Integer> inBatch = new HashSet<>();
            for (int pos = start; pos < size && count < batchSize; pos++) {
                int s = order[pos];
                if (used[s] || inBatch.contains(group(s))) continue;
                used[s] = true;
                inBatch.add(group(s));
                batch[count++] = s;
                for (int nb : neighbours[s]) {
                    if (count == batchSize) break;
                    if (used[nb] || inBatch.contains(group(nb))) continue;
                    used[nb] = true;
                    inBatch.add(group(nb));
                    batch[count++] = nb;
                }
            }
            remaining -= count;
            out.add(Arrays.copyOf(batch, count));
        }
        return out;
    }
}
