package io.contrast4j.trainer.metrics;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * M01 · Retrieval metrics, following sentence-transformers {@code InformationRetrievalEvaluator} (binary relevance:
 * grade &gt; 0 is relevant) with graded nDCG as in pytrec_eval/BEIR.
 * <ul>
 * <li>accuracy@k (= Success@k) = 1[any relevant in top k]; precision@k = hits/k; recall@k = hits/|rel|;</li>
 * <li>MRR@k = 1/rank of the first relevant doc in the top k (0 if none);</li>
 * <li>nDCG@k = Σ_{i&lt;k} g(rel_i)/log₂(i+2) / IDCG@k, with gain g = rel (option {@code gain=linear}, default; this
 * is trec_eval/pytrec_eval's {@code ndcg_cut} as used by BEIR, and equals ST's binary nDCG for 0/1 grades) or
 * g = 2^rel − 1 ({@code gain=exponential}, Burges et al.); IDCG from the ideal ordering of the judged grades;</li>
 * <li>MAP@k = Σ_{hits in top k} (hits so far / rank) / min(k, |rel|) ({@code map_norm=min}, ST) or / |rel|
 * ({@code map_norm=rel}, trec_eval {@code map_cut}).</li>
 * </ul>
 * A query with no relevant doc is excluded from every mean (ST drops it); with no valid query each value is NaN.
 * Optional per-query weights give a weighted mean (the frequency-weighted recall of s002 uses weights = inverse
 * training frequency; formula not verified against the paper: follows CATALOG.md). Also {@link #passAtK}.
 * <p>Defaults (ST): accuracy_at_k = precision_recall_at_k = 1,3,5,10; mrr_at_k = 10; ndcg_at_k = 10; map_at_k = 100;
 * primary = ndcg@(max ndcg k).
 */
public final class RetrievalMetrics implements Metric {
    public static final CatalogInfo INFO = new CatalogInfo("M01", "Retrieval metrics (IR evaluator)", "evaluation", "T1",
            "sentence-transformers InformationRetrievalEvaluator; pytrec_eval ndcg_cut; Chen et al. 2021 pass@k",
            "acc@k, P@k=hits/k, R@k=hits/|rel|, MRR@k, nDCG@k=DCG/IDCG (gain rel or 2^rel-1), MAP@k=sum_hits(prec@rank)/min(k,|rel|)");
    private static final Map<String, String> DEFAULTS = ParamUtil.defaults(
            "accuracy_at_k", "1,3,5,10", "precision_recall_at_k", "1,3,5,10", "mrr_at_k", "10", "ndcg_at_k", "10",
            "map_at_k", "100", "gain", "linear", "map_norm", "min");

    private final int[] accK, prK, mrrK, ndcgK, mapK;
    private final boolean exponential, mapNormMin;

    public RetrievalMetrics() {
        this(Params.empty());
    }

    public RetrievalMetrics(Params params) {
        Params p = ParamUtil.resolve(params, DEFAULTS);
        accK = ParamUtil.intList(p, "accuracy_at_k");
        prK = ParamUtil.intList(p, "precision_recall_at_k");
        mrrK = ParamUtil.intList(p, "mrr_at_k");
        ndcgK = ParamUtil.intList(p, "ndcg_at_k");
        mapK = ParamUtil.intList(p, "map_at_k");
        exponential = ParamUtil.choice(p, "gain", "linear", "exponential").equals("exponential");
        mapNormMin = ParamUtil.choice(p, "map_norm", "min", "rel").equals("min");
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        return DEFAULTS;
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.ints("rankings", "Q x K", "ranked doc ids per query"), Input.ints("qrels", "Q x rel", "graded relevance per query"),
                Input.floats("weights", "Q", "per-query weights").asOptional());
    }

    @Override
    public List<Class<? extends MetricInput>> accepts() {
        return List.of(RankedRetrieval.class);
    }

    @Override
    public MetricValues compute(MetricInput input) {
        if (!(input instanceof RankedRetrieval r)) throw Metric.unsupported(this, input);
        int q = r.queries();
        MetricValues.Builder b = MetricValues.builder();
        b.primary("ndcg@" + ndcgK[ndcgK.length - 1]);
        for (int k : accK) b.put("accuracy@" + k, mean(r, i -> hits(r.rankings().get(i), r.qrels().get(i), k) > 0 ? 1 : 0));
        for (int k : prK) b.put("precision@" + k, mean(r, i -> hits(r.rankings().get(i), r.qrels().get(i), k) / (double) k));
        for (int k : prK) b.put("recall@" + k, mean(r, i -> hits(r.rankings().get(i), r.qrels().get(i), k) / (double) relevantCount(r.qrels().get(i))));
        for (int k : mrrK) b.put("mrr@" + k, mean(r, i -> reciprocalRank(r.rankings().get(i), r.qrels().get(i), k)));
        for (int k : ndcgK) b.put("ndcg@" + k, mean(r, i -> ndcg(r.rankings().get(i), r.qrels().get(i), k, exponential)));
        for (int k : mapK) b.put("map@" + k, mean(r, i -> averagePrecision(r.rankings().get(i), r.qrels().get(i), k, mapNormMin)));
        assert q == r.qrels().size();
        return b.build();
    }

    private static double mean(RankedRetrieval r, java.util.function.IntToDoubleFunction f) {
        double s = 0, w = 0;
        for (int i = 0; i < r.queries(); i++) {
            if (relevantCount(r.qrels().get(i)) == 0) continue;
            double wi = r.weights() == null ? 1 : r.weights()[i];
            if (wi == 0) continue;
            s += wi * f.applyAsDouble(i);
            w += wi;
        }
        return w == 0 ? Double.NaN : s / w;
    }

    static boolean relevant(Map<Integer, Integer> qrels, int doc) {
        Integer g = qrels.get(doc);
        return g != null && g > 0;
    }

    /** Number of judged docs with grade &gt; 0. */
    public static int relevantCount(Map<Integer, Integer> qrels) {
        int c = 0;
        for (int g : qrels.values()) if (g > 0) c++;
        return c;
    }

    /** Relevant docs among the first k of the ranking. */
    public static int hits(int[] ranking, Map<Integer, Integer> qrels, int k) {
        int h = 0;
        for (int i = 0; i < Math.min(k, ranking.length); i++) if (relevant(qrels, ranking[i])) h++;
        return h;
    }

    /** 1/rank of the first relevant doc within the top k; 0 if none. */
    public static double reciprocalRank(int[] ranking, Map<Integer, Integer> qrels, int k) {
        for (int i = 0; i < Math.min(k, ranking.length); i++) if (relevant(qrels, ranking[i])) return 1.0 / (i + 1);
        return 0;
    }

    /** nDCG@k with linear (rel) or exponential (2^rel − 1) gain; NaN when no doc has grade &gt; 0. */
    public static double ndcg(int[] ranking, Map<Integer, Integer> qrels, int k, boolean exponential) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranking.length); i++) {
            Integer g = qrels.get(ranking[i]);
            if (g != null && g > 0) dcg += gain(g, exponential) / log2(i + 2);
        }
        int[] grades = qrels.values().stream().mapToInt(Integer::intValue).filter(g -> g > 0).toArray();
        Arrays.sort(grades);
        double idcg = 0;
        for (int i = 0; i < Math.min(k, grades.length); i++) idcg += gain(grades[grades.length - 1 - i], exponential) / log2(i + 2);
        return idcg == 0 ? Double.NaN : dcg / idcg;
    }

    /** AP over the top k: Σ_{hits} (hits so far / rank) / (min(k,|rel|) or |rel|); NaN when nothing is relevant. */
    public static double averagePrecision(int[] ranking, Map<Integer, Integer> qrels, int k, boolean normMin) {
        int rel = relevantCount(qrels);
        if (rel == 0) return Double.NaN;
        double s = 0;
        int h = 0;
        for (int i = 0; i < Math.min(k, ranking.length); i++) {
            if (relevant(qrels, ranking[i])) {
                h++;
                s += (double) h / (i + 1);
            }
        }
        return s / (normMin ? Math.min(k, rel) : rel);
    }

    private static double gain(int g, boolean exponential) {
        return exponential ? Math.pow(2, g) - 1 : g;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /**
     * Unbiased pass@k (Chen et al. 2021, <i>Evaluating Large Language Models Trained on Code</i>; used as a coverage
     * curve by <i>Large Language Monkeys</i>): 1 − C(n−c, k)/C(n, k) for n samples of which c are correct,
     * computed as 1 − Π_{i=n−c+1}^{n} (1 − k/i).
     */
    public static double passAtK(int n, int c, int k) {
        if (n <= 0 || c < 0 || c > n || k <= 0 || k > n) {
            throw new IllegalArgumentException("pass@k needs 0 < k <= n and 0 <= c <= n, got n=" + n + ", c=" + c + ", k=" + k);
        }
        if (n - c < k) return 1.0;
        double prod = 1;
        for (int i = n - c + 1; i <= n; i++) prod *= 1.0 - (double) k / i;
        return 1.0 - prod;
    }
}
