package io.contrast4j.samplers.batch;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;

import java.util.List;
import java.util.Map;

/**
 * S001 · Default shuffled batch sampler (sentence-transformers {@code DefaultBatchSampler},
 * {@code BatchSamplers.BATCH_SAMPLER}).
 *
 * <p>Rule: a random permutation of all indices per epoch, cut into consecutive batches of {@code batch_size};
 * the last partial batch is dropped when {@code drop_last}. Epoch length: ⌈n / B⌉ batches (⌊n / B⌋ with drop_last).
 * Defaults: batch_size 32, drop_last false.
 */
public final class DefaultBatchSampler extends AbstractBatchSampler {
    public static final Spec SPEC = new Spec(new CatalogInfo("S001", "Default shuffled batch sampler", "batch-sampler", "T1",
            "sentence-transformers DefaultBatchSampler", "random permutation per epoch, consecutive chunks of B"),
            Map.of("batch_size", "32", "drop_last", "false"),
            List.of(Input.ints("size", "scalar", "number of samples")));

    private final int batchSize;
    private final boolean dropLast;

    public DefaultBatchSampler(int size, int batchSize, boolean dropLast) {
        super(SPEC, size);
        this.batchSize = SamplerChecks.positive("S001", "batch_size", batchSize);
        this.dropLast = dropLast;
        if (dropLast && size < batchSize) {
            throw new IllegalArgumentException("S001: " + size + " samples cannot fill one batch of batch_size=" + batchSize + " with drop_last=true");
        }
    }

    @Override
    public List<int[]> batches(int epoch, Rng rng) {
        return SamplerChecks.chunks(SamplerChecks.permutation(size, rng), batchSize, dropLast);
    }
}
