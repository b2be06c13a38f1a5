package io.contrast4j.trainer.metrics;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;

import java.util.ArrayList;
import java.util.List;

/**
 * M22 · Plackett–Luce aggregation of sparse sample-level results (Ghosh et al. 2024, <i>ONEBench to Test Them All</i>):
 * each sample orders the configurations it evaluated (score descending; NaN = missing) into tied groups
 * g_1 &gt; g_2 &gt; … ; the Plackett–Luce likelihood with Breslow's tie rule, Π_t Π_{i∈g_t} w_i / (Σ_{j∈S_t} w_j)^{|g_t|}
 * (S_t = groups t, t+1, …; the last stage is uninformative and dropped), is maximised by Hunter's (2004) MM iteration
 * w_i ← W_i / Σ_t 1[i∈S_t]·|g_t| / Σ_{j∈S_t} w_j. For two configurations this is Bradley–Terry. A prior of
 * {@code prior} virtual wins and losses against a reference item of strength 1 keeps the MLE finite (0 disables it; then
 * the strengths are normalised to geometric mean 1). Reports {@code log_strength_<c>} per configuration, the
 * {@code best_config} index and the {@code log_likelihood} (primary). Formula not verified against the paper: follows
 * CATALOG.md. Defaults: prior = 1, iterations = 1000, tolerance = 1e-10.
 */
public final class PlackettLuceAggregation extends BaseMetric {
    public static final CatalogInfo INFO = new CatalogInfo("M22", "Plackett-Luce aggregation of sparse results", "evaluation", "T2",
            "Ghosh et al. 2024, ONEBench to Test Them All; Hunter 2004 MM algorithms for generalized Bradley-Terry models",
            "max prod_t prod_{i in g_t} w_i / (sum_{j in S_t} w_j)^{|g_t|} by MM");

    public PlackettLuceAggregation() {
        this(Params.empty());
    }

    public PlackettLuceAggregation(Params params) {
        super(INFO, ParamUtil.defaults("prior", "1", "iterations", "1000", "tolerance", "1e-10"),
                List.of(Input.floats("scores", "S x C", "per-sample scores, NaN = missing")), List.of(SampleResults.class), params);
        ParamUtil.nonNegative(p, "prior");
        ParamUtil.positiveInt(p, "iterations");
        p.getPositive("tolerance", 1e-10);
    }

    private record Stage(int[] members, int winners) {
    }

    @Override
    public MetricValues compute(MetricInput input) {
        if (!(input instanceof SampleResults r)) throw Metric.unsupported(this, input);
        int c = r.scores().length == 0 ? 0 : r.scores()[0].length;
        if (c == 0) throw new IllegalArgumentException("scores has no configurations (columns)");
        List<Stage> stages = stages(r.scores());
        double prior = ParamUtil.nonNegative(p, "prior");
        double[] w = fit(stages, c, prior, ParamUtil.positiveInt(p, "iterations"), p.getPositive("tolerance", 1e-10));
        MetricValues.Builder b = MetricValues.builder();
        double ll = 0;
        for (Stage s : stages) {
            double den = 0;
            for (int i : s.members()) den += w[i];
            for (int t = 0; t < s.winners(); t++) ll += Math.log(w[s.members()[t]]) - Math.log(den);
        }
        b.put("log_likelihood", ll);
        int best = 0;
        for (int i = 0; i < c; i++) {
            b.put("log_strength_" + i, Math.log(w[i]));
            if (w[i] > w[best]) best = i;
        }
        return b.put("best_config", best).primary("log_likelihood").build();
    }

    /** Stages: members = the remaining configurations with the winning group first. */
    private static List<Stage> stages(double[][] scores) {
        List<Stage> out = new ArrayList<>();
        for (double[] row : scores) {
            List<Integer> avail = new ArrayList<>();
            for (int j = 0; j < row.length; j++) if (!Double.isNaN(row[j])) avail.add(j);
            double[] s = new double[avail.size()];
            for (int i = 0; i < s.length; i++) s[i] = row[avail.get(i)];
            int[] o = Ranking.orderDesc(s);
            int start = 0;
            while (start < o.length) {
                int end = start;
                while (end < o.length && s[o[end]] == s[o[start]]) end++;
                if (end == o.length) break; // last group: no information
                int[] mem = new int[o.length - start];
                for (int i = start; i < o.length; i++) mem[i - start] = avail.get(o[i]);
                out.add(new Stage(mem, end - start));
                start = end;
            }
        }
        return out;
    }

    /** MM fit of the strengths; returns w (anchored by the prior's reference item, or geometric mean 1 without prior). */
    public static double[] fitStrengths(double[][] scores, double prior) {
        int c = scores.length == 0 ? 0 : scores[0].length;
        return fit(stages(scores), c, prior, 1000, 1e-10);
    }

    private static double[] fit(List<Stage> stages, int c, double prior, int iterations, double tol) {
        double[] wins = new double[c];
        for (Stage s : stages) for (int t = 0; t < s.winners(); t++) wins[s.members()[t]]++;
        for (int i = 0; i < c; i++) wins[i] += prior;
        double[] w = new double[c];
        java.util.Arrays.fill(w, 1);
        for (int it = 0; it < iterations; it++) {
            double[] den = new double[c];
            for (Stage s : stages) {
                double sum = 0;
                for (int i : s.members()) sum += w[i];
                for (int i : s.members()) den[i] += s.winners() / sum;
            }
            double change = 0;
            double[] nw = new double[c];
            for (int i = 0; i < c; i++) {
                double d = den[i] + 2 * prior / (w[i] + 1);
                nw[i] = d == 0 ? w[i] : wins[i] / d;
            }
            if (prior == 0) {
                double g = 0;
                int k = 0;
                for (double v : nw) if (v > 0) {
                    g += Math.log(v);
                    k++;
                }
                double scale = k == 0 ? 1 : Math.exp(-g / k);
                for (int i = 0; i < c; i++) nw[i] *= scale;
            }
            for (int i = 0; i < c; i++) change = Math.max(change, Math.abs(nw[i] - w[i]) / Math.max(1e-300, Math.abs(w[i])));
            w = nw;
            if (change < tol) break;
        }
        return w;
    }
}
