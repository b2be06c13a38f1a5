package io.contrast4j.losses;

import java.util.ArrayList;
import java.util.List;

/**
 * Mined index tuples, as in pytorch-metric-learning: either pairs {@code (a1, p, a2, n)} (positive pairs
 * {@code (a1[i], p[i])} and negative pairs {@code (a2[j], n[j])}) or triplets {@code (a, p, n)}.
 * Conversions between the two follow PML's {@code convert_to_pairs} / {@code convert_to_triplets}.
 */
public record IndicesTuple(int[] a1, int[] p, int[] a2, int[] n, boolean triplets) {

    public static IndicesTuple pairs(int[] a1, int[] p, int[] a2, int[] n) {
        if (a1.length != p.length || a2.length != n.length) {
            throw new IllegalArgumentException("pairs: a1/p lengths " + a1.length + "/" + p.length + ", a2/n " + a2.length + "/" + n.length + " must match");
        }
        return new IndicesTuple(a1, p, a2, n, false);
    }

    public static IndicesTuple triplets(int[] a, int[] p, int[] n) {
        if (a.length != p.length || a.length != n.length) {
            throw new IllegalArgumentException("triplets: a/p/n lengths " + a.length + "/" + p.length + "/" + n.length + " must match");
        }
        return new IndicesTuple(a, p, a, n, true);
    }

    /** Triplet anchors (only for triplets). */
    public int[] anchors() {
        return a1;
    }

    public int size() {
        return triplets ? a1.length : a1.length + a2.length;
    }

    /** All positive pairs (i ≠ j, same label) and negative pairs (different label) of a batch. */
    public static IndicesTuple allPairs(int[] labels, int[] refLabels, boolean sameSet) {
        List<Integer> a1 = new ArrayList<>(), p = new ArrayList<>(), a2 = new ArrayList<>(), n = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            for (int j = 0; j < refLabels.length; j++) {
                if (sameSet && i == j) continue;
                if (labels[i] == refLabels[j]) {
                    a1.add(i);
                    p.add(j);
                } else {
                    a2.add(i);
                    n.add(j);
                }
            }
        }
        return pairs(toArray(a1), toArray(p), toArray(a2), toArray(n));
    }

    /** All valid triplets (a, p, n): a ≠ p same label, n a different label. */
    public static IndicesTuple allTriplets(int[] labels, int[] refLabels, boolean sameSet) {
        List<Integer> a = new ArrayList<>(), p = new ArrayList<>(), n = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            for (int j = 0; j < refLabels.length; j++) {
                if ((sameSet && i == j) || labels[i] != refLabels[j]) continue;
                for (int k = 0; k < refLabels.length; k++) {
                    if (refLabels[k] == labels[i]) continue;
                    a.add(i);
                    p.add(j);
                    n.add(k);
                }
            }
        }
        return triplets(toArray(a), toArray(p), toArray(n));
    }

    /** Pairs form: triplets give their (a, p) positive pairs and (a, n) negative pairs, de-duplicated. */
    public IndicesTuple toPairs() {
        if (!triplets) return this;
        java.util.LinkedHashSet<Long> pos = new java.util.LinkedHashSet<>(), neg = new java.util.LinkedHashSet<>();
        for (int i = 0; i < a1.length; i++) {
            pos.add(((long) a1[i] << 32) | p[i]);
            neg.add(((long) a1[i] << 32) | n[i]);
        }
        return pairs(hi(pos), lo(pos), hi(neg), lo(neg));
    }

    /** Triplets form: every (a1, p) pair combined with every (a2, n) pair that shares the anchor. */
    public IndicesTuple toTriplets() {
        if (triplets) return this;
        List<Integer> a = new ArrayList<>(), pp = new ArrayList<>(), nn = new ArrayList<>();
        for (int i = 0; i < a1.length; i++) {
            for (int j = 0; j < a2.length; j++) {
                if (a1[i] != a2[j]) continue;
                a.add(a1[i]);
                pp.add(p[i]);
                nn.add(n[j]);
            }
        }
        return triplets(toArray(a), toArray(pp), toArray(nn));
    }

    private static int[] hi(java.util.Collection<Long> s) {
        return s.stream().mapToInt(v -> (int) (v >>> 32)).toArray();
    }

    private static int[] lo(java.util.Collection<Long> s) {
        return s.stream().mapToInt(v -> (int) (long) v).toArray();
    }

    static int[] toArray(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }
}
