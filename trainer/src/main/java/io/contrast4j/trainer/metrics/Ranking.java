package io.contrast4j.trainer.metrics;

import java.util.Arrays;

/** Sorting helpers with deterministic tie rules. */
public final class Ranking {
    private Ranking() {
    }

    /** Indices sorted by value descending; ties by lower index first. */
    public static int[] orderDesc(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < v.length; i++) idx[i] = i;
        Arrays.sort(idx, (x, y) -> {
            int c = Double.compare(v[y], v[x]);
            return c != 0 ? c : Integer.compare(x, y);
        });
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = idx[i];
        return out;
    }

    /** Index of the maximum; ties by lower index. Throws on an empty array. */
    public static int argmax(double[] v) {
        if (v.length == 0) throw new IllegalArgumentException("argmax of an empty row");
        int b = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[b]) b = i;
        return b;
    }

    /** 1-based ranks ascending with ties given their average rank (scipy {@code rankdata(method="average")}). */
    public static double[] averageRanks(double[] v) {
        int n = v.length;
        int[] o = orderDesc(v);
        double[] r = new double[n];
        // orderDesc gives descending; walk from the end for ascending ranks
        int pos = 0;
        int i = n - 1;
        while (i >= 0) {
            int j = i;
            while (j - 1 >= 0 && v[o[j - 1]] == v[o[i]]) j--;
            double avg = pos + 1 + (i - j) / 2.0;
            for (int t = j; t <= i; t++) r[o[t]] = avg;
            pos += i - j + 1;
            i = j - 1;
        }
        return r;
    }

}
