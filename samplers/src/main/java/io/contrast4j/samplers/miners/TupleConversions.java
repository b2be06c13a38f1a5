package io.contrast4j.samplers.miners;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;
import io.contrast4j.losses.IndicesTuple;

import java.util.List;
import java.util.Map;

/**
 * S100 · IndicesTuple contract and conversions (pytorch-metric-learning {@code utils/loss_and_miner_utils.py}).
 * The tuple type itself and {@code allPairs}/{@code allTriplets}/{@code toPairs}/{@code toTriplets} live in
 * {@link IndicesTuple} (losses module); this class adds the rest of PML's helpers:
 * <ul>
 *   <li>{@link #convertToWeights}: per-sample count of appearances in the tuple / max count (all 1 for an empty
 *   tuple), PML {@code convert_to_weights};</li>
 *   <li>{@link #randomTriplets}: {@code t_per_anchor} random triplets per anchor (PML {@code get_random_triplet_indices},
 *   default 100 when converting);</li>
 *   <li>{@link #removeSelfComparisons}: drops pairs (i, slot[i]) comparing batch row i with its own copy in a memory
 *   queue (PML {@code remove_self_comparisons}, S111).</li>
 * </ul>
 */
public final class TupleConversions implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S100", "IndicesTuple contract and conversions", "miner", "T1",
            "pytorch-metric-learning loss_and_miner_utils, BaseMiner, GenericPairLoss",
            "pairs (a1,p,a2,n) / triplets (a,p,n); weights = appearances / max appearances");
    public static final TupleConversions INSTANCE = new TupleConversions();

    private TupleConversions() {
    }

    /** Per-sample weights for {@code n} samples: appearances of each index in the tuple (all columns) / max. */
    public static float[] convertToWeights(IndicesTuple tuple, int n) {
        float[] w = new float[n];
        if (tuple == null || tuple.size() == 0) {
            java.util.Arrays.fill(w, 1f);
            return w;
        }
        int[] counts = new int[n];
        int[][] cols = tuple.triplets() ? new int[][]{tuple.a1(), tuple.p(), tuple.n()} : new int[][]{tuple.a1(), tuple.p(), tuple.a2(), tuple.n()};
        for (int[] col : cols) {
            for (int i : col) {
                if (i < 0 || i >= n) throw new IllegalArgumentException("S100: tuple index " + i + " outside [0, " + n + ")");
                counts[i]++;
            }
        }
        int max = 0;
        for (int c : counts) max = Math.max(max, c);
        for (int i = 0; i < n; i++) w[i] = (float) counts[i] / max;
        return w;
    }

    /**
     * {@code tPerAnchor} random triplets per anchor that has a positive and a negative (positive and negative
     * uniform, with replacement).
     */
    public static IndicesTuple randomTriplets(int[] labels, int[] refLabels, boolean sameSet, int tPerAnchor, Rng rng) {
        if (tPerAnchor <= 0) throw new IllegalArgumentException("S100: parameter 't_per_anchor' must be > 0, got " + tPerAnchor);
        Ints a = new Ints(), p = new Ints(), n = new Ints();
        for (int i = 0; i < labels.length; i++) {
            Ints pos = new Ints(), neg = new Ints();
            for (int j = 0; j < refLabels.length; j++) {
                if (labels[i] == refLabels[j]) {
                    if (!(sameSet && i == j)) pos.add(j);
                } else {
                    neg.add(j);
                }
            }
            if (pos.size() == 0 || neg.size() == 0) continue;
            for (int t = 0; t < tPerAnchor; t++) {
                a.add(i);
                p.add(pos.get(rng.nextInt(pos.size())));
                n.add(neg.get(rng.nextInt(neg.size())));
            }
        }
        return IndicesTuple.triplets(a.toArray(), p.toArray(), n.toArray());
    }

    /** Removes every pair / triplet whose reference index is row i's own memory slot {@code slot[i]}. */
    public static IndicesTuple removeSelfComparisons(IndicesTuple tuple, int[] slot) {
        if (tuple.triplets()) {
            Ints a = new Ints(), p = new Ints(), n = new Ints();
            for (int t = 0; t < tuple.a1().length; t++) {
                int i = tuple.a1()[t];
                if (i < slot.length && (tuple.p()[t] == slot[i] || tuple.n()[t] == slot[i])) continue;
                a.add(i);
                p.add(tuple.p()[t]);
                n.add(tuple.n()[t]);
            }
            return IndicesTuple.triplets(a.toArray(), p.toArray(), n.toArray());
        }
        int[][] pos = dropSelf(tuple.a1(), tuple.p(), slot);
        int[][] neg = dropSelf(tuple.a2(), tuple.n(), slot);
        return IndicesTuple.pairs(pos[0], pos[1], neg[0], neg[1]);
    }

    private static int[][] dropSelf(int[] a, int[] o, int[] slot) {
        Ints ka = new Ints(), ko = new Ints();
        for (int t = 0; t < a.length; t++) {
            if (a[t] < slot.length && o[t] == slot[a[t]]) continue;
            ka.add(a[t]);
            ko.add(o[t]);
        }
        return new int[][]{ka.toArray(), ko.toArray()};
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("t_per_anchor", "100");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.ints("labels", "N", "class labels"), Input.ints("indices", "T x 3", "a mined tuple").asOptional());
    }
}
