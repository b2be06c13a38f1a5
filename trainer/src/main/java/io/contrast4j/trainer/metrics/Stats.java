package io.contrast4j.trainer.metrics;

/** Small statistics helpers (double precision). */
public final class Stats {
    private Stats() {
    }

    /** Pearson correlation; NaN when either side has zero variance or fewer than 2 entries (scipy returns NaN). */
    public static double pearson(double[] x, double[] y) {
        if (x.length != y.length) throw new IllegalArgumentException("pearson: lengths differ " + x.length + " vs " + y.length);
        int n = x.length;
        if (n < 2) return Double.NaN;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            double a = x[i] - mx, b = y[i] - my;
            sxy += a * b;
            sxx += a * a;
            syy += b * b;
        }
        if (sxx == 0 || syy == 0) return Double.NaN;
        return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
    }

    /** Spearman correlation = Pearson of average ranks (scipy {@code spearmanr}). */
    public static double spearman(double[] x, double[] y) {
        return pearson(Ranking.averageRanks(x), Ranking.averageRanks(y));
    }

    /** log(n!) for n = 0..max, by cumulative sums of logs. */
    public static double[] logFactorials(int max) {
        double[] f = new double[max + 1];
        for (int i = 2; i <= max; i++) f[i] = f[i - 1] + Math.log(i);
        return f;
    }

    public static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return v.length == 0 ? Double.NaN : s / v.length;
    }
}
