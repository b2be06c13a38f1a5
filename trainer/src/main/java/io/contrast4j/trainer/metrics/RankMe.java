package io.contrast4j.trainer.metrics;

import io.contrast4j.autograd.linalg.SymmetricEigen;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;

import java.util.List;

/**
 * M10 · RankMe effective rank and collapse diagnostics (Garrido et al. 2023, <i>RankMe: Assessing the downstream
 * performance of pretrained self-supervised representations by their rank</i>): σ = singular values of Z (N x D),
 * p_k = σ_k/‖σ‖₁ + ε, {@code rankme} = exp(−Σ_k p_k log p_k) (ε = 1e-7 as the paper). Also
 * {@code mean_pairwise_distance} (Euclidean, over i&lt;j; a collapse monitor) and {@code mean_norm}. Z = 0 gives
 * rankme NaN. Accepts {@link Embeddings} or {@link LabelledEmbeddings} (labels ignored). Default epsilon = 1e-7.
 */
public final class RankMe extends BaseMetric {
    public static final CatalogInfo INFO = new CatalogInfo("M10", "RankMe effective rank and collapse diagnostics", "evaluation", "T2",
            "Garrido et al. 2023, RankMe", "p_k = sigma_k/||sigma||_1 + eps; RankMe = exp(-sum p_k log p_k)");

    public RankMe() {
        this(Params.empty());
    }

    public RankMe(Params params) {
        super(INFO, ParamUtil.defaults("epsilon", "1e-7"), List.of(Input.floats("z", "N x D", "embeddings")),
                List.of(Embeddings.class, LabelledEmbeddings.class), params);
        ParamUtil.nonNegative(p, "epsilon");
    }

    @Override
    public MetricValues compute(MetricInput input) {
        float[][] z = switch (input) {
            case Embeddings e -> e.z();
            case LabelledEmbeddings l -> l.embeddings();
            case null, default -> throw Metric.unsupported(this, input);
        };
        double eps = ParamUtil.nonNegative(p, "epsilon");
        double[] sv = SymmetricEigen.singularValues(z);
        double l1 = 0;
        for (double s : sv) l1 += s;
        double h = 0;
        for (double s : sv) {
            double pk = s / l1 + eps;
            h -= pk * Math.log(pk);
        }
        double dist = 0, norm = 0;
        long pairs = 0;
        for (int i = 0; i < z.length; i++) {
            norm += VectorMath.normD(z[i]);
            for (int j = i + 1; j < z.length; j++) {
                dist += Math.sqrt(AlignmentUniformity.sq(z[i], z[j]));
                pairs++;
            }
        }
        return MetricValues.builder().put("rankme", l1 == 0 ? Double.NaN : Math.exp(h))
                .put("mean_pairwise_distance", pairs == 0 ? Double.NaN : dist / pairs)
                .put("mean_norm", z.length == 0 ? Double.NaN : norm / z.length).build();
    }
}
