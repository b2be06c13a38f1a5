package io.contrast4j.trainer.metrics;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;

import java.util.List;

/**
 * M05 · Triplet / pairwise ranking accuracy.
 * <ul>
 * <li>{@link Triplets}: sentence-transformers {@code TripletEvaluator}: {@code <sim>_accuracy} = mean
 * 1[s(a,p) − s(a,n) &gt; margin] for s in cosine, dot, −Euclidean, −Manhattan (for the distances this is
 * d(a,n) − d(a,p) &gt; margin, as ST); ties count as wrong. Primary {@code cosine_accuracy}.</li>
 * <li>{@link PreferencePairs}: <i>Preference Learning Algorithms Do Not Learn Preference Rankings</i> (Chen et al. 2024):
 * {@code ranking_accuracy} = mean 1[log π(y_w) &gt; log π(y_l)]; {@code idealized_ranking_accuracy} = mean
 * 1[(log π_ref(y_w) − log π_ref(y_l)) + (r_w − r_l)/β &gt; 0] (the optimal policy π* ∝ π_ref·e^{r/β}).
 * Formula not verified against the paper: follows CATALOG.md.</li>
 * </ul>
 * Defaults: margin = 0, beta = 0.1 (the usual DPO β). Empty input gives NaN.
 */
public final class TripletAccuracy extends BaseMetric {
    public static final CatalogInfo INFO = new CatalogInfo("M05", "Triplet and pairwise ranking accuracy", "evaluation", "T1",
            "sentence-transformers TripletEvaluator; Chen et al. 2024, Preference Learning Algorithms Do Not Learn Preference Rankings",
            "mean 1[s(a,p) - s(a,n) > margin]; idealised: (log pi_ref(w) - log pi_ref(l)) + (r_w - r_l)/beta > 0");

    public TripletAccuracy() {
        this(Params.empty());
    }

    public TripletAccuracy(Params params) {
        super(INFO, ParamUtil.defaults("margin", "0", "beta", "0.1"),
                List.of(Input.floats("anchors", "N x D", "anchors"), Input.floats("positives", "N x D", "positives"), Input.floats("negatives", "N x D", "negatives")),
                List.of(Triplets.class, PreferencePairs.class), params);
        p.getDouble("margin", 0);
        p.getPositive("beta", 0.1);
    }

    @Override
    public MetricValues compute(MetricInput input) {
        return switch (input) {
            case Triplets t -> triplets(t);
            case PreferencePairs pp -> preferences(pp);
            case null, default -> throw Metric.unsupported(this, input);
        };
    }

    private MetricValues triplets(Triplets t) {
        double margin = p.getDouble("margin", 0);
        int n = t.anchors().length;
        MetricValues.Builder b = MetricValues.builder();
        for (Similarity s : new Similarity[]{Similarity.COSINE, Similarity.DOT, Similarity.EUCLIDEAN, Similarity.MANHATTAN}) {
            int ok = 0;
            for (int i = 0; i < n; i++) {
                if (s.score(t.anchors()[i], t.positives()[i]) - s.score(t.anchors()[i], t.negatives()[i]) > margin) ok++;
            }
            b.put(s.key() + "_accuracy", n == 0 ? Double.NaN : (double) ok / n);
        }
        return b.primary("cosine_accuracy").build();
    }

    private MetricValues preferences(PreferencePairs pp) {
        double beta = p.getPositive("beta", 0.1);
        int n = pp.refChosen().length;
        MetricValues.Builder b = MetricValues.builder();
        int ideal = 0;
        for (int i = 0; i < n; i++) {
            if ((pp.refChosen()[i] - pp.refRejected()[i]) + (pp.rewardChosen()[i] - pp.rewardRejected()[i]) / beta > 0) ideal++;
        }
        b.put("idealized_ranking_accuracy", n == 0 ? Double.NaN : (double) ideal / n);
        if (pp.policyChosen() != null) {
            int ok = 0;
            for (int i = 0; i < n; i++) if (pp.policyChosen()[i] > pp.policyRejected()[i]) ok++;
            b.put("ranking_accuracy", n == 0 ? Double.NaN : (double) ok / n);
            b.primary("ranking_accuracy");
        }
        return b.build();
    }
}
