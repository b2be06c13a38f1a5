package io.contrast4j.samplers.batch;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * S003 · Group-by-label batch sampler (sentence-transformers {@code GroupByLabelBatchSampler}).
 *
 * <p>Rule: group indices by label (labels in order of first appearance), truncate each group to an even size
 * (a label with one sample is dropped), visit the labels in a random order appending whole groups, and emit every
 * B indices; the remainder is a last partial batch unless drop_last. B must be even. Meant for L003/L004/L005.
 * Defaults: batch_size 32, drop_last false.
 */
public final class GroupByLabelBatchSampler extends AbstractBatchSampler {
    public static final Spec SPEC = new Spec(new CatalogInfo("S003", "Group-by-label batch sampler", "batch-sampler", "T1",
            "sentence-transformers GroupByLabelBatchSampler", "labels in random order, whole even-sized groups appended, emit every B"),
            Map.of("batch_size", "32", "drop_last", "false"),
            List.of(Input.ints("labels", "N", "class labels")));

    private final int[][] groups;
    private final int batchSize;
    private final boolean dropLast;

    public GroupByLabelBatchSampler(int[] labels, int batchSize, boolean dropLast) {
        super(SPEC, SamplerChecks.notNull("S003", "labels", labels).length);
        this.batchSize = SamplerChecks.positive("S003", "batch_size", batchSize);
        if (batchSize % 2 != 0) throw new IllegalArgumentException("S003: parameter 'batch_size' must be even, got " + batchSize);
        this.dropLast = dropLast;
        Map<Integer, List<Integer>> m = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i++) m.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
        List<int[]> g = new ArrayList<>();
        int total = 0;
        for (List<Integer> idx : m.values()) {
            int even = idx.size() / 2 * 2;
            if (even == 0) continue;
            g.add(idx.subList(0, even).stream().mapToInt(Integer::intValue).toArray());
            total += even;
        }
        if (total == 0) throw new IllegalArgumentException("S003: no label has at least 2 samples, so no group can be formed");
        if (dropLast && total < batchSize) {
            throw new IllegalArgumentException("S003: only " + total + " samples are in labels with >= 2 samples, fewer than batch_size=" + batchSize + " with drop_last=true");
        }
        groups = g.toArray(new int[0][]);
    }

    @Override
    public List<int[]> batches(int epoch, Rng rng) {
        int[] order = SamplerChecks.permutation(groups.length, rng);
        int total = 0;
        for (int[] g : groups) total += g.length;
        int[] flat = new int[total];
        int k = 0;
        for (int gi : order) {
            System.arraycopy(groups[gi], 0, flat, k, groups[gi].length);
            k += groups[gi].length;
        }
        return SamplerChecks.chunks(flat, batchSize, dropLast);
    }

    /** Number of labels kept (those with at least 2 samples). */
    public int numGroups() {
        return groups.length;
    }
}
