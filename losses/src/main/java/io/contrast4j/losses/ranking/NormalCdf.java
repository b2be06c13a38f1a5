package io.contrast4j.losses.ranking;

import io.contrast4j.autograd.Tensor;

/**
 * The standard normal CDF Φ composed from tensor ops (so its gradient is the tape's): Φ(x) = ½·erfc(−x/√2) with the
 * Chebyshev-fitted erfc of Press et al., <i>Numerical Recipes</i> §6.2 ({@code erfcc}): for a ≥ 0,
 * erfc(a) ≈ t·exp(−a² − 1.26551223 + t(1.00002368 + t(0.37409196 + …))), t = 1/(1 + a/2), fractional error
 * &lt; 1.2·10⁻⁷ everywhere; erfc(−a) = 2 − erfc(a). The two branches are joined with {@code where} on clamped
 * arguments, so the value and the derivative are continuous at 0 and no branch ever sees a negative argument.
 * The derivative is that of the approximation (within ~10⁻⁵ relative of the exact density φ; 6·10⁻⁶ at 0).
 */
public final class NormalCdf {
    private static final double[] C = {-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277};

    private NormalCdf() {
    }

    /** erfc(a) for a ≥ 0 (elementwise). */
    static Tensor erfcPos(Tensor a) {
        Tensor t = a.mul(0.5).add(1).pow(-1.0);
        Tensor poly = t.mul(C[9]);
        for (int i = 8; i >= 1; i--) poly = poly.add(C[i]).mul(t);
        poly = poly.add(C[0]);
        return t.mul(poly.sub(a.mul(a)).exp());
    }

    /** erfc(z), elementwise. */
    public static Tensor erfc(Tensor z) {
        Tensor pos = erfcPos(z.clampMin(0));
        Tensor neg = erfcPos(z.neg().clampMin(0)).affine(-1, 2);
        return Tensor.where(z.ge(0.0), pos, neg);
    }

    /** Φ(x) = ½·erfc(−x/√2), elementwise. */
    public static Tensor cdf(Tensor x) {
        return erfc(x.mul(-Math.sqrt(0.5))).mul(0.5);
    }

    /** Φ(x) for a double, the same approximation (for tests and host-side soft labels). */
    public static double cdf(double x) {
        double z = -x * Math.sqrt(0.5), a = Math.abs(z);
        double t = 1 / (1 + 0.5 * a);
        double poly = C[9] * t;
        for (int i = 8; i >= 1; i--) poly = (poly + C[i]) * t;
        poly += C[0];
        double e = t * Math.exp(poly - a * a);
        return 0.5 * (z >= 0 ? e : 2 - e);
    }
}
