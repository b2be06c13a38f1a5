package io.contrast4j.trainer.metrics;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;

import java.util.ArrayList;
import java.util.List;

/**
 * M17 · Similarity-to-training OOD score, SAGE-style (<i>Generalization is not a universal guarantee: Estimating
 * similarity to training data with an ensemble out-of-distribution metric</i>). Each component becomes an empirical
 * percentile against the training set: kNN distance d(x) = mean Euclidean distance to the {@code k} nearest training
 * points (training points: leave-one-out), score = fraction of training d ≥ d(x); reconstruction error likewise
 * (fraction of training errors ≥ the test error; any stand-in autoencoder); task-performance proxy, higher = better:
 * fraction of training proxies ≤ the test proxy. Components combine by {@code combine=mean} (default) or
 * {@code product}. Reports {@code mean_score} (primary), {@code fraction_below} (score &lt; {@code threshold}: the
 * samples a filter would drop) and each component's mean. Formula not verified against the paper: follows CATALOG.md.
 * Defaults: k = 5, combine = mean, threshold = 0.05. Empty test set: NaN.
 */
public final class SageOodScore extends BaseMetric {
    public static final CatalogInfo INFO = new CatalogInfo("M17", "Similarity-to-training OOD score (SAGE)", "evaluation", "T2",
            "Generalization is not a universal guarantee: Estimating similarity to training data with an ensemble OOD metric (s002)",
            "score = combine(percentiles of kNN distance, reconstruction error, performance proxy vs training set)");

    public SageOodScore() {
        this(Params.empty());
    }

    public SageOodScore(Params params) {
        super(INFO, ParamUtil.defaults("k", "5", "combine", "mean", "threshold", "0.05"),
                List.of(Input.floats("train", "N x D", "train features"), Input.floats("test", "M x D", "test features"),
                        Input.floats("reconstruction", "N / M", "reconstruction errors").asOptional(), Input.floats("proxy", "N / M", "performance proxy").asOptional()),
                List.of(OodInput.class), params);
        ParamUtil.positiveInt(p, "k");
        ParamUtil.choice(p, "combine", "mean", "product");
        Check.unit("threshold", p.getDouble("threshold", 0.05));
    }

    @Override
    public MetricValues compute(MetricInput input) {
        if (!(input instanceof OodInput o)) throw Metric.unsupported(this, input);
        List<double[]> comps = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int k = ParamUtil.positiveInt(p, "k");
        comps.add(survival(knnDistance(o.train(), o.train(), k, true), knnDistance(o.test(), o.train(), k, false)));
        names.add("knn");
        if (o.trainReconstruction() != null) {
            comps.add(survival(o.trainReconstruction(), o.testReconstruction()));
            names.add("reconstruction");
        }
        if (o.trainProxy() != null) {
            double[] tr = o.trainProxy().clone(), te = o.testProxy().clone();
            for (int i = 0; i < tr.length; i++) tr[i] = -tr[i];
            for (int i = 0; i < te.length; i++) te[i] = -te[i];
            comps.add(survival(tr, te));
            names.add("proxy");
        }
        boolean product = ParamUtil.choice(p, "combine", "mean", "product").equals("product");
        int m = o.test().length;
        double[] score = new double[m];
        for (int i = 0; i < m; i++) {
            double s = product ? 1 : 0;
            for (double[] c : comps) s = product ? s * c[i] : s + c[i];
            score[i] = product ? s : s / comps.size();
        }
        double th = p.getDouble("threshold", 0.05);
        int below = 0;
        for (double s : score) if (s < th) below++;
        MetricValues.Builder b = MetricValues.builder().put("mean_score", m == 0 ? Double.NaN : Stats.mean(score))
                .put("fraction_below", m == 0 ? Double.NaN : (double) below / m);
        for (int c = 0; c < comps.size(); c++) b.put("mean_" + names.get(c) + "_score", m == 0 ? Double.NaN : Stats.mean(comps.get(c)));
        return b.build();
    }

    /** Fraction of reference values ≥ each value (1 = as typical as the most typical training point). */
    static double[] survival(double[] reference, double[] values) {
        double[] sorted = reference.clone();
        java.util.Arrays.sort(sorted);
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            int lo = 0, hi = sorted.length; // first index with sorted[idx] >= v
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid] < values[i]) lo = mid + 1;
                else hi = mid;
            }
            out[i] = (double) (sorted.length - lo) / sorted.length;
        }
        return out;
    }

    static double[] knnDistance(float[][] q, float[][] ref, int k, boolean self) {
        int[][] nn = ExactKnn.search(q, ref, k, ExactKnn.Kind.L2, self);
        double[] out = new double[q.length];
        for (int i = 0; i < q.length; i++) {
            double s = 0;
            for (int j : nn[i]) s += Math.sqrt(AlignmentUniformity.sq(q[i], ref[j]));
            out[i] = s / nn[i].length;
        }
        return out;
    }
}
