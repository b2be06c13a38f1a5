package io.contrast4j.trainer.metrics;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * M12 · Operating-point inconsistency score (Zhang et al. 2023, <i>Threshold-Consistent Margin Loss for Open-World Deep
 * Metric Learning</i>). A pair is accepted at distance threshold d when its distance ≤ d. Utility U(d) = harmonic mean
 * of TPR(d) (accepted positive pairs) and TNR(d) (rejected negative pairs) (0 when both are 0). For class c, positive
 * pairs are the same-class pairs inside c and negative pairs those with exactly one member in c; Ū uses all pairs.
 * OPIS = (1/C) Σ_c (1/(d_b − d_a)) ∫_{d_a}^{d_b} (U_c(d) − Ū(d))² dd (trapezoid rule on {@code steps} points; classes
 * without a positive or a negative pair are skipped). ε-OPIS = (1/(d_b − d_a)) ∫ (U_best(d) − U_worst(d))² dd where
 * U_best/U_worst average the ⌈ε·C⌉ classes of highest/lowest mean utility. Distances: {@code cosine} (1 − cos,
 * default) or {@code l2}. Utility choice and ε-OPIS grouping: formula not verified against the paper; follows
 * CATALOG.md. Defaults: distance = cosine, d_min = 0, d_max = 2, steps = 101, epsilon = 0.05. No valid class: NaN.
 */
public final class Opis extends BaseMetric {
    public static final CatalogInfo INFO = new CatalogInfo("M12", "Operating-point inconsistency score (OPIS)", "evaluation", "T2",
            "Zhang et al. 2023, Threshold-Consistent Margin Loss for Open-World Deep Metric Learning",
            "OPIS = (1/C) sum_c 1/(d_b-d_a) int (U_c(d) - U(d))^2 dd, U = harmonic mean of TPR and TNR");

    public Opis() {
        this(Params.empty());
    }

    public Opis(Params params) {
        super(INFO, ParamUtil.defaults("distance", "cosine", "d_min", "0", "d_max", "2", "steps", "101", "epsilon", "0.05"),
                List.of(Input.floats("embeddings", "N x D", "embeddings"), Input.ints("labels", "N", "labels")), List.of(LabelledEmbeddings.class), params);
        ParamUtil.choice(p, "distance", "cosine", "l2");
        if (!(p.getDouble("d_max", 2) > p.getDouble("d_min", 0))) throw new IllegalArgumentException("parameter 'd_max' must exceed 'd_min'");
        if (ParamUtil.positiveInt(p, "steps") < 2) throw new IllegalArgumentException("parameter 'steps' must be >= 2");
        Check.unit("epsilon", p.getDouble("epsilon", 0.05));
    }

    @Override
    public MetricValues compute(MetricInput input) {
        if (!(input instanceof LabelledEmbeddings e)) throw Metric.unsupported(this, input);
        boolean cos = ParamUtil.choice(p, "distance", "cosine", "l2").equals("cosine");
        float[][] x = e.embeddings();
        int[] y = e.labels();
        int n = x.length;
        TreeMap<Integer, List<Double>> pos = new TreeMap<>(), neg = new TreeMap<>();
        List<Double> allPos = new ArrayList<>(), allNeg = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pos.putIfAbsent(y[i], new ArrayList<>());
            neg.putIfAbsent(y[i], new ArrayList<>());
        }
        for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) {
            double d = cos ? 1 - VectorMath.cosineD(x[i], x[j]) : Math.sqrt(AlignmentUniformity.sq(x[i], x[j]));
            if (y[i] == y[j]) {
                pos.get(y[i]).add(d);
                allPos.add(d);
            } else {
                neg.get(y[i]).add(d);
                neg.get(y[j]).add(d);
                allNeg.add(d);
            }
        }
        int steps = ParamUtil.positiveInt(p, "steps");
        double a = p.getDouble("d_min", 0), b = p.getDouble("d_max", 2);
        double[] grid = new double[steps];
        for (int s = 0; s < steps; s++) grid[s] = a + (b - a) * s / (steps - 1);
        MetricValues.Builder out = MetricValues.builder();
        if (allPos.isEmpty() || allNeg.isEmpty()) return out.put("opis", Double.NaN).put("epsilon_opis", Double.NaN).build();
        double[] overall = utility(allPos, allNeg, grid);
        List<double[]> curves = new ArrayList<>();
        for (int c : pos.keySet()) if (!pos.get(c).isEmpty() && !neg.get(c).isEmpty()) curves.add(utility(pos.get(c), neg.get(c), grid));
        if (curves.isEmpty()) return out.put("opis", Double.NaN).put("epsilon_opis", Double.NaN).build();
        double opis = 0;
        for (double[] u : curves) opis += meanSquaredGap(u, overall);
        opis /= curves.size();
        curves.sort((u, v) -> Double.compare(trapezoidMean(v), trapezoidMean(u)));
        int m = (int) Math.ceil(p.getDouble("epsilon", 0.05) * curves.size());
        m = Math.max(1, Math.min(m, curves.size()));
        double[] best = new double[steps], worst = new double[steps];
        for (int i = 0; i < m; i++) for (int s = 0; s < steps; s++) {
            best[s] += curves.get(i)[s] / m;
            worst[s] += curves.get(curves.size() - 1 - i)[s] / m;
        }
        return out.put("opis", opis).put("epsilon_opis", meanSquaredGap(best, worst)).build();
    }

    private static double[] utility(List<Double> pos, List<Double> neg, double[] grid) {
        double[] ps = pos.stream().mapToDouble(Double::doubleValue).sorted().toArray(), ns = neg.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] u = new double[grid.length];
        for (int s = 0; s < grid.length; s++) {
            double tpr = (double) countAtMost(ps, grid[s]) / ps.length;
            double tnr = 1 - (double) countAtMost(ns, grid[s]) / ns.length;
            u[s] = tpr + tnr == 0 ? 0 : 2 * tpr * tnr / (tpr + tnr);
        }
        return u;
    }

    private static int countAtMost(double[] sorted, double v) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static double meanSquaredGap(double[] u, double[] v) {
        double[] g = new double[u.length];
        for (int i = 0; i < u.length; i++) g[i] = (u[i] - v[i]) * (u[i] - v[i]);
        return trapezoidMean(g);
    }

    /** (1/(b−a)) ∫ f over an evenly spaced grid, by the trapezoid rule. */
    private static double trapezoidMean(double[] f) {
        double s = 0;
        for (int i = 0; i + 1 < f.length; i++) s += (f[i] + f[i + 1]) / 2;
        return s / (f.length - 1);
    }
}
