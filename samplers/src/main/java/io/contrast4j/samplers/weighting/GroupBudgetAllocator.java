package io.contrast4j.samplers.weighting;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * S419 · Adaptive group-budget allocation for equitable datasets (Cai et al. 2023, <i>Adaptive Sampling Strategies to
 * Construct Equitable Training Datasets</i>). Per group g the trainer reports (n, err) observations; the allocator fits
 * err_g(n) ≈ a_g·n^{−b_g} + c_g (least squares in (a, c) for each b on a grid 0.05..2 step 0.05, best b kept; a ≥ 0; with
 * fewer than 3 observations a_g = err·n^{b}, b = 0.5, c = 0) and spends the next budget greedily in steps: each step
 * goes to the group with the largest predicted error (minimising the max group error), and with {@code costs} to the
 * group with the largest (err_g(n) − err_g(n + step))/cost_g when {@code objective} is GAIN. Formula follows CATALOG.md
 * ([K]). Defaults: step 1, objective MAX_ERROR.
 */
public final class GroupBudgetAllocator implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S419", "Adaptive group-budget allocation (equitable datasets)", "reweighting", "T2",
            "Cai et al. 2023, Adaptive Sampling Strategies to Construct Equitable Training Datasets",
            "fit err_g(n) = a n^−b + c; allocate greedily (max group error, or marginal gain per cost)");

    public enum Objective { MAX_ERROR, GAIN }

    /** A fitted curve err(n) = a·n^{−b} + c. */
    public record Curve(double a, double b, double c) {
        public double at(double n) {
            return a * Math.pow(Math.max(n, 1), -b) + c;
        }
    }

    private final List<List<double[]>> obs = new ArrayList<>();
    private final Objective objective;

    public GroupBudgetAllocator(int groups, Objective objective) {
        if (groups < 1) throw new IllegalArgumentException("S419: parameter 'groups' must be >= 1, got " + groups);
        if (objective == null) throw new IllegalArgumentException("S419: parameter 'objective' must not be null");
        for (int g = 0; g < groups; g++) obs.add(new ArrayList<>());
        this.objective = objective;
    }

    public GroupBudgetAllocator() {
        this(1, Objective.MAX_ERROR);
    }

    public void observe(int group, double n, double err) {
        if (group < 0 || group >= obs.size()) throw new IllegalArgumentException("S419: parameter 'group' must be in [0, " + obs.size() + "), got " + group);
        if (!(n >= 1) || Double.isInfinite(n)) throw new IllegalArgumentException("S419: parameter 'n' must be >= 1, got " + n);
        if (!Double.isFinite(err)) throw new IllegalArgumentException("S419: parameter 'err' must be finite, got " + err);
        obs.get(group).add(new double[]{n, err});
    }

    public Curve fit(int group) {
        List<double[]> o = obs.get(group);
        if (o.isEmpty()) throw new IllegalArgumentException("S419: group " + group + " has no observations");
        if (o.size() < 3) {
            double[] last = o.get(o.size() - 1);
            return new Curve(last[1] * Math.sqrt(last[0]), 0.5, 0);
        }
        Curve best = null;
        double bestSse = Double.POSITIVE_INFINITY;
        for (int s = 1; s <= 40; s++) {
            double b = 0.05 * s;
            double sx = 0, sy = 0, sxx = 0, sxy = 0;
            int m = o.size();
            for (double[] p : o) {
                double x = Math.pow(p[0], -b);
                sx += x;
                sy += p[1];
                sxx += x * x;
                sxy += x * p[1];
            }
            double den = m * sxx - sx * sx;
            double a = Math.abs(den) < 1e-18 ? 0 : (m * sxy - sx * sy) / den;
            a = Math.max(0, a);
            double c = (sy - a * sx) / m;
            double sse = 0;
            for (double[] p : o) {
                double r = a * Math.pow(p[0], -b) + c - p[1];
                sse += r * r;
            }
            if (sse < bestSse - 1e-15) {
                bestSse = sse;
                best = new Curve(a, b, c);
            }
        }
        return best;
    }

    /** Extra samples per group for a budget spent in steps of {@code step}, starting from current sizes {@code n}. */
    public int[] allocate(int[] n, int budget, int step, double[] costs) {
        int m = obs.size();
        if (n.length != m) throw new IllegalArgumentException("S419: n must hold " + m + " group sizes, got " + n.length);
        if (budget < 0) throw new IllegalArgumentException("S419: parameter 'budget' must be >= 0, got " + budget);
        if (step < 1) throw new IllegalArgumentException("S419: parameter 'step' must be >= 1, got " + step);
        if (costs != null && costs.length != m) throw new IllegalArgumentException("S419: costs must hold " + m + " values, got " + costs.length);
        if (costs != null) for (int g = 0; g < m; g++) Quotas.positive("S419", "costs[" + g + "]", costs[g]);
        Curve[] f = new Curve[m];
        for (int g = 0; g < m; g++) f[g] = fit(g);
        int[] add = new int[m];
        double spent = 0;
        while (true) {
            int best = -1;
            double bestV = Double.NEGATIVE_INFINITY;
            for (int g = 0; g < m; g++) {
                double cost = (costs == null ? 1 : costs[g]) * step;
                if (spent + cost > budget + 1e-9) continue;
                double cur = n[g] + add[g];
                double v = objective == Objective.MAX_ERROR ? f[g].at(cur) : (f[g].at(cur) - f[g].at(cur + step)) / cost;
                if (v > bestV) {
                    bestV = v;
                    best = g;
                }
            }
            if (best < 0) break;
            add[best] += step;
            spent += (costs == null ? 1 : costs[best]) * step;
        }
        return add;
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("step", "1");
        d.put("objective", objective.name().toLowerCase(java.util.Locale.ROOT));
        return d;
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.floats("observations", "K x 2", "(n, error) per group"));
    }
}
