package io.contrast4j.samplers.batch;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * S010 · Aioli online data-group mixing: the batch sampler half. Every batch position draws a group with the
 * controller's current proportions ({@link AioliMixing#proportions()}, or its probe proportions while
 * {@link #probe(int)} is set) and a member of that group uniformly (with replacement). Groups are the distinct
 * {@code groups} ids in ascending order (index g of the controller = g-th smallest id). Epoch length ⌈N / B⌉ batches.
 * The trainer calls the controller between epochs (or between chunks of batches). Defaults: batch_size 32, eta 0.1,
 * one_hot_factor 1, rounds 1.
 */
public final class AioliBatchSampler extends AbstractBatchSampler {
    public static final Spec SPEC = new Spec(new CatalogInfo("S010", "Online data-group mixing (Aioli)", "batch-sampler", "T2",
            "Chen et al. 2024, Aioli: A Unified Optimization Framework for Language Model Data Mixing",
            "probe rounds estimate A in L^{t+1} ≈ L^t − A p; p ← p ⊙ exp(η Σ_i A_i·), normalised"),
            Map.of("batch_size", "32", "eta", "0.1", "one_hot_factor", "1", "rounds", "1"),
            List.of(Input.ints("groups", "N", "data group (data set / task) of every sample")));

    private final int[][] members;
    private final int batchSize;
    private final AioliMixing controller;
    private int probe = -1;

    public AioliBatchSampler(int[] groups, int batchSize, AioliMixing controller) {
        super(SPEC, SamplerChecks.notNull("S010", "groups", groups).length);
        this.batchSize = SamplerChecks.positive("S010", "batch_size", batchSize);
        TreeMap<Integer, int[]> by = SamplerChecks.byLabel(groups);
        this.members = by.values().toArray(new int[0][]);
        if (controller == null) throw new IllegalArgumentException("S010: parameter 'controller' is required");
        if (controller.groups() != members.length) {
            throw new IllegalArgumentException("S010: controller has " + controller.groups() + " groups but the data has " + members.length);
        }
        this.controller = controller;
    }

    public AioliMixing controller() {
        return controller;
    }

    /** Draw with the probe proportions of {@code group} (−1: the current proportions). */
    public void probe(int group) {
        if (group < -1 || group >= members.length) throw new IllegalArgumentException("S010: parameter 'group' must be in [-1, " + members.length + "), got " + group);
        this.probe = group;
    }

    @Override
    public List<int[]> batches(int epoch, Rng rng) {
        double[] p = probe < 0 ? controller.proportions() : controller.probeProportions(probe);
        double[] cum = new double[p.length];
        double acc = 0;
        for (int g = 0; g < p.length; g++) cum[g] = acc += p[g];
        int nb = (size + batchSize - 1) / batchSize;
        List<int[]> out = new ArrayList<>(nb);
        for (int b = 0; b < nb; b++) {
            int[] batch = new int[batchSize];
            for (int k = 0; k < batchSize; k++) {
                double u = rng.nextDouble() * acc;
                int g = 0;
                while (g < cum.length - 1 && (cum[g] <= u || p[g] == 0)) g++;
                batch[k] = members[g][rng.nextInt(members[g].length)];
            }
            out.add(batch);
        }
        return out;
    }
}
