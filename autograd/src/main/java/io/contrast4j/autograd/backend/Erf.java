package io.contrast4j.autograd.backend;

/**
 * The error function to about 1e-13: the Maclaurin series 2/√π·Σ (−1)ⁿ x^(2n+1) / (n!(2n+1)) for |x| &lt; 2.5, and
 * the continued fraction erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))) beyond. {@link #erfc}
 * returns the continued fraction itself for x ≥ 2.5, so it keeps its relative accuracy in the tail where 1 − erf(x)
 * would cancel to nothing (erfc(6) ≈ 2e-17 is below the spacing of doubles near 1).
 */
public final class Erf {
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    private Erf() {
    }

    public static double erf(double x) {
        if (Double.isNaN(x)) return x;
        double ax = Math.abs(x);
        if (ax < 2.5) {
            double x2 = x * x, term = x, sum = x;
            for (int n = 1; n < 100; n++) {
                term *= -x2 / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
            }
            return TWO_OVER_SQRT_PI * sum;
        }
        double r = 1 - erfcLarge(ax);
        return x < 0 ? -r : r;
    }

    /** The complementary error function 1 − erf(x), accurate relative to its own size for large x. */
    public static double erfc(double x) {
        if (Double.isNaN(x)) return x;
        return x < 2.5 ? 1 - erf(x) : erfcLarge(x);
    }

    private static double erfcLarge(double x) {
        if (x > 27) return 0;
        double f = x;
        for (int k = 80; k >= 1; k--) f = x + (k / 2.0) / f;
        return StrictMath.exp(-x * x) / StrictMath.sqrt(Math.PI) / f;
    }
}
