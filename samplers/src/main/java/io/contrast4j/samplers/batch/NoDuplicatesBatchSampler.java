package io.contrast4j.samplers.batch;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * S002 · No-duplicates batch sampler (sentence-transformers {@code NoDuplicatesBatchSampler}).
 *
 * <p>Rule: walk a random permutation; add a row to the current batch only if none of its text values (all text
 * columns; labels and dataset names are not passed in) already occurs in the batch; skipped rows stay for later
 * batches; emit when B rows are collected. When a pass over the remaining rows cannot fill a batch, that partial
 * batch is emitted (or dropped with drop_last) and its rows are used up, as in ST. Every emitted batch has pairwise
 * disjoint value sets, so duplicates never become false in-batch negatives (L101–L104, L006). Multiple hard
 * negatives must be columns, not several rows per anchor (ST issue #2954). Defaults: batch_size 32, drop_last false.
 */
public final class NoDuplicatesBatchSampler extends AbstractBatchSampler {
    public static final Spec SPEC = new Spec(new CatalogInfo("S002", "No-duplicates batch sampler", "batch-sampler", "T1",
            "sentence-transformers NoDuplicatesBatchSampler", "greedy fill over a permutation, skipping rows sharing a text value with the batch"),
            Map.of("batch_size", "32", "drop_last", "false"),
            List.of(new Input("texts", Input.Type.INT, "N x C", false, "text values of every row (all text columns)")));

    private final int[][] values;
    private final int batchSize;
    private final boolean dropLast;

    /** @param texts the text values of each row (anchor, positive, negatives...; not the label) */
    public NoDuplicatesBatchSampler(String[][] texts, int batchSize, boolean dropLast) {
        super(SPEC, SamplerChecks.notNull("S002", "texts", texts).length);
        this.batchSize = SamplerChecks.positive("S002", "batch_size", batchSize);
        this.dropLast = dropLast;
        Map<String, Integer> ids = new HashMap<>();
        values = new int[texts.length][];
        for (int i = 0; i < texts.length; i++) {
            if (texts[i] == null) throw new IllegalArgumentException("S002: texts row " + i + " is null");
            values[i] = Arrays.stream(texts[i]).mapToInt(t -> {
                if (t == null) throw new IllegalArgumentException("S002: a text value is null");
                return ids.computeIfAbsent(t, k -> ids.size());
            }).distinct().toArray();
        }
    }

    @Override
    public List<int[]> batches(int epoch, Rng rng) {
        int[] order = SamplerChecks.permutation(size, rng);
        boolean[] used = new boolean[size];
        int remaining = size;
        int start = 0; // first possibly-unused position in order
        List<int[]> out = new ArrayList<>();
        while (remaining > 0) {
            while (used[order[start]]) start++;
            Set<Integer> batchValues = new HashSet<>();
            int[] batch = new int[batchSize];
            int count = 0;
            for (int pos = start; pos < size && count < batchSize; pos++) {
                int idx = order[pos];
                if (used[idx]) continue;
                boolean clash = false;
                for (int v : values[idx]) {
                    if (batchValues.contains(v)) {
                        clash = true;
                        break;
                    }
                }
                if (clash) continue;
                batch[count++] = idx;
                for (int v : values[idx]) batchValues.add(v);
            }
            for (int k = 0; k < count; k++) used[batch[k]] = true;
            remaining -= count;
            if (count == batchSize || !dropLast) out.add(Arrays.copyOf(batch, count));
        }
        return out;
    }
}
