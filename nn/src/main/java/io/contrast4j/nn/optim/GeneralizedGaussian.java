package io.contrast4j.nn.optim;

import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.backend.HostStorage;

/**
 * Generalised-Gaussian initialisation and shape prior (O18; <i>It Takes a Good Model to Train a Good Model:
 * Generalized Gaussian Priors for Optimized LLMs</i>, 2025): p(w) ∝ exp(−(|w|/α)^β); samples
 * w = α·sign(u)·G^{1/β} with G ~ Gamma(1/β, 1); α from the target variance Var = α²Γ(3/β)/Γ(1/β); optional
 * shape penalty λΣ|w/α|^β. β = 2 is a Gaussian, β = 1 a Laplace. Gamma draws: Marsaglia–Tsang (shape &lt; 1 via
 * the boost G·U^{1/a}).
 */
public final class GeneralizedGaussian {
    private GeneralizedGaussian() {
    }

    /** α such that the variance is {@code variance}. */
    public static double alphaFor(double variance, double beta) {
        Optimizer.checkPositive("variance", variance);
        Optimizer.checkPositive("beta", beta);
        return Math.sqrt(variance * Math.exp(lnGamma(1 / beta) - lnGamma(3 / beta)));
    }

    /** Fills {@code t} in place with generalised-Gaussian samples of the given variance and shape β. */
    public static void init(Tensor t, double variance, double beta, Rng rng) {
        double alpha = alphaFor(variance, beta);
        boolean device = !t.storage().isHost();
        HostStorage h = t.host();
        for (int i = 0; i < h.size(); i++) h.set(i, sample(alpha, beta, rng));
        if (device) t.assign(h);
    }

    public static double sample(double alpha, double beta, Rng rng) {
        double g = gamma(1 / beta, rng);
        double sign = rng.nextDouble() < 0.5 ? -1 : 1;
        return alpha * sign * Math.pow(g, 1 / beta);
    }

    /** Gamma(shape, 1) by Marsaglia–Tsang. */
    static double gamma(double shape, Rng rng) {
        if (shape < 1) {
            double u;
            do {
                u = rng.nextDouble();
            } while (u == 0);
            return gamma(shape + 1, rng) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = rng.nextGaussian(), v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            double u = rng.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x) return d * v;
            if (u > 0 && Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
        }
    }

    /** λ·Σ|w/α|^β (differentiable; keep w away from 0 when β ≤ 1). */
    public static Tensor penalty(Tensor w, double alpha, double beta, double lambda) {
        Optimizer.checkPositive("alpha", alpha);
        Optimizer.checkPositive("beta", beta);
        Optimizer.checkFiniteNonNegative("lambda", lambda);
        return w.div(alpha).abs().pow(beta).sum().mul(lambda);
    }

    /** log Γ(x) for x &gt; 0 (Lanczos, g = 7, n = 9; about 1e-8 relative accuracy in Γ, ample for initialisation). */
    static double lnGamma(double x) {
        if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
                -176.61503916999185, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
        x -= 1;
        double a = c[0], t = x + 7.5;
        for (int i = 1; i < 9; i++) a += c[i] / (x + i);
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }
}
