package io.contrast4j.nn.optim;

/**
 * Scaling-law fitting and critical batch size (O21; Su et al., <i>Unraveling the Mystery of Scaling Laws: Part I</i>,
 * 2024, after Kaplan et al. 2020): L(N, S_min) = (N_c/N)^{α_N} + (S_c/S_min)^{α_S};
 * B_crit(L) = B* / L^{1/α_B}; S_min = S/(1 + B_crit/B). Each power law y = (c/x)^α is fitted by least squares in
 * log space (log y = α·log c − α·log x) from small runs, then used to choose batch size and steps.
 */
public final class ScalingLaw {
    private ScalingLaw() {
    }

    /** y = (c/x)^α. */
    public record PowerLaw(double c, double alpha) {
        public double at(double x) {
            return Math.pow(c / x, alpha);
        }
    }

    /** Least-squares fit of y = (c/x)^α on log-log axes; x, y &gt; 0, at least two distinct x. */
    public static PowerLaw fitPowerLaw(double[] x, double[] y) {
        double[] ab = fitLogLog(x, y);
        double alpha = -ab[1];
        if (alpha == 0) throw new IllegalArgumentException("fitted exponent is 0: y does not depend on x");
        return new PowerLaw(Math.exp(ab[0] / alpha), alpha);
    }

    /** Fits B_crit = B* / L^{1/α_B} from (loss, critical batch) pairs; returns (B*, α_B). */
    public static double[] fitCriticalBatch(double[] loss, double[] bCrit) {
        double[] ab = fitLogLog(loss, bCrit); // log B = log B* − (1/α_B) log L
        return new double[]{Math.exp(ab[0]), -1 / ab[1]};
    }

    /** Intercept and slope of log y on log x. */
    static double[] fitLogLog(double[] x, double[] y) {
        if (x.length != y.length) throw new IllegalArgumentException("x has " + x.length + " values, y has " + y.length);
        if (x.length < 2) throw new IllegalArgumentException("need at least 2 points, got " + x.length);
        double mx = 0, my = 0;
        int n = x.length;
        for (int i = 0; i < n; i++) {
            if (!(x[i] > 0) || !(y[i] > 0)) throw new IllegalArgumentException("point " + i + ": x and y must be > 0, got (" + x[i] + ", " + y[i] + ")");
            mx += Math.log(x[i]) / n;
            my += Math.log(y[i]) / n;
        }
        double sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            double dx = Math.log(x[i]) - mx;
            sxx += dx * dx;
            sxy += dx * (Math.log(y[i]) - my);
        }
        if (sxx == 0) throw new IllegalArgumentException("all x values are equal");
        double slope = sxy / sxx;
        return new double[]{my - slope * mx, slope};
    }

    public static double criticalBatch(double loss, double bStar, double alphaB) {
        return bStar / Math.pow(loss, 1 / alphaB);
    }

    /** S_min = S/(1 + B_crit/B). */
    public static double minSteps(double steps, double batch, double bCrit) {
        return steps / (1 + bCrit / batch);
    }

    /** L(N, S_min) = (N_c/N)^{α_N} + (S_c/S_min)^{α_S}. */
    public static double loss(double n, double sMin, PowerLaw params, PowerLaw steps) {
        return params.at(n) + steps.at(sMin);
    }
}
