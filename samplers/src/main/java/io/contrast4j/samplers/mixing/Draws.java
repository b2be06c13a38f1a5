package io.contrast4j.samplers.mixing;

import io.contrast4j.autograd.Rng;

/** Random draws the mixers need (Gamma and Beta by Marsaglia–Tsang), from the project's seeded {@link Rng}. */
public final class Draws {
    private Draws() {
    }

    /** Gamma(shape, 1) (Marsaglia &amp; Tsang 2000; shape &lt; 1 via the U^{1/a} boost). */
    public static double gamma(Rng rng, double shape) {
        if (!(shape > 0) || Double.isInfinite(shape)) throw new IllegalArgumentException("gamma shape must be > 0, got " + shape);
        if (shape < 1) {
            double u;
            do {
                u = rng.nextDouble();
            } while (u <= 0);
            return gamma(rng, shape + 1) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = rng.nextGaussian(), v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            double u = rng.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
        }
    }

    /** Beta(a, b) = X/(X+Y), X ~ Gamma(a), Y ~ Gamma(b). */
    public static double beta(Rng rng, double a, double b) {
        double x = gamma(rng, a), y = gamma(rng, b);
        double s = x + y;
        return s > 0 ? x / s : 0.5;
    }

    static double positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException("parameter '" + name + "' must be > 0 and finite, got " + v);
        return v;
    }
}
