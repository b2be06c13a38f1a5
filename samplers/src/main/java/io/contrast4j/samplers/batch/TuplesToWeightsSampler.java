package io.contrast4j.samplers.batch;

import io.contrast4j.autograd.Grad;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.samplers.miners.Miner;
import io.contrast4j.samplers.miners.TupleConversions;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * S007 · Tuples-to-weights sampler (pytorch-metric-learning {@code TuplesToWeightsSampler(model, miner, dataset,
 * subset_size)}).
 *
 * <p>Rule: at the start of every epoch embed a random subset of {@code subset_size} samples (all when 0; drawn
 * without replacement) with the current model, run the miner on it, weight each subset sample by its number of
 * appearances in the mined tuple / the maximum (S100 convertToWeights; all 1 if nothing was mined; samples outside
 * the subset weigh 0), then draw the epoch's samples (subset_size, or n) with replacement proportionally to the
 * weights, cut into batches of B. Defaults: batch_size 32, subset_size 0 (all), miner S104.
 */
public final class TuplesToWeightsSampler extends AbstractBatchSampler {
    public static final Spec SPEC = new Spec(new CatalogInfo("S007", "Tuples-to-weights sampler", "batch-sampler", "T1",
            "pytorch-metric-learning TuplesToWeightsSampler", "weight_i = appearances of i in mined tuples / max; weighted sampling with replacement"),
            Map.of("batch_size", "32", "subset_size", "0", "miner", "S104"),
            List.of(Input.ints("labels", "N", "class labels"), Input.floats("embedder", "N x D", "the current model, embedding samples by index")));

    private final int[] labels;
    private final Function<int[], Tensor> embedder;
    private final Miner miner;
    private final int batchSize, subsetSize;

    public TuplesToWeightsSampler(int[] labels, Function<int[], Tensor> embedder, Miner miner, int batchSize, int subsetSize) {
        super(SPEC, SamplerChecks.notNull("S007", "labels", labels).length);
        this.labels = labels.clone();
        this.embedder = SamplerChecks.notNull("S007", "embedder", embedder);
        this.miner = SamplerChecks.notNull("S007", "miner", miner);
        this.batchSize = SamplerChecks.positive("S007", "batch_size", batchSize);
        if (subsetSize < 0 || subsetSize > size) throw new IllegalArgumentException("S007: parameter 'subset_size' must be in [0, " + size + "], got " + subsetSize);
        this.subsetSize = subsetSize;
    }

    /** Per-sample weights for a subset (indices into the data set), from the current embeddings and the miner. */
    public double[] weights(int[] subset) {
        Tensor emb;
        try (Grad.Scope g = Grad.off()) {
            emb = embedder.apply(subset);
        }
        if (emb == null || emb.rank() != 2 || emb.dim(0) != subset.length) {
            throw new IllegalArgumentException("S007: the embedder must return " + subset.length + " x D embeddings");
        }
        int[] y = new int[subset.length];
        for (int k = 0; k < subset.length; k++) y[k] = labels[subset[k]];
        IndicesTuple t = miner.mine(emb, y);
        float[] local = TupleConversions.convertToWeights(t, subset.length);
        double[] w = new double[size];
        for (int k = 0; k < subset.length; k++) w[subset[k]] = local[k];
        return w;
    }

    @Override
    public List<int[]> batches(int epoch, Rng rng) {
        int[] subset = subsetSize == 0 ? SamplerChecks.permutation(size, rng) : SamplerChecks.choose(SamplerChecks.permutation(size, rng), subsetSize, rng);
        if (subsetSize == 0) java.util.Arrays.sort(subset);
        double[] w = weights(subset);
        double[] cum = new double[size];
        double acc = 0;
        for (int i = 0; i < size; i++) {
            acc += w[i];
            cum[i] = acc;
        }
        int len = subsetSize == 0 ? size : subsetSize;
        int[] draws = new int[len];
        for (int t = 0; t < len; t++) {
            double u = rng.nextDouble() * acc;
            int lo = 0, hi = size - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cum[mid] > u) hi = mid;
                else lo = mid + 1;
            }
            draws[t] = lo;
        }
        return SamplerChecks.chunks(draws, batchSize, false);
    }
}
