package io.contrast4j.samplers.batch;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * S015 · Contrastive-tension pair loader (sentence-transformers {@code ContrastiveTensionDataLoader}, for L126).
 *
 * <p>Rule: shuffle the sentences and walk them; in each batch of B pairs, pair j with j % pos_neg_ratio == 0 is the
 * identical pair (s, s) with label 1, every other pair is (s_i, s_{i+1}) with label 0 (consuming two sentences);
 * the walk stops when fewer than 2 sentences remain and an unfilled last batch is dropped (as ST). A batch is
 * returned flattened as {@code [s1, s2, s1, s2, ...]} (2·B indices); {@link #label(int)} gives a pair's label.
 * B % pos_neg_ratio must be 0. Defaults: batch_size 16, pos_neg_ratio 8.
 */
public final class ContrastiveTensionSampler extends AbstractBatchSampler {
    public static final Spec SPEC = new Spec(new CatalogInfo("S015", "Contrastive-tension pair loader", "batch-sampler", "T1",
            "sentence-transformers ContrastiveTensionDataLoader", "every pos_neg_ratio-th pair (s,s) label 1, others (s_i,s_{i+1}) label 0"),
            Map.of("batch_size", "16", "pos_neg_ratio", "8"),
            List.of(Input.ints("size", "scalar", "number of sentences")));

    private final int batchSize, ratio;

    public ContrastiveTensionSampler(int size, int batchSize, int posNegRatio) {
        super(SPEC, size);
        this.batchSize = SamplerChecks.positive("S015", "batch_size", batchSize);
        this.ratio = SamplerChecks.positive("S015", "pos_neg_ratio", posNegRatio);
        if (batchSize % posNegRatio != 0) {
            throw new IllegalArgumentException("S015: batch_size=" + batchSize + " must be divisible by pos_neg_ratio=" + posNegRatio);
        }
    }

    /** Label of pair {@code j} of a batch: 1 for the identical pairs (j % pos_neg_ratio == 0), else 0. */
    public float label(int j) {
        return j % ratio == 0 ? 1f : 0f;
    }

    @Override
    public List<int[]> batches(int epoch, Rng rng) {
        int[] s = SamplerChecks.permutation(size, rng);
        List<int[]> out = new ArrayList<>();
        int[] batch = new int[2 * batchSize];
        int pairs = 0;
        int idx = 0;
        while (idx + 1 < s.length) {
            int s1 = s[idx], s2;
            if (pairs % ratio > 0) {
                idx++;
                s2 = s[idx];
            } else {
                s2 = s1;
            }
            idx++;
            batch[2 * pairs] = s1;
            batch[2 * pairs + 1] = s2;
            if (++pairs == batchSize) {
                out.add(batch);
                batch = new int[2 * batchSize];
                pairs = 0;
            }
        }
        return out;
    }
}
