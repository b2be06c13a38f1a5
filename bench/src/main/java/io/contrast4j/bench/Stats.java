package io.contrast4j.bench;

import java.util.Arrays;

/** Min / median / max of repeated measurements. */
public record Stats(double min, double median, double max) {
    public static Stats of(double[] v) {
        if (v.length == 0) throw new IllegalArgumentException("Stats: no measurements");
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        double med = n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
        return new Stats(s[0], med, s[n - 1]);
    }

    public String fmt(String unit) {
        return String.format("%s / %s / %s %s", num(min), num(median), num(max), unit);
    }

    static String num(double x) {
        if (x >= 100) return String.format("%.0f", x);
        if (x >= 10) return String.format("%.1f", x);
        return String.format("%.2f", x);
    }
}
