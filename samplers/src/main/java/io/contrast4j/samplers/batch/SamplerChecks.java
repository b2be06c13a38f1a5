package io.contrast4j.samplers.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Argument checks and label grouping shared by the batch samplers; every message names the ID and parameter. */
public final class SamplerChecks {
    private SamplerChecks() {
    }

    /** Refuses {@code v <= 0}. */
    public static int positive(String id, String name, int v) {
        if (v <= 0) throw new IllegalArgumentException(id + ": parameter '" + name + "' must be > 0, got " + v);
        return v;
    }

    public static <T> T notNull(String id, String name, T v) {
        if (v == null) throw new IllegalArgumentException(id + ": input '" + name + "' is required");
        return v;
    }

    /** Refuses an empty data set. */
    public static int nonEmpty(String id, String name, int n) {
        if (n <= 0) throw new IllegalArgumentException(id + ": input '" + name + "' is empty (the data set has no samples)");
        return n;
    }

    /** Indices of each label, labels in ascending order, indices ascending. */
    public static TreeMap<Integer, int[]> byLabel(int[] labels) {
        TreeMap<Integer, List<Integer>> m = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) m.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
        TreeMap<Integer, int[]> out = new TreeMap<>();
        for (Map.Entry<Integer, List<Integer>> e : m.entrySet()) out.put(e.getKey(), e.getValue().stream().mapToInt(Integer::intValue).toArray());
        return out;
    }

    /** {@code k} distinct elements of {@code from} (partial Fisher-Yates on a copy). */
    public static int[] choose(int[] from, int k, io.contrast4j.autograd.Rng rng) {
        int[] a = from.clone();
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(a.length - i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return java.util.Arrays.copyOf(a, k);
    }

    /** 0..n-1 in a random order. */
    public static int[] permutation(int n, io.contrast4j.autograd.Rng rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        rng.shuffle(p);
        return p;
    }

    /** Consecutive chunks of {@code size}; the last partial chunk is kept unless {@code dropLast}. */
    public static List<int[]> chunks(int[] order, int size, boolean dropLast) {
        List<int[]> out = new ArrayList<>();
        for (int s = 0; s < order.length; s += size) {
            int e = Math.min(order.length, s + size);
            if (e - s < size && dropLast) break;
            out.add(java.util.Arrays.copyOfRange(order, s, e));
        }
        return out;
    }
}
