package io.contrast4j.trainer.metrics;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;

import java.util.List;

/**
 * M15 · Utilization, embedding-space coverage (Metrix, s002/s004): mean over test embeddings of the distance to the
 * nearest training embedding (lower = test data lies in explored regions). {@code distance=l2} (default, Euclidean) or
 * {@code cosine} (1 − cos). Formula not verified against the paper: follows CATALOG.md. Empty test set: NaN.
 */
public final class Utilization extends BaseMetric {
    public static final CatalogInfo INFO = new CatalogInfo("M15", "Utilization (embedding-space coverage)", "evaluation", "T2",
            "Metrix (s002, s004)", "mean_test min_train d(test, train)");

    public Utilization() {
        this(Params.empty());
    }

    public Utilization(Params params) {
        super(INFO, ParamUtil.defaults("distance", "l2"), List.of(Input.floats("train", "N x D", "train embeddings"), Input.floats("test", "M x D", "test embeddings")),
                List.of(TrainTestEmbeddings.class), params);
        ParamUtil.choice(p, "distance", "l2", "cosine");
    }

    @Override
    public MetricValues compute(MetricInput input) {
        if (!(input instanceof TrainTestEmbeddings t)) throw Metric.unsupported(this, input);
        boolean cos = ParamUtil.choice(p, "distance", "l2", "cosine").equals("cosine");
        int[][] nn = ExactKnn.search(t.test(), t.train(), 1, cos ? ExactKnn.Kind.COSINE : ExactKnn.Kind.L2, false);
        double s = 0;
        for (int i = 0; i < nn.length; i++) {
            float[] a = t.test()[i], b = t.train()[nn[i][0]];
            s += cos ? 1 - VectorMath.cosineD(a, b) : Math.sqrt(AlignmentUniformity.sq(a, b));
        }
        return MetricValues.builder().put("utilization", nn.length == 0 ? Double.NaN : s / nn.length).build();
    }
}
