package io.contrast4j.samplers.batch;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * S006 · Fixed set of triplets (pytorch-metric-learning {@code FixedSetOfTriplets}); pair with the S110 miner.
 *
 * <p>Rule: at construction draw {@code num_triplets} (a, p, n): two distinct labels, a and p from the first, n from
 * the second; every epoch shuffle the triplets and emit them flattened (a, p, n, a, p, n, ...) in batches of
 * B (a multiple of 3; the last batch may hold fewer triplets). Deviation from PML: the anchor label is drawn among
 * labels with at least 2 samples, so a ≠ p always (PML may repeat the single sample of a class).
 * Defaults: num_triplets 10000, batch_size 30, seed 0.
 */
public final class FixedSetOfTriplets extends AbstractBatchSampler {
    public static final Spec SPEC = new Spec(new CatalogInfo("S006", "Fixed set of triplets", "batch-sampler", "T1",
            "pytorch-metric-learning FixedSetOfTriplets", "fixed (a,p,n) drawn once; shuffled and flattened each epoch"),
            Map.of("num_triplets", "10000", "batch_size", "30", "seed", "0"),
            List.of(Input.ints("labels", "N", "class labels")));

    private final int[][] triplets;
    private final int batchSize;

    public FixedSetOfTriplets(int[] labels, int numTriplets, int batchSize, long seed) {
        super(SPEC, SamplerChecks.notNull("S006", "labels", labels).length);
        SamplerChecks.positive("S006", "num_triplets", numTriplets);
        this.batchSize = SamplerChecks.positive("S006", "batch_size", batchSize);
        if (batchSize % 3 != 0) throw new IllegalArgumentException("S006: parameter 'batch_size' must be a multiple of 3, got " + batchSize);
        TreeMap<Integer, int[]> byLabel = SamplerChecks.byLabel(labels);
        if (byLabel.size() < 2) throw new IllegalArgumentException("S006: triplets need at least 2 labels, the data has " + byLabel.size());
        int[][] all = byLabel.values().toArray(new int[0][]);
        List<Integer> anchorLabels = new ArrayList<>();
        for (int i = 0; i < all.length; i++) if (all[i].length >= 2) anchorLabels.add(i);
        if (anchorLabels.isEmpty()) throw new IllegalArgumentException("S006: no label has 2 samples, so no (anchor, positive) pair exists");
        Rng rng = new Rng(seed);
        triplets = new int[numTriplets][];
        for (int t = 0; t < numTriplets; t++) {
            int al = anchorLabels.get(rng.nextInt(anchorLabels.size()));
            int nl = rng.nextInt(all.length - 1);
            if (nl >= al) nl++;
            int[] ap = SamplerChecks.choose(all[al], 2, rng);
            triplets[t] = new int[]{ap[0], ap[1], all[nl][rng.nextInt(all[nl].length)]};
        }
    }

    /** The fixed triplets (copies). */
    public int[][] triplets() {
        int[][] c = new int[triplets.length][];
        for (int i = 0; i < c.length; i++) c[i] = triplets[i].clone();
        return c;
    }

    @Override
    public List<int[]> batches(int epoch, Rng rng) {
        int[] order = SamplerChecks.permutation(triplets.length, rng);
        int[] flat = new int[3 * triplets.length];
        for (int i = 0; i < order.length; i++) System.arraycopy(triplets[order[i]], 0, flat, 3 * i, 3);
        return SamplerChecks.chunks(flat, batchSize, false);
    }
}
