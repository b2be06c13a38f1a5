package io.contrast4j.trainer.metrics;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;

import java.util.List;

/**
 * M03 · STS correlation, following sentence-transformers {@code EmbeddingSimilarityEvaluator}: Pearson and Spearman
 * (average ranks for ties, as scipy) correlation between the gold scores and each similarity of the pair embeddings:
 * cosine, dot, −Euclidean, −Manhattan (ST negates the distances the same way). Fewer than two pairs or a constant
 * side gives NaN (scipy). Values are named {@code pearson_cosine}, {@code spearman_cosine}, …; primary =
 * {@code spearman_cosine}. Defaults: all four similarity functions.
 */
public final class StsCorrelation extends BaseMetric {
    public static final CatalogInfo INFO = new CatalogInfo("M03", "STS correlation", "evaluation", "T1",
            "sentence-transformers EmbeddingSimilarityEvaluator", "pearson/spearman(gold, sim(a_i,b_i)) for sim in cosine, dot, -euclidean, -manhattan");

    public StsCorrelation() {
        this(Params.empty());
    }

    public StsCorrelation(Params params) {
        super(INFO, ParamUtil.defaults("similarities", "cosine,euclidean,manhattan,dot"),
                List.of(Input.floats("a", "N x D", "first sentences"), Input.floats("b", "N x D", "second sentences"), Input.floats("gold", "N", "gold similarity")),
                List.of(ScoredPairs.class), params);
        sims();
    }

    private Similarity[] sims() {
        String[] s = p.getString("similarities", "").split(",");
        Similarity[] out = new Similarity[s.length];
        for (int i = 0; i < s.length; i++) out[i] = Similarity.parse(s[i].trim(), "similarities");
        return out;
    }

    @Override
    public MetricValues compute(MetricInput input) {
        if (!(input instanceof ScoredPairs sp)) throw Metric.unsupported(this, input);
        MetricValues.Builder b = MetricValues.builder();
        Similarity[] sims = sims();
        for (Similarity s : sims) {
            double[] v = new double[sp.gold().length];
            for (int i = 0; i < v.length; i++) v[i] = s.score(sp.a()[i], sp.b()[i]);
            b.put("pearson_" + s.key(), Stats.pearson(sp.gold(), v));
            b.put("spearman_" + s.key(), Stats.spearman(sp.gold(), v));
        }
        b.primary("spearman_" + (java.util.Arrays.asList(sims).contains(Similarity.COSINE) ? "cosine" : sims[0].key()));
        return b.build();
    }
}
