package io.contrast4j.trainer.metrics;

import java.util.List;

/** Input validation shared by the metric inputs; every message names the parameter and shape. */
final class Check {
    private Check() {
    }

    /** Rectangular, non-null, finite; returns the column count (0 for an empty matrix). */
    static int matrix(String name, float[][] m) {
        if (m == null) throw new IllegalArgumentException(name + " is null");
        int d = m.length == 0 ? 0 : rowLen(name, m, 0);
        for (int i = 0; i < m.length; i++) {
            if (rowLen(name, m, i) != d) {
                throw new IllegalArgumentException(name + " is ragged: row 0 has " + d + " columns, row " + i + " has " + m[i].length);
            }
            for (int j = 0; j < d; j++) {
                if (!Float.isFinite(m[i][j])) throw new IllegalArgumentException(name + "[" + i + "][" + j + "] is not finite: " + m[i][j]);
            }
        }
        return d;
    }

    private static int rowLen(String name, float[][] m, int i) {
        if (m[i] == null) throw new IllegalArgumentException(name + "[" + i + "] is null");
        return m[i].length;
    }

    static int matrix(String name, double[][] m) {
        if (m == null) throw new IllegalArgumentException(name + " is null");
        int d = m.length == 0 ? 0 : m[0] == null ? -1 : m[0].length;
        for (int i = 0; i < m.length; i++) {
            if (m[i] == null) throw new IllegalArgumentException(name + "[" + i + "] is null");
            if (m[i].length != d) {
                throw new IllegalArgumentException(name + " is ragged: row 0 has " + d + " columns, row " + i + " has " + m[i].length);
            }
        }
        return d;
    }

    static void finite(String name, double[] v) {
        if (v == null) throw new IllegalArgumentException(name + " is null");
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) throw new IllegalArgumentException(name + "[" + i + "] is not finite: " + v[i]);
        }
    }

    static void finite(String name, double[][] m) {
        matrix(name, m);
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                if (!Double.isFinite(m[i][j])) throw new IllegalArgumentException(name + "[" + i + "][" + j + "] is not finite: " + m[i][j]);
            }
        }
    }

    static void sameLength(String a, int na, String b, int nb) {
        if (na != nb) throw new IllegalArgumentException(a + " has " + na + " rows but " + b + " has " + nb);
    }

    static void notNull(String name, Object o) {
        if (o == null) throw new IllegalArgumentException(name + " is null");
    }

    static void noNulls(String name, List<?> l) {
        notNull(name, l);
        for (int i = 0; i < l.size(); i++) if (l.get(i) == null) throw new IllegalArgumentException(name + ".get(" + i + ") is null");
    }

    static void positive(String name, int v) {
        if (v <= 0) throw new IllegalArgumentException("parameter '" + name + "' must be > 0, got " + v);
    }

    static void unit(String name, double v) {
        if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException("parameter '" + name + "' must be in [0,1], got " + v);
    }
}
