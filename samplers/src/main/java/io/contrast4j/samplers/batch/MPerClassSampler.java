package io.contrast4j.samplers.batch;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * S004 · m-per-class (P×K) sampler (pytorch-metric-learning {@code MPerClassSampler}); the P×K batches of the MS
 * loss (L011) and the N×M speaker batches of GE2E (L026).
 *
 * <p>Rule: each batch shuffles the labels, takes P = B/m of them and draws m indices per label, without replacement
 * (with replacement only for a class smaller than m, and only when {@code allow_repeats}); a batch lists its classes
 * one after the other, m indices each. An epoch is ⌊length_before_new_iter / B⌋ batches (PML rounds the list length
 * down to a multiple of B). Asserts as PML: B % m == 0 and m·#labels ≥ B. Deviation from PML: a class with fewer
 * than m samples is refused unless {@code allow_repeats=true} (PML repeats silently).
 * Defaults: m 4, batch_size 32, length_before_new_iter 100000, allow_repeats false.
 */
public final class MPerClassSampler extends AbstractBatchSampler {
    public static final Spec SPEC = new Spec(new CatalogInfo("S004", "m-per-class (PxK) sampler", "batch-sampler", "T1",
            "pytorch-metric-learning MPerClassSampler; MS loss PxK batches; GE2E NxM batches",
            "per batch: P = B/m random labels, m samples each"),
            Map.of("m", "4", "batch_size", "32", "length_before_new_iter", "100000", "allow_repeats", "false"),
            List.of(Input.ints("labels", "N", "class labels")));

    private final int[][] classes;
    private final int m;
    private final int batchSize;
    private final int numBatches;

    public MPerClassSampler(int[] labels, int m, int batchSize, int lengthBeforeNewIter, boolean allowRepeats) {
        super(SPEC, SamplerChecks.notNull("S004", "labels", labels).length);
        this.m = SamplerChecks.positive("S004", "m", m);
        this.batchSize = SamplerChecks.positive("S004", "batch_size", batchSize);
        SamplerChecks.positive("S004", "length_before_new_iter", lengthBeforeNewIter);
        if (batchSize % m != 0) {
            throw new IllegalArgumentException("S004: batch_size=" + batchSize + " is not a multiple of m=" + m + " (P x K batches need batch_size = P*m)");
        }
        TreeMap<Integer, int[]> byLabel = SamplerChecks.byLabel(labels);
        int p = batchSize / m;
        if (byLabel.size() < p) {
            throw new IllegalArgumentException("S004: batch_size=" + batchSize + " needs " + p + " classes of m=" + m + " but the data has "
                    + byLabel.size() + " classes (lower batch_size or m)");
        }
        if (!allowRepeats) {
            for (Map.Entry<Integer, int[]> e : byLabel.entrySet()) {
                if (e.getValue().length < m) {
                    throw new IllegalArgumentException("S004: class " + e.getKey() + " has " + e.getValue().length + " samples but m=" + m
                            + " (set allow_repeats=true or lower m)");
                }
            }
        }
        if (lengthBeforeNewIter < batchSize) {
            throw new IllegalArgumentException("S004: length_before_new_iter=" + lengthBeforeNewIter + " is smaller than batch_size=" + batchSize);
        }
        this.classes = byLabel.values().toArray(new int[0][]);
        this.numBatches = lengthBeforeNewIter / batchSize;
    }

    /** Batches per epoch. */
    public int numBatches() {
        return numBatches;
    }

    @Override
    public List<int[]> batches(int epoch, Rng rng) {
        int p = batchSize / m;
        List<int[]> out = new ArrayList<>(numBatches);
        int[] labelOrder = new int[classes.length];
        for (int i = 0; i < labelOrder.length; i++) labelOrder[i] = i;
        for (int b = 0; b < numBatches; b++) {
            rng.shuffle(labelOrder);
            int[] batch = new int[batchSize];
            for (int c = 0; c < p; c++) {
                int[] members = classes[labelOrder[c]];
                if (members.length >= m) {
                    System.arraycopy(SamplerChecks.choose(members, m, rng), 0, batch, c * m, m);
                } else {
                    for (int j = 0; j < m; j++) batch[c * m + j] = members[rng.nextInt(members.length)];
                }
            }
            out.add(batch);
        }
        return out;
    }
}
