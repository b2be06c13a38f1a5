package io.contrast4j.trainer.metrics;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;

import java.util.List;

/**
 * M06 · Reranking metrics, following sentence-transformers {@code RerankingEvaluator(at_k=10)}: per query, the
 * candidates ordered by the model's score;
 * <ul>
 * <li>{@code map} = scikit-learn {@code average_precision_score} over all candidates (tied scores grouped);</li>
 * <li>{@code mrr@k} = 1/rank of the first relevant candidate within k (0 if none; ties by lower candidate index);</li>
 * <li>{@code ndcg@k} = scikit-learn {@code ndcg_score(k)}: binary gains, 1/log₂(rank+1) discounts, tied scores share
 * the mean gain of their group (sklearn's default {@code ignore_ties=False}).</li>
 * </ul>
 * Queries without a relevant or without an irrelevant candidate are skipped (as ST); none left gives NaN.
 * Defaults: at_k = 10; primary = map.
 */
public final class RerankingMetrics extends BaseMetric {
    public static final CatalogInfo INFO = new CatalogInfo("M06", "Reranking evaluator", "evaluation", "T1",
            "sentence-transformers RerankingEvaluator", "per query: AP over candidates, MRR@k, tie-averaged nDCG@k; mean over queries");

    public RerankingMetrics() {
        this(Params.empty());
    }

    public RerankingMetrics(Params params) {
        super(INFO, ParamUtil.defaults("at_k", "10"),
                List.of(Input.floats("scores", "Q x C", "candidate scores"), Input.ints("relevant", "Q x C", "1 if relevant")),
                List.of(RerankCandidates.class), params);
        ParamUtil.positiveInt(p, "at_k");
    }

    @Override
    public MetricValues compute(MetricInput input) {
        if (!(input instanceof RerankCandidates r)) throw Metric.unsupported(this, input);
        int k = ParamUtil.positiveInt(p, "at_k");
        double map = 0, mrr = 0, ndcg = 0;
        int n = 0;
        for (int q = 0; q < r.scores().size(); q++) {
            double[] s = r.scores().get(q);
            boolean[] y = r.relevant().get(q);
            int pos = 0;
            for (boolean b : y) if (b) pos++;
            if (pos == 0 || pos == y.length) continue;
            n++;
            map += BinaryClassificationMetrics.averagePrecision(s, y);
            int[] o = Ranking.orderDesc(s);
            for (int i = 0; i < Math.min(k, o.length); i++) {
                if (y[o[i]]) {
                    mrr += 1.0 / (i + 1);
                    break;
                }
            }
            ndcg += tieAveragedNdcg(s, y, k);
        }
        return MetricValues.builder().put("map", n == 0 ? Double.NaN : map / n).put("mrr@" + k, n == 0 ? Double.NaN : mrr / n)
                .put("ndcg@" + k, n == 0 ? Double.NaN : ndcg / n).build();
    }

    /** scikit-learn {@code ndcg_score} for one query with binary gains and tie averaging. */
    public static double tieAveragedNdcg(double[] s, boolean[] y, int k) {
        int[] o = Ranking.orderDesc(s);
        double dcg = 0;
        int start = 0;
        while (start < o.length && start < k) {
            int end = start;
            double g = 0;
            while (end < o.length && s[o[end]] == s[o[start]]) {
                if (y[o[end]]) g++;
                end++;
            }
            double disc = 0;
            for (int i = start; i < Math.min(end, k); i++) disc += 1 / (Math.log(i + 2) / Math.log(2));
            dcg += g / (end - start) * disc;
            start = end;
        }
        int pos = 0;
        for (boolean b : y) if (b) pos++;
        double idcg = 0;
        for (int i = 0; i < Math.min(k, pos); i++) idcg += 1 / (Math.log(i + 2) / Math.log(2));
        return idcg == 0 ? 0 : dcg / idcg;
    }
}
