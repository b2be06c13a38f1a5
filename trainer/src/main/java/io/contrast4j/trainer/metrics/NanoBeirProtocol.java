package io.contrast4j.trainer.metrics;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * M08 · NanoBEIR-style quick retrieval benchmark protocol (sentence-transformers {@code NanoBEIREvaluator}, 13 tiny BEIR
 * subsets of ~50 queries): {@link RetrievalMetrics} (M01) on each named subset, reported as {@code <subset>_<metric>},
 * and the unweighted mean over subsets as {@code mean_<metric>} (subsets where a value is NaN are left out of its mean).
 * Primary {@code mean_ndcg@10}. The subsets must be supplied by the caller as ranked runs with qrels (no hub access);
 * only the protocol is implemented here. Formula not verified beyond CATALOG.md. Parameters are passed through to M01.
 */
public final class NanoBeirProtocol extends BaseMetric {
    public static final CatalogInfo INFO = new CatalogInfo("M08", "NanoBEIR-style quick retrieval benchmark", "evaluation", "T1",
            "sentence-transformers NanoBEIREvaluator", "M01 per subset; primary = mean over subsets of nDCG@10");
    private static final Map<String, String> DEFAULTS = ParamUtil.defaults(
            "accuracy_at_k", "1,3,5,10", "precision_recall_at_k", "1,3,5,10", "mrr_at_k", "10", "ndcg_at_k", "10",
            "map_at_k", "100", "gain", "linear", "map_norm", "min");

    private final RetrievalMetrics inner;

    public NanoBeirProtocol() {
        this(Params.empty());
    }

    public NanoBeirProtocol(Params params) {
        super(INFO, DEFAULTS, List.of(Input.ints("subsets", "S x Q x K", "named ranked runs with qrels")), List.of(RetrievalSuite.class), params);
        inner = new RetrievalMetrics(p);
    }

    @Override
    public MetricValues compute(MetricInput input) {
        if (!(input instanceof RetrievalSuite s)) throw Metric.unsupported(this, input);
        Map<String, MetricValues> per = new LinkedHashMap<>();
        s.subsets().forEach((name, task) -> per.put(name, inner.compute(task)));
        MetricValues first = per.values().iterator().next();
        MetricValues.Builder b = MetricValues.builder();
        for (String m : first.values().keySet()) {
            double sum = 0;
            int c = 0;
            for (MetricValues v : per.values()) {
                double x = v.get(m);
                if (!Double.isNaN(x)) {
                    sum += x;
                    c++;
                }
            }
            b.put("mean_" + m, c == 0 ? Double.NaN : sum / c);
        }
        per.forEach((name, v) -> b.putAll(name + "_", v));
        return b.primary("mean_" + first.primary()).build();
    }
}
