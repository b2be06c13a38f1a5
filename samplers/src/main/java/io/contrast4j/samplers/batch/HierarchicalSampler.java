package io.contrast4j.samplers.batch;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * S005 · Hierarchical sampler (pytorch-metric-learning {@code HierarchicalSampler}), for two-level labels
 * (class, super-class).
 *
 * <p>Rule: for every combination of {@code super_classes_per_batch} super-classes build
 * {@code batches_per_super_tuple} batches; a batch is split evenly among the chosen super-classes, and each part
 * is filled with {@code samples_per_class} samples from its classes taken in random order (with replacement only
 * for a class smaller than samples_per_class, as PML's safe_random_choice); finally shuffle within each batch and
 * shuffle the batches. Checks: B % super_classes_per_batch == 0, (B / super_classes_per_batch) % samples_per_class
 * == 0, at least super_classes_per_batch super-classes, every class in one super-class, and (unlike PML, which
 * silently emits short batches) every super-class has enough classes to fill its part.
 * Defaults: batch_size 32, samples_per_class 4, batches_per_super_tuple 4, super_classes_per_batch 2.
 */
public final class HierarchicalSampler extends AbstractBatchSampler {
    public static final Spec SPEC = new Spec(new CatalogInfo("S005", "Hierarchical sampler", "batch-sampler", "T1",
            "pytorch-metric-learning HierarchicalSampler",
            "per super-class tuple: batches split evenly among super-classes, samples_per_class per class"),
            Map.of("batch_size", "32", "samples_per_class", "4", "batches_per_super_tuple", "4", "super_classes_per_batch", "2"),
            List.of(Input.ints("labels", "N", "class labels"), Input.ints("super_labels", "N", "super-class labels")));

    private final int[][][] superToClasses; // super index -> class -> indices
    private final List<int[]> tuples;
    private final int batchSize, samplesPerClass, batchesPerTuple, subBatchLen;

    public HierarchicalSampler(int[] labels, int[] superLabels, int batchSize, int samplesPerClass, int batchesPerSuperTuple,
                               int superClassesPerBatch) {
        super(SPEC, SamplerChecks.notNull("S005", "labels", labels).length);
        SamplerChecks.notNull("S005", "super_labels", superLabels);
        if (superLabels.length != labels.length) {
            throw new IllegalArgumentException("S005: " + labels.length + " labels but " + superLabels.length + " super_labels");
        }
        this.batchSize = SamplerChecks.positive("S005", "batch_size", batchSize);
        this.samplesPerClass = SamplerChecks.positive("S005", "samples_per_class", samplesPerClass);
        this.batchesPerTuple = SamplerChecks.positive("S005", "batches_per_super_tuple", batchesPerSuperTuple);
        SamplerChecks.positive("S005", "super_classes_per_batch", superClassesPerBatch);
        if (batchSize % superClassesPerBatch != 0) {
            throw new IllegalArgumentException("S005: batch_size=" + batchSize + " is not a multiple of super_classes_per_batch=" + superClassesPerBatch);
        }
        subBatchLen = batchSize / superClassesPerBatch;
        if (subBatchLen % samplesPerClass != 0) {
            throw new IllegalArgumentException("S005: batch_size / super_classes_per_batch = " + subBatchLen + " is not a multiple of samples_per_class=" + samplesPerClass);
        }
        TreeMap<Integer, Integer> classToSuper = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            Integer prev = classToSuper.put(labels[i], superLabels[i]);
            if (prev != null && prev != superLabels[i]) {
                throw new IllegalArgumentException("S005: class " + labels[i] + " appears under super-classes " + prev + " and " + superLabels[i]);
            }
        }
        TreeMap<Integer, int[]> byClass = SamplerChecks.byLabel(labels);
        TreeMap<Integer, List<int[]>> bySuper = new TreeMap<>();
        for (Map.Entry<Integer, int[]> e : byClass.entrySet()) bySuper.computeIfAbsent(classToSuper.get(e.getKey()), k -> new ArrayList<>()).add(e.getValue());
        if (bySuper.size() < superClassesPerBatch) {
            throw new IllegalArgumentException("S005: super_classes_per_batch=" + superClassesPerBatch + " but the data has " + bySuper.size() + " super-classes");
        }
        int need = subBatchLen / samplesPerClass;
        superToClasses = new int[bySuper.size()][][];
        int s = 0;
        for (Map.Entry<Integer, List<int[]>> e : bySuper.entrySet()) {
            if (e.getValue().size() < need) {
                throw new IllegalArgumentException("S005: super-class " + e.getKey() + " has " + e.getValue().size() + " classes but its part of a batch needs "
                        + need + " classes of samples_per_class=" + samplesPerClass + " (lower batch_size or raise samples_per_class)");
            }
            superToClasses[s++] = e.getValue().toArray(new int[0][]);
        }
        tuples = new ArrayList<>();
        combinations(superToClasses.length, superClassesPerBatch, 0, new int[superClassesPerBatch], 0, tuples);
    }

    private static void combinations(int n, int k, int start, int[] cur, int depth, List<int[]> out) {
        if (depth == k) {
            out.add(cur.clone());
            return;
        }
        for (int i = start; i <= n - (k - depth); i++) {
            cur[depth] = i;
            combinations(n, k, i + 1, cur, depth + 1, out);
        }
    }

    @Override
    public List<int[]> batches(int epoch, Rng rng) {
        List<int[]> out = new ArrayList<>();
        for (int[] tuple : tuples) {
            for (int b = 0; b < batchesPerTuple; b++) {
                int[] batch = new int[batchSize];
                int k = 0;
                for (int sup : tuple) {
                    int[][] cls = superToClasses[sup];
                    int[] order = SamplerChecks.permutation(cls.length, rng);
                    int filled = 0;
                    for (int ci = 0; ci < order.length && filled < subBatchLen; ci++) {
                        int[] members = cls[order[ci]];
                        if (members.length >= samplesPerClass) {
                            System.arraycopy(SamplerChecks.choose(members, samplesPerClass, rng), 0, batch, k, samplesPerClass);
                        } else {
                            for (int j = 0; j < samplesPerClass; j++) batch[k + j] = members[rng.nextInt(members.length)];
                        }
                        k += samplesPerClass;
                        filled += samplesPerClass;
                    }
                }
                rng.shuffle(batch);
                out.add(batch);
            }
        }
        for (int i = out.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int[] t = out.get(i);
            out.set(i, out.get(j));
            out.set(j, t);
        }
        return out;
    }
}
