package io.contrast4j.trainer.metrics;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;

import java.util.List;
import java.util.SplittableRandom;

/**
 * M19 · Loss-landscape and Hessian diagnostics (Li et al. 2018, <i>Visualizing the Loss Landscape of Neural Nets</i>;
 * <i>Investigating generalization capabilities of neural networks by means of loss landscapes and Hessian
 * analysis</i>). Two seeded Gaussian directions are filter-normalised (d_f ← d_f/‖d_f‖·‖θ_f‖ per filter/row of
 * {@link LandscapeProbe#filterSizes()}); the loss is sampled on the {@code steps} x {@code steps} grid
 * L(θ + αd₁ + βd₂), α, β ∈ [−radius, radius] ({@link #grid}). Reports {@code loss} at θ, {@code max_increase} and
 * {@code mean_increase} of the grid over L(θ) (flatness), and, with a gradient, {@code top_hessian_eigenvalue}: the
 * largest-magnitude eigenvalue by power iteration on Hessian-vector products Hv ≈ (∇L(θ+εv) − ∇L(θ−εv))/(2ε).
 * Defaults: seed = 0, radius = 1, steps = 11, power_iterations = 50, fd_epsilon = 1e-4.
 */
public final class LossLandscape extends BaseMetric {
    public static final CatalogInfo INFO = new CatalogInfo("M19", "Loss-landscape and Hessian diagnostics", "evaluation", "T2",
            "Li et al. 2018, Visualizing the Loss Landscape of Neural Nets; loss landscapes and Hessian analysis (s001)",
            "d_f <- d_f/||d_f|| ||theta_f||; L(theta + a d1 + b d2); top eig by power iteration on HVP");

    public LossLandscape() {
        this(Params.empty());
    }

    public LossLandscape(Params params) {
        super(INFO, ParamUtil.defaults("seed", "0", "radius", "1", "steps", "11", "power_iterations", "50", "fd_epsilon", "1e-4"),
                List.of(Input.floats("theta", "P", "parameters"), Input.ints("filter_sizes", "F", "sizes of the filters/rows")),
                List.of(LandscapeProbe.class), params);
        p.getPositive("radius", 1);
        ParamUtil.positiveInt(p, "steps");
        ParamUtil.positiveInt(p, "power_iterations");
        p.getPositive("fd_epsilon", 1e-4);
    }

    @Override
    public MetricValues compute(MetricInput input) {
        if (!(input instanceof LandscapeProbe lp)) throw Metric.unsupported(this, input);
        double l0 = lp.loss().applyAsDouble(lp.theta().clone());
        double[][] g = grid(lp, p.getInt("seed", 0), p.getPositive("radius", 1), ParamUtil.positiveInt(p, "steps"));
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (double[] row : g) for (double v : row) {
            max = Math.max(max, v - l0);
            sum += v - l0;
        }
        MetricValues.Builder b = MetricValues.builder().put("loss", l0).put("max_increase", max).put("mean_increase", sum / (g.length * g.length));
        if (lp.gradient() != null) {
            b.put("top_hessian_eigenvalue", topEigenvalue(lp, ParamUtil.positiveInt(p, "power_iterations"), p.getPositive("fd_epsilon", 1e-4), p.getInt("seed", 0)));
        }
        return b.build();
    }

    /** A seeded Gaussian direction, filter-normalised to θ's filter norms (zero filters of θ give zero directions). */
    public static double[] filterNormalizedDirection(double[] theta, int[] filterSizes, SplittableRandom rnd) {
        double[] d = new double[theta.length];
        int off = 0;
        for (int size : filterSizes) {
            double dn = 0, tn = 0;
            for (int i = off; i < off + size; i++) {
                d[i] = gaussian(rnd);
                dn += d[i] * d[i];
                tn += theta[i] * theta[i];
            }
            double scale = dn == 0 ? 0 : Math.sqrt(tn / dn);
            for (int i = off; i < off + size; i++) d[i] *= scale;
            off += size;
        }
        return d;
    }

    /** Loss on the grid: {@code out[a][b] = L(θ + α_a d₁ + β_b d₂)}, α, β evenly spaced in [−radius, radius]. */
    public static double[][] grid(LandscapeProbe lp, long seed, double radius, int steps) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] d1 = filterNormalizedDirection(lp.theta(), lp.filterSizes(), rnd), d2 = filterNormalizedDirection(lp.theta(), lp.filterSizes(), rnd);
        double[][] out = new double[steps][steps];
        double[] x = new double[lp.theta().length];
        for (int a = 0; a < steps; a++) {
            double al = steps == 1 ? 0 : -radius + 2 * radius * a / (steps - 1);
            for (int c = 0; c < steps; c++) {
                double be = steps == 1 ? 0 : -radius + 2 * radius * c / (steps - 1);
                for (int i = 0; i < x.length; i++) x[i] = lp.theta()[i] + al * d1[i] + be * d2[i];
                out[a][c] = lp.loss().applyAsDouble(x.clone());
            }
        }
        return out;
    }

    static double topEigenvalue(LandscapeProbe lp, int iterations, double eps, long seed) {
        int n = lp.theta().length;
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = gaussian(rnd);
        normalize(v);
        double lambda = 0;
        for (int it = 0; it < iterations; it++) {
            double[] hv = hvp(lp, v, eps);
            double dot = 0;
            for (int i = 0; i < n; i++) dot += v[i] * hv[i];
            lambda = dot;
            double nrm = normalize(hv);
            if (nrm == 0) return 0;
            v = hv;
        }
        return lambda;
    }

    private static double[] hvp(LandscapeProbe lp, double[] v, double eps) {
        int n = v.length;
        double[] plus = new double[n], minus = new double[n];
        for (int i = 0; i < n; i++) {
            plus[i] = lp.theta()[i] + eps * v[i];
            minus[i] = lp.theta()[i] - eps * v[i];
        }
        double[] gp = lp.gradient().apply(plus), gm = lp.gradient().apply(minus);
        if (gp.length != n || gm.length != n) throw new IllegalArgumentException("gradient returned " + gp.length + " entries, expected " + n);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = (gp[i] - gm[i]) / (2 * eps);
        return out;
    }

    private static double normalize(double[] v) {
        double s = 0;
        for (double x : v) s += x * x;
        s = Math.sqrt(s);
        if (s > 0) for (int i = 0; i < v.length; i++) v[i] /= s;
        return s;
    }

    private static double gaussian(SplittableRandom r) {
        double u = r.nextDouble(), w = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * w);
    }
}
