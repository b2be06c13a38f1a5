package io.contrast4j.samplers.miners;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.losses.IndicesTuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * S112 · Group-constrained mining (DMT patient-specific mining, <i>Ugly Ducklings or Swans: A Tiered Quadruplet
 * Network with Patient-Specific Mining for Improved Skin Lesion Classification</i>; L021). Formula not verified
 * against the paper: follows CATALOG.md ([K?]).
 *
 * <p>Rule: a wrapper around any miner, with a group id per sample (patient, query, source).
 * {@link Mode#SAME_GROUP}: the inner miner runs on each group's rows separately, so every tuple lies inside one group
 * (e.g. batch-hard picks the hardest samples of the anchor's group). {@link Mode#CROSS_GROUP_NEGATIVES}: the inner
 * miner runs on the whole batch and negative pairs / triplets whose negative shares the anchor's group are removed.
 * Group ids must be given: {@link #mine(Tensor, int[], int[])}. Defaults: mode same_group, inner S102 (batch-hard).
 */
public final class GroupConstrainedMiner implements Miner {
    public static final CatalogInfo INFO = new CatalogInfo("S112", "Group-constrained mining", "miner", "T2",
            "Tiered quadruplet network, patient-specific mining (DMT)", "restrict tuples to samples of the anchor's group (or negatives from other groups)");

    public enum Mode { SAME_GROUP, CROSS_GROUP_NEGATIVES }

    private final Miner inner;
    private final Mode mode;

    public GroupConstrainedMiner(Miner inner, Mode mode) {
        if (inner == null) throw new IllegalArgumentException("S112: an inner miner is required");
        if (mode == null) throw new IllegalArgumentException("S112: parameter 'mode' is required");
        this.inner = inner;
        this.mode = mode;
    }

    public Miner inner() {
        return inner;
    }

    /** Needs group ids: always refuses, pointing to {@link #mine(Tensor, int[], int[])}. */
    @Override
    public IndicesTuple mine(Tensor embeddings, int[] labels, Tensor refEmbeddings, int[] refLabels) {
        throw new IllegalArgumentException("S112: group-constrained mining needs a group id per sample: call mine(embeddings, labels, groups)");
    }

    /** Mines within the batch under the group constraint. */
    public IndicesTuple mine(Tensor embeddings, int[] labels, int[] groups) {
        BaseMiner.checkInputs("S112", embeddings, labels, null, null);
        if (groups == null || groups.length != labels.length) {
            throw new IllegalArgumentException("S112: need one group id per sample: " + labels.length + " labels, "
                    + (groups == null ? "no" : String.valueOf(groups.length)) + " groups");
        }
        return mode == Mode.SAME_GROUP ? perGroup(embeddings, labels, groups) : crossNegatives(embeddings, labels, groups);
    }

    private IndicesTuple perGroup(Tensor embeddings, int[] labels, int[] groups) {
        TreeMap<Integer, List<Integer>> byGroup = new TreeMap<>();
        for (int i = 0; i < groups.length; i++) byGroup.computeIfAbsent(groups[i], k -> new ArrayList<>()).add(i);
        Ints a1 = new Ints(), p = new Ints(), a2 = new Ints(), n = new Ints();
        Boolean trip = null;
        for (List<Integer> rows : byGroup.values()) {
            int[] idx = rows.stream().mapToInt(Integer::intValue).toArray();
            int[] sub = new int[idx.length];
            for (int k = 0; k < idx.length; k++) sub[k] = labels[idx[k]];
            IndicesTuple t = inner.mine(embeddings.indexSelect(0, idx), sub);
            if (trip == null) trip = t.triplets();
            else if (trip != t.triplets()) t = trip ? t.toTriplets() : t.toPairs();
            map(t.a1(), idx, a1);
            map(t.p(), idx, p);
            if (!t.triplets()) map(t.a2(), idx, a2);
            map(t.n(), idx, n);
        }
        if (trip == null || trip) return IndicesTuple.triplets(a1.toArray(), p.toArray(), n.toArray());
        return IndicesTuple.pairs(a1.toArray(), p.toArray(), a2.toArray(), n.toArray());
    }

    private static void map(int[] local, int[] idx, Ints out) {
        for (int v : local) out.add(idx[v]);
    }

    private IndicesTuple crossNegatives(Tensor embeddings, int[] labels, int[] groups) {
        IndicesTuple t = inner.mine(embeddings, labels);
        if (t.triplets()) {
            Ints a = new Ints(), p = new Ints(), n = new Ints();
            for (int k = 0; k < t.a1().length; k++) {
                if (groups[t.n()[k]] == groups[t.a1()[k]]) continue;
                a.add(t.a1()[k]);
                p.add(t.p()[k]);
                n.add(t.n()[k]);
            }
            return IndicesTuple.triplets(a.toArray(), p.toArray(), n.toArray());
        }
        Ints a2 = new Ints(), n = new Ints();
        for (int k = 0; k < t.a2().length; k++) {
            if (groups[t.n()[k]] == groups[t.a2()[k]]) continue;
            a2.add(t.a2()[k]);
            n.add(t.n()[k]);
        }
        return IndicesTuple.pairs(t.a1(), t.p(), a2.toArray(), n.toArray());
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return Map.of("mode", "same_group", "inner", "S102");
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats("embeddings", "N x D", "embeddings"), Input.ints("labels", "N", "class labels"),
                Input.ints("groups", "N", "group id (patient, query, source) of every sample"));
    }
}
